// Abort signals on servers and sockets, as Node has them: listen({ signal }) closes a net or an
// http server when it aborts (on the next tick if it already has), a client socket's signal
// destroys it with an AbortError, dgram's closes the socket, and events.getEventListeners lists
// an AbortSignal's listeners (one while a socket waits on it, none once it is done). ES5 for Rhino.
'use strict';
var net = require('net');
var http = require('http');
var dgram = require('dgram');
var events = require('events');

function attempt(f) {
  try {
    f();
    console.log('no error');
  } catch (e) {
    console.log(e.code + ': ' + e.message);
  }
}

attempt(function () { net.createServer().listen({ port: 0, signal: 'INVALID' }); });
attempt(function () { net.connect({ port: 1, host: '127.0.0.1', signal: {} }); });

var steps = [];
function next() {
  var s = steps.shift();
  if (s) {
    s();
  }
}

steps.push(function netServerAbort() {
  var ac = new AbortController();
  var server = net.createServer();
  server.on('close', function () {
    console.log('net server closed by its signal; listeners left:', events.getEventListeners(ac.signal, 'abort').length);
    next();
  });
  server.listen({ port: 0, host: '127.0.0.1', signal: ac.signal }, function () {
    console.log('net server listening; abort listeners:', events.getEventListeners(ac.signal, 'abort').length);
    ac.abort();
  });
});

steps.push(function netServerPreAborted() {
  var server = net.createServer();
  var listening = false;
  server.on('listening', function () { listening = true; });
  server.on('close', function () {
    console.log('net server with an aborted signal closed; it was listening:', listening);
    next();
  });
  server.listen({ port: 0, host: '127.0.0.1', signal: AbortSignal.abort() });
});

steps.push(function httpServerPreAborted() {
  var server = http.createServer();
  var listening = false;
  server.on('listening', function () { listening = true; });
  server.on('close', function () {
    console.log('http server with an aborted signal closed; it was listening:', listening);
    next();
  });
  server.listen({ port: 0, host: '127.0.0.1', signal: AbortSignal.abort() });
});

steps.push(function clientSocketAbort() {
  var server = net.createServer(function (c) { c.on('error', function () {}); });
  server.listen(0, '127.0.0.1', function () {
    var ac = new AbortController();
    var socket = net.connect({ port: server.address().port, host: '127.0.0.1', signal: ac.signal });
    console.log('socket waiting; abort listeners:', events.getEventListeners(ac.signal, 'abort').length);
    socket.on('connect', function () { ac.abort(new Error('enough')); });
    socket.on('error', function (e) {
      console.log('socket error', e.name, e.code, e.message, 'cause:', e.cause && e.cause.message);
    });
    socket.on('close', function (hadError) {
      console.log('socket closed, hadError=' + hadError + ', destroyed=' + socket.destroyed,
        'listeners left:', events.getEventListeners(ac.signal, 'abort').length);
      server.close(next);
    });
  });
});

steps.push(function clientSocketPreAborted() {
  var socket = new net.Socket({ signal: AbortSignal.abort() });
  socket.on('error', function (e) { console.log('pre-aborted socket error', e.name, e.code); });
  socket.on('close', function () {
    console.log('pre-aborted socket closed');
    next();
  });
});

steps.push(function dgramAbort() {
  var ac = new AbortController();
  var socket = dgram.createSocket({ type: 'udp4', signal: ac.signal });
  socket.on('close', function () {
    console.log('dgram socket closed by its signal');
    next();
  });
  socket.bind(0, '127.0.0.1', function () { ac.abort(); });
});

steps.push(function eventTargetListeners() {
  var target = new EventTarget();
  function a() {}
  function b() {}
  target.addEventListener('x', a);
  target.addEventListener('x', b, { once: true });
  target.addEventListener('x', a); // the same listener twice: kept once
  console.log('EventTarget listeners:', events.getEventListeners(target, 'x').map(function (f) { return f.name; }),
    events.getEventListeners(target, 'y').length);
  target.dispatchEvent(new Event('x'));
  console.log('after a dispatch (the once listener gone):', events.getEventListeners(target, 'x').length);
  next();
});

next();
