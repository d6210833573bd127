// What a socket's handle allows before bind and after close, as libuv's and Node's: a UDP option
// set before the socket is bound is EBADF (the handle has no descriptor yet), and once bound it
// works; after close the handle is gone (a TypeError for dgram's options, as Node's null handle);
// a TCP socket's _handle is null from its 'close' event on, and its methods do nothing.
var dgram = require('dgram');
var net = require('net');

var names = ['setBroadcast', 'setTTL', 'setMulticastTTL', 'setMulticastLoopback'];
var u = dgram.createSocket('udp4');
names.forEach(function (m) {
  try {
    u[m](m.indexOf('TTL') >= 0 ? 5 : true);
    console.log(m, 'unbound: no error');
  } catch (e) {
    console.log(m, 'unbound:', e.message, e.code, e.errno, e.syscall);
  }
});
try {
  u.setTTL('5');
} catch (e) {
  console.log('setTTL(string):', e.code);
}
u.bind(0, '127.0.0.1', function () {
  console.log('bound: setMulticastLoopback(16) =', u.setMulticastLoopback(16));
  console.log('bound: setMulticastTTL(3) =', u.setMulticastTTL(3));
  u.setBroadcast(true);
  console.log('bound: setBroadcast ok');
  u.close(function () {
    names.forEach(function (m) {
      try {
        u[m](m.indexOf('TTL') >= 0 ? 5 : true);
        console.log(m, 'closed: no error');
      } catch (e) {
        console.log(m, 'closed:', e.constructor.name);
      }
    });
    tcp();
  });
});

function tcp() {
  var server = net.createServer(function (s) {
    s.end();
  });
  server.listen(0, '127.0.0.1', function () {
    var c = net.createConnection(server.address().port, '127.0.0.1');
    console.log('connecting: _handle is', c._handle === null ? 'null' : 'set');
    c.resume();
    c.on('close', function () {
      console.log('closed: _handle is', c._handle === null ? 'null' : 'set');
      c.setNoDelay();
      c.setKeepAlive();
      c.pause();
      c.resume();
      console.log('closed: address() is', JSON.stringify(c.address()));
      server.close(function () {
        console.log('done');
      });
    });
  });
}
