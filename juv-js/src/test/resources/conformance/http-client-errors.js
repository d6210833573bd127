// http client errors: a refused connection, a server that drops the connection mid-response
// ("socket hang up" / "aborted"), a request timeout, destroy() before the response, and the
// validation errors Node throws.
const http = require('http');
const net = require('net');

function refused(next) {
  const probe = net.createServer();
  probe.listen(0, '127.0.0.1', () => {
    const port = probe.address().port;
    probe.close(() => {
      const req = http.get({ host: '127.0.0.1', port, path: '/' });
      req.on('error', (e) => console.log('refused:', e.code, e.syscall, e.address, e.port === port, e.message.replace(String(port), 'PORT')));
      req.on('close', () => {
        console.log('refused request closed');
        next();
      });
    });
  });
}

function hangUp(next) {
  // a raw TCP server that reads the request and closes without answering
  const s = net.createServer((sock) => {
    sock.once('data', () => sock.destroy());
  });
  s.listen(0, '127.0.0.1', () => {
    const req = http.get({ host: '127.0.0.1', port: s.address().port });
    req.on('error', (e) => console.log('hang up:', e.code, e.message));
    req.on('close', () => s.close(next));
  });
}

function cutBody(next) {
  const s = net.createServer((sock) => {
    sock.once('data', () => {
      sock.write('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly part');
      setTimeout(() => sock.destroy(), 30);
    });
  });
  s.listen(0, '127.0.0.1', () => {
    const req = http.get({ host: '127.0.0.1', port: s.address().port }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('aborted', () => console.log('res aborted event'));
      res.on('error', (e) => console.log('res error:', e.code, e.message, JSON.stringify(body)));
      res.on('close', () => {
        console.log('res close, complete:', res.complete);
        s.close(next);
      });
    });
    req.on('error', (e) => console.log('req error:', e.code));
  });
}

function timeout(next) {
  const s = http.createServer(() => { /* never answers */ });
  s.listen(0, '127.0.0.1', () => {
    const req = http.get({ host: '127.0.0.1', port: s.address().port, timeout: 50 });
    req.on('timeout', () => {
      console.log('timeout event');
      req.destroy();
    });
    req.on('error', (e) => console.log('after destroy:', e.code, e.message));
    req.on('close', () => {
      s.close();
      s.closeAllConnections && s.closeAllConnections();
      next();
    });
  });
}

function invalid() {
  for (const f of [
    () => http.request({ host: '127.0.0.1', method: 'BAD METHOD' }),
    () => http.request({ host: '127.0.0.1', path: '/a b' }),
    () => http.request({ host: '127.0.0.1', headers: { 'bad header': 'x' } }),
    () => http.request({ host: '127.0.0.1', headers: { ok: 'bad\nvalue' } }),
    () => http.request('https://127.0.0.1/'),
    () => http.request({ host: 42 }),
  ]) {
    try {
      f();
      console.log('no error');
    } catch (e) {
      console.log(e.name, e.code, e.message);
    }
  }
}

refused(() => hangUp(() => cutBody(() => timeout(invalid))));
