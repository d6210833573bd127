// A server made with pauseOnConnect hands over connections that do not read, even once a 'data'
// listener is added, until resume() is called; the bytes wait in the kernel meanwhile.
var net = require('net');
var server = net.createServer({ pauseOnConnect: true }, function (socket) {
  var resumed = false;
  socket.on('data', function (d) {
    console.log('data after resume:', resumed, String(d));
    socket.end();
    server.close(function () {
      console.log('closed');
    });
  });
  setTimeout(function () {
    console.log('before resume: bytesRead', socket.bytesRead, 'flowing', socket.readableFlowing);
    resumed = true;
    socket.resume();
  }, 100);
});
server.listen(0, '127.0.0.1', function () {
  var c = net.connect(server.address().port, '127.0.0.1', function () {
    c.end('hello');
  });
  c.resume();
});
