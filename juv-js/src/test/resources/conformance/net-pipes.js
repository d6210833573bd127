// net over Unix-domain sockets (Node's "pipes"): a server listening on a path (its address is the
// path, its socket file goes at close), clients connecting by path (a string that is not a
// number, or { path }), data both ways and half-close, and Node's errors: ENOENT for no such
// file, ECONNREFUSED for a file that is not a socket, EADDRINUSE for a path in use. Paths are
// printed as PATH. Written in ES5 for Rhino.
'use strict';
var net = require('net');
var fs = require('fs');
var os = require('os');
var path = require('path');

var dir = fs.mkdtempSync(path.join(os.tmpdir(), 'juv-pipes-'));
var sock = path.join(dir, 's');
var plain = path.join(dir, 'plain.txt');
fs.writeFileSync(plain, '');

function hide(text) {
  return String(text).split(dir).join('PATH');
}

function showError(label) {
  return function (e) {
    console.log(label + ':', e.code, e.syscall, hide(e.message), 'address=' + hide(e.address), 'port=' + e.port);
  };
}

var server = net.createServer(function (c) {
  // printed at the end of the request: whether the client's connect callback or the server's
  // connection event runs first is the scheduler's choice
  var peer = 'remoteAddress=' + c.remoteAddress + ' remotePort=' + c.remotePort;
  var got = '';
  c.setEncoding('utf8');
  c.on('data', function (d) { got += d; });
  c.on('end', function () {
    console.log('server got', JSON.stringify(got), 'from a connection with', peer);
    c.end('echo:' + got);
  });
});

server.listen(sock, function () {
  console.log('listening on', hide(server.address()), 'socket file:', fs.statSync(sock).isSocket());
  var second = net.createServer();
  second.on('error', showError('a second server on the same path'));
  second.listen({ path: sock }, function () { console.log('the second server listens?'); });
  var c = net.connect(sock, function () {
    console.log('client connected, remoteAddress=' + c.remoteAddress, 'address:', JSON.stringify(c.address()));
    c.end('hello over a pipe');
  });
  var answer = '';
  c.setEncoding('utf8');
  c.on('data', function (d) { answer += d; });
  c.on('close', function () {
    console.log('client got', JSON.stringify(answer));
    errors();
  });
});

function errors() {
  var left = 2;
  function done() {
    if (--left === 0) {
      server.close(function () {
        console.log('server closed; socket file left:', fs.existsSync(sock));
        fs.rmSync(dir, { recursive: true });
      });
    }
  }
  var a = net.connect({ path: path.join(dir, 'none') });
  a.on('error', showError('no such file'));
  a.on('close', done);
  var b = net.createConnection(plain);
  b.on('error', showError('not a socket'));
  b.on('close', done);
}
