// dgram's argument checks and states, as Node's: connect (port checked at once, a second one
// refused at once, 'connect' on a later tick, a failed lookup to the callback), send and sendto
// (argument errors in Node's order), address() before bind (EBADF from the handle), a bind
// callback that an error removes, buffer sizes, multicast arguments, and an AbortSignal that
// closes the socket. Everything stays on 127.0.0.1; no name is looked up.
var dgram = require('dgram');

function show(what, fn) {
  try {
    var r = fn();
    console.log(what + ': ok' + (r === undefined ? '' : ' ' + JSON.stringify(r)));
  } catch (e) {
    console.log(what + ': ' + e.name + ' ' + e.code + ' ' + e.message);
  }
}

var s = dgram.createSocket('udp4');
var ports = [0, null, 78960, undefined, '', '80x', -1, 1.5, {}];
for (var i = 0; i < ports.length; i++) {
  show('connect port ' + String(ports[i]), function () { s.connect(ports[i]); });
}
show('address before bind', function () { return s.address(); });
show('getRecvBufferSize before bind', function () { return s.getRecvBufferSize(); });
show('setRecvBufferSize(-1)', function () { s.setRecvBufferSize(-1); });
show('setMulticastInterface(1)', function () { s.setMulticastInterface(1); });
show('setMulticastInterface before bind', function () { s.setMulticastInterface('127.0.0.1'); });
show('addMembership()', function () { s.addMembership(); });
show('addSourceSpecificMembership(0, g)', function () { s.addSourceSpecificMembership(0, '224.0.0.114'); });
show('dropSourceSpecificMembership(g, 0)', function () { s.dropSourceSpecificMembership('224.0.0.114', 0); });
show('send(23, port)', function () { s.send(23, 12345, '127.0.0.1'); });
show('send([buf, 23], port)', function () { s.send([Buffer.from('a'), 23], 12345, '127.0.0.1'); });
show('send(buf, 6, 0, port)', function () { s.send(Buffer.from('hello'), 6, 0, 12345, '127.0.0.1'); });
show('send(buf, 0, 6, port)', function () { s.send(Buffer.from('hello'), 0, 6, 12345, '127.0.0.1'); });
show('send(buf, port, [])', function () { s.send(Buffer.from('a'), 12345, []); });
show('sendto(buf, "0", 1, port, a)', function () { s.sendto(Buffer.from('a'), '0', 1, 12345, '127.0.0.1'); });
show('sendto(buf, 0, 1, port, 1)', function () { s.sendto(Buffer.from('a'), 0, 1, 12345, 1); });
show('createSocket lookup: 1', function () { dgram.createSocket({ type: 'udp4', lookup: 1 }); });
show('createSocket signal: {}', function () { dgram.createSocket({ type: 'udp4', signal: {} }); });
show('createSocket recvBufferSize: -1', function () { dgram.createSocket({ type: 'udp4', recvBufferSize: -1 }); });

var ticks = [];
var peer = dgram.createSocket('udp4');
peer.bind(0, '127.0.0.1', function () {
  var port = peer.address().port;
  s.connect(port, '127.0.0.1', function () {
    ticks.push('connect callback');
    console.log('connected to the peer:', s.remoteAddress().port === port, ticks.join(', '));
    show('connect again', function () { s.connect(port); });
    show('send with a port while connected', function () { s.send('x', port, '127.0.0.1'); });
    show('send(buf, port, address, cb) while connected', function () { s.send('x', port, '127.0.0.1', function () {}); });
    s.disconnect();
    show('disconnect again', function () { s.disconnect(); });
    show('remoteAddress after disconnect', function () { s.remoteAddress(); });
    s.close();
    peer.close();
    failedLookup();
  });
  show('connect while connecting', function () { s.connect(port); });
  process.nextTick(function () { ticks.push('next tick'); });
});

function failedLookup() {
  var lookups = 0;
  var t = dgram.createSocket({
    type: 'udp4',
    lookup: function (host, options, cb) {
      lookups++;
      if (host === 'nowhere.invalid') {
        var e = new Error('getaddrinfo ENOTFOUND ' + host);
        e.code = 'ENOTFOUND';
        return process.nextTick(cb, e);
      }
      process.nextTick(cb, null, '127.0.0.1', 4);
    }
  });
  t.connect(9, 'nowhere.invalid', function (err) {
    console.log('failed connect: to the callback:', err.code, 'connected:', (function () {
      try { t.remoteAddress(); return true; } catch (e) { return e.code; }
    })(), 'lookups:', lookups);
    t.close();
    bindRetries();
  });
}

function bindRetries() {
  var holder = dgram.createSocket('udp4');
  holder.bind(0, '127.0.0.1', function () {
    var port = holder.address().port;
    var again = dgram.createSocket('udp4');
    var errors = 0;
    again.on('error', function (e) {
      if (++errors < 15) {
        again.bind(port, '127.0.0.1', function () { console.log('bound: never'); });
      } else {
        console.log('bind errors:', errors, e.code, 'listening listeners left:', again.listenerCount('listening'),
          'error listeners left:', again.listenerCount('error'));
        again.close();
        holder.close();
        sizes();
      }
    });
    again.bind(port, '127.0.0.1', function () { console.log('bound: never'); });
  });
}

function sizes() {
  var u = dgram.createSocket({ type: 'udp4', recvBufferSize: 65536, sendBufferSize: 32768 });
  u.bind(0, '127.0.0.1', function () {
    console.log('buffer sizes from the options (the kernel doubles them):',
      u.getRecvBufferSize() >= 65536, u.getSendBufferSize() >= 32768);
    u.setRecvBufferSize(131072);
    console.log('set again:', u.getRecvBufferSize() >= 131072);
    show('setMulticastInterface(127.0.0.1)', function () { u.setMulticastInterface('127.0.0.1'); });
    show('setMulticastInterface("")', function () { u.setMulticastInterface(''); });
    u.close(function () {
      show('getRecvBufferSize after close', function () { return u.getRecvBufferSize(); });
      show('address after close', function () { return u.address(); });
      signals();
    });
  });
}

function signals() {
  var ac = new AbortController();
  var v = dgram.createSocket({ type: 'udp4', signal: ac.signal });
  v.on('close', function () {
    console.log('aborted: closed');
    var w = dgram.createSocket({ type: 'udp4', signal: AbortSignal.abort() });
    w.on('close', function () { console.log('already aborted: closed'); });
  });
  ac.abort();
}
