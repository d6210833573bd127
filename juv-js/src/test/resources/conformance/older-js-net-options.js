// net's argument checks and counters, as Node's: connect() without a port, a bad options.port,
// localAddress and localPort (checked, then bound before the connect: a taken port is EADDRINUSE),
// objectMode refused, createServer's options; bytesWritten counting what is still queued (a
// string by its bytes) and starting again on a new connection, bufferSize; a write still waiting
// for the connection when the socket is destroyed; 'listening' never after close(); and a write
// right after the peer's FIN, which goes out while this side has not ended. All on 127.0.0.1.
var net = require('net');

// What the servers saw, printed at exit: their events race with the clients' own.
var serverLog = [];
process.on('exit', function () {
  console.log(serverLog.join('\n'));
});

function show(what, fn) {
  try {
    fn();
    console.log(what + ': ok');
  } catch (e) {
    console.log(what + ': ' + e.name + ' ' + e.code + ' ' + e.message);
  }
}

show('connect()', function () { net.connect(); });
show('connect({})', function () { new net.Socket().connect({}); });
show('connect({port: true})', function () { net.connect({ port: true }); });
show('connect({port: null})', function () { net.connect({ port: null }); });
show('localAddress: foobar', function () { net.connect({ port: 9, host: '127.0.0.1', localAddress: 'foobar' }); });
show('localPort: foobar', function () { net.connect({ port: 9, host: '127.0.0.1', localPort: 'foobar' }); });
show('objectMode', function () { new net.Socket({ objectMode: true }); });
show('writableObjectMode', function () { new net.Socket({ writableObjectMode: 1 }); });
show('createServer("path")', function () { net.createServer('path'); });
show('createServer(0)', function () { net.createServer(0); });

var closedBeforeListening = net.createServer();
closedBeforeListening.on('listening', function () { console.log('listening after close: never'); });
closedBeforeListening.listen(0, '127.0.0.1');
closedBeforeListening.close(function () { console.log('closed before listening'); });

var server1 = net.createServer(function (s) {
  var got = '';
  s.setEncoding('utf8');
  s.on('data', function (d) { got += d; });
  s.on('end', function () {
    serverLog.push('the server got ' + JSON.stringify(got));
    s.end();
  });
});
server1.listen(0, '127.0.0.1', function () {
  var port = server1.address().port;
  var c = net.connect({ port: port, host: '127.0.0.1' });
  c.write("L'État, ");
  c.write('c\'est moi');
  console.log('while connecting: bytesWritten', c.bytesWritten, 'bufferSize', c.bufferSize, 'connecting', c._connecting);
  c.on('connect', function () {
    console.log('connected: localPort is not the server\'s', c.localPort !== port);
    c.end();
  });
  c.once('close', function () {
    console.log('closed: bytesWritten', c.bytesWritten);
    c.connect(port, '127.0.0.1', function () {
      console.log('again: bytesWritten', c.bytesWritten);
      c.destroy();
      localBind(port);
    });
  });
});

function localBind(port) {
  var taken = net.createServer();
  taken.listen(0, '127.0.0.1', function () {
    var c = net.connect({ host: '127.0.0.1', port: port, localAddress: '127.0.0.1', localPort: taken.address().port });
    c.on('connect', function () { console.log('connected from a taken port: never'); });
    c.on('error', function (e) {
      console.log('local port taken:', e.code, e.syscall);
      taken.close();
      pendingWrite(port);
    });
  });
}

function pendingWrite(port) {
  var c = new net.Socket();
  c.on('connect', function () { console.log('connected: never'); });
  c.connect(port, '127.0.0.1');
  c.write('foo', function (err) {
    console.log('the waiting write:', err.code, err.message);
    server1.close();
    afterFin();
  });
  c.destroy();
}

function afterFin() {
  var server = net.createServer(function (s) {
    server.close();
    s.on('data', function (d) { serverLog.push('the server still got ' + JSON.stringify(String(d))); });
    s.end();
  });
  server.listen(0, '127.0.0.1', function () {
    var c = net.connect(server.address().port, '127.0.0.1');
    c.on('end', function () {
      console.log('after the peer\'s FIN: writable', c.writable);
      c.write('hello', function (err) { console.log('that write:', err ? err.code : 'done'); });
    });
    c.on('close', function () {
      show('a write once both sides ended', function () {
        c.write('late', function (err) { console.log('late write callback:', err.code); });
      });
    });
    c.on('error', function (e) { console.log('error:', e.code, e.message); });
  });
}
