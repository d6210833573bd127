// More of net as Node's: a custom lookup gets Node's options and every address it answers with
// is a 'lookup' event (only IPv4 and IPv6 ones are tried; with none, the first says what is
// wrong); dns.lookup's hints checked; setTimeout's arguments; a server's _connectionKey; the
// 'drop' event's addresses; a socket paused while connecting stays paused; the deprecated
// _setSimultaneousAccepts warns once. Everything stays on 127.0.0.1.
var net = require('net');
var dns = require('dns');

function show(what, fn) {
  try {
    fn();
    console.log(what + ': ok');
  } catch (e) {
    console.log(what + ': ' + e.name + ' ' + e.code + ' ' + e.message);
  }
}

process.on('warning', function (w) {
  console.log('warning:', w.name, w.code, w.message);
});
net._setSimultaneousAccepts();
net._setSimultaneousAccepts();

var s = new net.Socket();
var delays = ['100', true, undefined, null, -1, Infinity, NaN];
for (var i = 0; i < delays.length; i++) {
  show('setTimeout(' + String(delays[i]) + ')', function () { s.setTimeout(delays[i], function () {}); });
}
show('setTimeout(0, 1)', function () { s.setTimeout(0, 1); });
show('setTimeout(10, "x")', function () { s.setTimeout(10, 'x'); });
show('setTimeout(0)', function () { s.setTimeout(0); });
show('hints 46', function () { dns.lookup('localhost', { hints: 46 }, function () {}); });
show('hints "1"', function () { dns.lookup('localhost', { hints: '1' }, function () {}); });
show('hints -1', function () { dns.lookup('localhost', { hints: -1 }, function () {}); });
show('lookup: 1', function () { net.connect({ host: 'somewhere', port: 9, lookup: 1 }); });

var keyed = net.createServer();
keyed.listen(0, '127.0.0.1', function () {
  console.log('connection key:', keyed._connectionKey);
  keyed.close(twoAddresses);
});

function twoAddresses() {
  var server = net.createServer(function (c) {
    c.end();
    server.close(badFamily);
  });
  server.listen(0, '127.0.0.1', function () {
    var c = net.connect({
      port: server.address().port,
      host: 'two.example',
      lookup: function (host, options, cb) {
        console.log('lookup options:', JSON.stringify(options));
        process.nextTick(cb, null, [{ address: '127.0.0.1', family: 4 }, { address: '127.0.0.2', family: 4 }]);
      }
    });
    c.on('lookup', function (err, address, family, host) {
      console.log('lookup event:', err, address, family, host);
    });
    c.on('connect', function () {
      console.log('connected to', c.remoteAddress);
    });
    c.resume();
  });
}

function badFamily() {
  var c = net.connect({
    port: 9,
    host: 'odd.example',
    lookup: function (host, options, cb) {
      process.nextTick(cb, null, [{ address: '127.0.0.1', family: 100 }]);
    }
  });
  c.on('error', function (e) {
    console.log('bad family:', e.name, e.code, e.message, e.host, e.port);
    badAddress();
  });
}

function badAddress() {
  var c = net.connect({
    port: 9,
    host: 'odd.example',
    lookup: function (host, options, cb) {
      process.nextTick(cb, null, [{ address: 'not-an-ip', family: 4 }]);
    }
  });
  c.on('lookup', function (err, address, family) {
    console.log('lookup event:', err, address, family);
  });
  c.on('error', function (e) {
    console.log('bad address:', e.name, e.code, e.message);
    drops();
  });
}

function drops() {
  var first;
  var server = net.createServer(function (c) {
    first = c;
  });
  server.maxConnections = 1;
  server.on('drop', function (d) {
    console.log('drop:', d.localAddress, d.localPort === server.address().port, d.localFamily,
      d.remoteAddress, typeof d.remotePort, d.remoteFamily);
    first.destroy();
    server.close(paused);
  });
  server.listen(0, '127.0.0.1', function () {
    net.connect(server.address().port, '127.0.0.1').on('error', function () {});
    setTimeout(function () {
      net.connect(server.address().port, '127.0.0.1').on('error', function () {});
    }, 20);
  });
}

function paused() {
  var server = net.createServer(function (conn) {
    conn.unref();
  });
  server.listen(0, '127.0.0.1', function () {
    var c = net.connect(server.address().port, '127.0.0.1').pause();
    c.on('connect', function () {
      console.log('paused socket connected; isPaused', c.isPaused());
    });
    setTimeout(function () { console.log('still running: never'); }, 3000).unref();
  });
  server.unref();
  process.on('exit', function () {
    console.log('exited: a paused connection does not keep the process alive');
  });
}
