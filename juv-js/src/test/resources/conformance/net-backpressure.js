// net backpressure: a client writes 10 MiB in 64 KiB pieces to a server that starts paused, so
// the kernel's buffers fill and write() returns false (where exactly depends on the kernel: the
// program prints only what does not); after each false it waits for 'drain'. The server resumes
// later and receives every byte in order (a checksum over every 97th byte).
const net = require('net');

const PIECES = 160;
const SIZE = 64 * 1024;
let serverDone = false;
let clientDone = false;
const lines = [];

const server = net.createServer((sock) => {
  sock.pause();
  lines.push('server: paused ' + sock.isPaused());
  let total = 0;
  let sum = 0;
  setTimeout(() => {
    lines.push('server: resume');
    sock.resume();
  }, 200);
  sock.on('data', (d) => {
    for (let i = (97 - (total % 97)) % 97; i < d.length; i += 97) {
      sum = (sum + d[i] * ((total + i) % 251)) % 1000000007;
    }
    total += d.length;
  });
  sock.on('end', () => {
    lines.push('server: end, total ' + total + ' checksum ' + sum);
    sock.end('thanks');
  });
  sock.on('close', () => {
    serverDone = true;
    server.close(finish);
  });
});

server.listen(0, '127.0.0.1', () => {
  const client = net.connect(server.address().port, '127.0.0.1');
  let i = 0;
  let expected = 0;
  let falses = 0;
  let drains = 0;
  const distinct = [0, 1, 2, 3].map((n) => {
    const b = Buffer.alloc(SIZE);
    for (let j = 0; j < SIZE; j++) {
      b[j] = (n * 7 + j * 3) & 255;
    }
    return b;
  });
  const piece = (n) => distinct[(n * 3) % 4];
  for (let n = 0; n < PIECES; n++) {
    const p = piece(n);
    for (let j = (97 - ((n * SIZE) % 97)) % 97; j < SIZE; j += 97) {
      expected = (expected + p[j] * ((n * SIZE + j) % 251)) % 1000000007;
    }
  }
  function next() {
    while (i < PIECES) {
      const ok = client.write(piece(i));
      i++;
      if (!ok) {
        falses++;
        client.once('drain', () => {
          drains++;
          next();
        });
        return;
      }
    }
    client.end();
    lines.push('client: some write() returned false: ' + (falses > 0) + '; a drain after each: ' + (drains === falses));
    lines.push('client: end called, expected checksum ' + expected + ', bytesWritten ' + client.bytesWritten);
  }
  client.on('connect', next);
  let reply = '';
  client.setEncoding('utf8');
  client.on('data', (d) => (reply += d));
  client.on('end', () => lines.push('client: reply ' + reply));
  client.on('close', () => {
    clientDone = true;
    finish();
  });
});

function finish() {
  if (serverDone && clientDone && !finish.done) {
    finish.done = true;
    // each side's lines in order; the two sides interleave differently from run to run
    console.log(lines.filter((l) => l.startsWith('client')).join('\n'));
    console.log(lines.filter((l) => l.startsWith('server')).join('\n'));
  }
}
