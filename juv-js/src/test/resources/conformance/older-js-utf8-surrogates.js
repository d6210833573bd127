// Strings become UTF-8 as Node writes them: an unpaired surrogate is U+FFFD (EF BF BD), in a
// Buffer, in Buffer.byteLength, in an HTTP body and its Content-Length, and on stdout; a pair is
// one four-byte character.
var http = require('http');
var net = require('net');

var samples = ['plain', 'caf\u00e9', '\u20ac5', 'a\ud800b', '\udc00x', 'end\ud83d', '\ud83d\ude00', '\ud83d\ud83d\ude00'];
samples.forEach(function (s) {
  console.log(JSON.stringify(s), Buffer.from(s).toString('hex'), Buffer.byteLength(s),
    Buffer.byteLength(s, 'utf8'), Buffer.byteLength(s, 'utf-8'), Buffer.from(s, 'utf8').length);
});
process.stdout.write('stdout: a\ud800b \ud83d\ude00\n');

var server = http.createServer(function (req, res) {
  res.setHeader('Content-Type', 'text/plain');
  res.end('body \ud800 \ud83d\ude00 \udfff');
});
server.listen(0, '127.0.0.1', function () {
  var socket = net.connect(server.address().port, '127.0.0.1');
  var chunks = [];
  socket.on('data', function (d) { chunks.push(d); });
  socket.on('end', function () {
    var raw = Buffer.concat(chunks);
    var text = raw.toString('latin1');
    var head = text.slice(0, text.indexOf('\r\n\r\n'));
    var body = raw.slice(head.length + 4);
    console.log('content-length:', /content-length: (\d+)/i.exec(head)[1], 'body bytes:', body.length);
    console.log('body:', body.toString('hex'));
    server.close();
  });
  socket.write('GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
});
