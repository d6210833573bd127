// allowHalfOpen: the server reads to the end and answers after the client's end; without it the
// socket ends its side at once. setTimeout fires on an idle socket; address() and setNoDelay.
const net = require('net');

const server = net.createServer({ allowHalfOpen: true }, (sock) => {
  let got = '';
  sock.setEncoding('utf8');
  sock.on('data', (d) => (got += d));
  sock.on('end', () => {
    console.log('server end, writable still', sock.writable, JSON.stringify(got));
    setTimeout(() => sock.end('late answer to ' + got), 20);
  });
  sock.on('close', () => server.close(() => second()));
});
server.listen(0, '127.0.0.1', () => {
  const c = net.connect({ port: server.address().port, host: '127.0.0.1', allowHalfOpen: true }, () => {
    c.setNoDelay(true);
    console.log('client address family', c.address().family, c.remoteFamily);
    c.end('question');
  });
  let answer = '';
  c.on('data', (d) => (answer += d));
  c.on('end', () => console.log('client end', answer));
  c.on('close', (e) => console.log('client close', e));
});

function second() {
  const s = net.createServer((sock) => {
    sock.on('end', () => console.log('server end; writable after auto-end', sock.writable));
    sock.on('close', () => s.close(() => third()));
  });
  s.listen(0, '127.0.0.1', () => {
    const c = net.connect(s.address().port, '127.0.0.1', () => c.end());
    c.on('close', () => console.log('second client closed'));
  });
}

function third() {
  const s = net.createServer((sock) => {
    sock.setTimeout(50, () => {
      console.log('idle timeout, timeout =', sock.timeout);
      sock.destroy();
    });
    sock.on('close', () => s.close(() => console.log('all done')));
  });
  s.listen(0, '127.0.0.1', () => {
    const c = net.connect(s.address().port, '127.0.0.1');
    c.on('close', () => console.log('third client closed'));
  });
}
