// net's errors: a refused connection, an address in use, bad ports, a write after end, and a
// destroyed socket's event order.
const net = require('net');

const s1 = net.createServer();
s1.listen(0, '127.0.0.1', () => {
  const port = s1.address().port;
  const s2 = net.createServer();
  s2.on('error', (e) => {
    console.log('listen error:', e.code, e.errno, e.syscall, e.address, e.port === port, e.message.replace(String(port), 'PORT'));
    s1.close(() => {
      console.log('s1 closed');
      // the port is free now: a connect is refused
      const c = net.connect({ port, host: '127.0.0.1' });
      c.on('error', (e) => console.log('connect error:', e.code, e.errno, e.syscall, e.address, e.port === port, e.message.replace(String(port), 'PORT')));
      c.on('close', (hadError) => {
        console.log('close after refusal', hadError, c.destroyed);
        destroyOrder();
      });
    });
  });
  s2.listen(port, '127.0.0.1');
});

for (const p of [-1, 65536, 1.5, '70000']) {
  try {
    net.connect(p, '127.0.0.1');
  } catch (e) {
    console.log('bad port', JSON.stringify(p), e.code, e.message);
  }
}

function destroyOrder() {
  let closed = 0;
  const server = net.createServer((sock) => {
    sock.on('close', () => {
      if (++closed === 2) {
        server.close(() => console.log('both server sides closed'));
      }
    });
    sock.on('error', (e) => console.log('server side error', e.code));
  });
  server.listen(0, '127.0.0.1', () => {
    const c = net.connect(server.address().port, '127.0.0.1');
    c.on('connect', () => {
      c.on('error', (e) => console.log('client error:', e.message));
      c.on('close', (hadError) => console.log('client close', hadError));
      c.destroy(new Error('boom'));
      console.log('destroyed', c.destroyed);
      const c2 = net.connect(server.address().port, '127.0.0.1', () => {
        c2.end();
        c2.write('late', (err) => console.log('write after end callback:', err && err.code));
        c2.on('error', (e) => console.log('write after end error:', e.code));
        c2.on('close', () => console.log('c2 closed'));
      });
    });
  });
}
