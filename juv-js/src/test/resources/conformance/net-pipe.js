// Sockets as streams: an echo server that pipes each socket into itself, a client that pipes a
// Readable.from into the socket and collects the echo with async iteration, then pipeline with
// a Transform counting bytes.
const net = require('net');
const { Readable, Transform, pipeline } = require('stream');

const server = net.createServer((sock) => sock.pipe(sock));
server.listen(0, '127.0.0.1', async () => {
  const port = server.address().port;
  const sock = net.connect(port, '127.0.0.1');
  Readable.from(['alpha ', 'beta ', 'gamma']).pipe(sock);
  let echoed = '';
  sock.setEncoding('utf8');
  for await (const chunk of sock) {
    echoed += chunk;
  }
  console.log('echoed:', echoed, 'ended:', sock.readableEnded);

  const sock2 = net.connect(port, '127.0.0.1');
  let counted = 0;
  const counter = new Transform({
    transform(chunk, enc, cb) {
      counted += chunk.length;
      cb(null, chunk);
    },
  });
  const parts = [];
  for (let i = 0; i < 100; i++) {
    parts.push('part ' + i + ';');
  }
  let back = '';
  sock2.on('data', (d) => (back += d));
  sock2.on('end', () => {
    console.log('back', back.length, back === parts.join(''), 'counted', counted);
    server.close(() => console.log('server closed'));
  });
  pipeline(Readable.from(parts), counter, sock2, (err) => console.log('pipeline done', err));
});
