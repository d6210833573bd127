// http.Server.close() as Node's: it stops listening and closes the idle keep-alive connections
// at once; a request in progress is answered in full, and 'close' comes once its connection has
// closed too. A second close() gets ERR_SERVER_NOT_RUNNING. closeAllConnections() ends the
// requests in progress (the client hears "socket hang up", the server's request 'aborted').
const http = require('http');

const log = (...a) => console.log(...a);
const steps = [];
const next = () => steps.length && steps.shift()();

steps.push(function closeWithARequestInProgress() {
  let idleClosed = false;
  let waiting = 2; // the server's second close() and the client's answer, in either order
  let answer;
  const done = () => {
    if (--waiting === 0) {
      log('client got', answer);
      next();
    }
  };
  const server = http.createServer((req, res) => {
    if (req.url === '/idle') {
      res.end('idle one');
      return;
    }
    log('request in progress, closing the server');
    server.close((err) => {
      log('server close, error:', err, '; idle connection closed before:', idleClosed);
      server.close((again) => {
        log('second close:', again.code);
        done();
      });
    });
    log('listening after close():', server.listening, 'address:', server.address());
    setTimeout(() => res.end('answered in full'), 50);
  });
  server.listen(0, '127.0.0.1', () => {
    const port = server.address().port;
    const keepAlive = new http.Agent({ keepAlive: true });
    http.get({ port, host: '127.0.0.1', path: '/idle', agent: keepAlive }, (res) => {
      const socket = res.socket;
      res.resume();
      res.on('end', () => {
        // the keep-alive connection now idles in the agent; the server's close() closes it
        socket.on('close', () => { idleClosed = true; log('the idle connection closed'); });
        http.get({ port, host: '127.0.0.1', path: '/busy', agent: false }, (busy) => {
          let body = '';
          busy.setEncoding('utf8');
          busy.on('data', (d) => { body += d; });
          busy.on('end', () => {
            answer = busy.statusCode + ' ' + body;
            done();
          });
        });
      });
    });
  });
});

steps.push(function closeAllConnections() {
  const server = http.createServer((req, res) => {
    req.on('aborted', () => log('server: request aborted'));
    res.on('close', () => log('server: response closed, ended:', res.writableEnded));
    server.closeAllConnections();
    server.close(() => log('server closed'));
  });
  server.listen(0, '127.0.0.1', () => {
    http.get({ port: server.address().port, host: '127.0.0.1', agent: false })
      .on('error', (e) => log('client error:', e.code, e.message));
  });
});

next();
