// http's 'clientError', as Node's server emits it: for a malformed request, a parse error with
// Node's code, reason, bytesParsed (the bytes before the one refused) and rawPacket (the bytes
// read); for a request past its deadline, ERR_HTTP_REQUEST_TIMEOUT; what the listener writes to
// the socket it gets is the answer, and the connection closes. Written in ES5 for Rhino.
'use strict';
var http = require('http');
var net = require('net');

var server = http.createServer({ requestTimeout: 300, headersTimeout: 300, connectionsCheckingInterval: 50 },
  function (req, res) {
    res.setHeader('Content-Length', '2');
    res.end('ok');
  });

var answers = ['HTTP/1.1 400 Nope\r\n\r\n', null, 'HTTP/1.1 400 Parts\r\n'];
server.on('clientError', function (err, socket) {
  console.log('clientError', err instanceof Error, JSON.stringify(Object.keys(err)), err.code, JSON.stringify(err.message),
    JSON.stringify(err.reason), err.bytesParsed, err.rawPacket === undefined ? 'no packet' : JSON.stringify(err.rawPacket.toString('latin1')),
    'writable=' + socket.writable);
  var answer = answers.shift();
  if (answer === null) {
    socket.destroy(); // no answer at all
  } else if (answer === undefined) {
    // written, then destroyed: Node's server would otherwise read the client's end after its
    // half-close and report a second clientError (HPE_INVALID_EOF_STATE), which juv's does not
    socket.write('HTTP/1.1 408 Later\r\n\r\n');
    socket.destroy();
  } else if (answer.indexOf('Parts') >= 0) {
    socket.write(answer);
    socket.write(Buffer.from('X-Part: 2\r\n\r\n'));
    socket.end();
  } else {
    socket.end(answer);
  }
});

var requests = [
  'GET / HTTP/1.1\r\nHost: x\r\n\r\n', // a good one first: no clientError
  'GET / HTTP/1.1\r\nHost: x\r\nDummy: x\nContent-Length: 23\r\n\r\n',
  'GET / HTTP/1.1\r\nHost: x\r\nBad Header: 1\r\n\r\n',
  'POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
  'GET / HTTP/1.1\r\nHost: x\r\n', // never ends: past the request timeout
];

server.listen(0, '127.0.0.1', function next() {
  var request = requests.shift();
  if (request === undefined) {
    server.close();
    return;
  }
  var got = '';
  var c = net.connect(server.address().port, '127.0.0.1', function () { c.write(request); });
  c.setEncoding('latin1');
  c.on('data', function (d) {
    got += d;
    if (got.indexOf('ok') >= 0) {
      c.end();
    }
  });
  c.on('error', function (e) { got += '<' + e.code + '>'; });
  c.on('close', function () {
    console.log('answer:', JSON.stringify(got.replace(/Date: [^\r]*\r\n/, '')));
    next();
  });
});
