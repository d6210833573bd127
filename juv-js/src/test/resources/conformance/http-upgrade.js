// http's protocol upgrades, as Node's server has them: an upgrade request goes to 'upgrade'
// listeners with its connection as a net.Socket and the bytes read after its head; without a
// listener it is an ordinary request (req.upgrade false); the socket is the program's from then
// on (it echoes here, as a WebSocket server would speak its protocol). The server is an older
// program's subclass, initialised with http.Server.call(this). Written in ES5 for Rhino.
'use strict';
var http = require('http');
var net = require('net');
var util = require('util');

function EchoServer() {
  http.Server.call(this, function (req, res) {
    console.log('request', req.url, 'upgrade=' + req.upgrade, 'upgrade header=' + req.headers.upgrade);
    res.setHeader('Content-Length', '2');
    res.end('no');
  });
}
util.inherits(EchoServer, http.Server);

var server = new EchoServer();
console.log('subclass:', server instanceof http.Server, typeof server.listen, server.requestTimeout);

function onUpgrade(req, socket, head) {
  console.log('upgrade', req.method, req.url, 'upgrade=' + req.upgrade, 'complete=' + req.complete,
    'head=' + JSON.stringify(String(head)), 'net.Socket=' + (socket instanceof net.Socket),
    'req.socket is it=' + (req.socket === socket), 'flowing=' + socket.readableFlowing);
  socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: echo\r\nConnection: Upgrade\r\n\r\n');
  socket.write(head);
  socket.on('data', function (d) { socket.write(d); });
  socket.on('end', function () {
    console.log('socket end');
    socket.end();
  });
  socket.on('close', function () { console.log('socket close'); });
}

/** Sends `first`, then `second` after the first answer, ends; gives everything read. */
function talk(port, first, second, done) {
  var got = '';
  var sentSecond = false;
  var c = net.connect(port, '127.0.0.1', function () { c.write(first); });
  c.setEncoding('latin1');
  c.on('data', function (d) {
    got += d;
    if (!sentSecond) {
      sentSecond = true;
      setTimeout(function () { c.end(second); }, 20);
    }
  });
  c.on('close', function () { done(got); });
}

var upgradeRequest = 'GET /chat HTTP/1.1\r\nHost: x\r\nUpgrade: echo\r\nConnection: keep-alive, Upgrade\r\n\r\n';

server.listen(0, '127.0.0.1', function () {
  var port = server.address().port;
  // no 'upgrade' listener yet: an ordinary request, answered, and the connection stays HTTP
  talk(port, upgradeRequest, 'GET /after HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', function (got) {
    console.log('without a listener:', JSON.stringify(got.replace(/Date: [^\r]*\r\n/g, '')));
    server.on('upgrade', onUpgrade);
    // with one: the connection is handed over, with what followed the head in the same packet
    talk(port, upgradeRequest + 'first|', 'second', function (got2) {
      console.log('with a listener:', JSON.stringify(got2));
      server.close(function () { console.log('server closed'); });
    });
  });
});
