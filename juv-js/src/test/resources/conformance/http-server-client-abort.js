// A client that goes away while the server holds its request: the server hears it at once, as
// Node's does (the request aborted, then the socket's and the response's 'close'; writes after it
// fail in their callback), whether the body was read or not, or the response begun; and the
// client takes any three-digit status, as Node's parser does.
const http = require('http');

const log = (...a) => console.log(...a);
const steps = [];
const next = () => (steps.length ? steps.shift()() : server.close(() => log('server closed')));

let phase = '';
const server = http.createServer((req, res) => {
  log(`${phase}: request ${req.method} ${req.url}`);
  if (phase === 'status') {
    res.statusCode = Number(req.url.slice(1));
    res.end();
    return;
  }
  req.on('aborted', () => log(`${phase}: req aborted, complete=${req.complete}`));
  req.on('close', () => log(`${phase}: req close, destroyed=${req.destroyed}`));
  res.on('close', () => {
    log(`${phase}: res close, writableEnded=${res.writableEnded} writableFinished=${res.writableFinished}`);
    res.write('too late', (err) => {
      log(`${phase}: write after close: ${err && err.code}`);
      setTimeout(next, 50);
    });
  });
  res.on('finish', () => log(`${phase}: res finish (not expected)`));
  req.socket.on('close', () => log(`${phase}: socket close, writable=${req.socket.writable}`));
  if (phase === 'streaming') {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.write('first part');
  } else {
    clientRequest.destroy(); // the client gives up while the server holds the request
  }
});

let clientRequest;
server.listen(0, '127.0.0.1', next);

steps.push(() => {
  phase = 'no body';
  clientRequest = http.get({ port: server.address().port, host: '127.0.0.1', path: '/a' });
  clientRequest.on('error', (e) => log(`${phase}: client error ${e.code}`));
});

steps.push(() => {
  phase = 'body still coming';
  clientRequest = http.request({ port: server.address().port, host: '127.0.0.1', method: 'POST', path: '/b',
    headers: { 'content-length': 100 } });
  clientRequest.on('error', (e) => log(`${phase}: client error ${e.code}`));
  clientRequest.write('only part of it');
});

steps.push(() => {
  phase = 'streaming';
  clientRequest = http.get({ port: server.address().port, host: '127.0.0.1', path: '/c' }, (res) => {
    res.once('data', (d) => {
      log(`${phase}: client got ${d}`);
      clientRequest.destroy();
    });
  });
  clientRequest.on('error', (e) => log(`${phase}: client error ${e.code}`));
});

for (const code of [700, 999]) {
  steps.push(() => {
    phase = 'status';
    http.get({ port: server.address().port, host: '127.0.0.1', path: '/' + code }, (res) => {
      log(`${phase}: client got ${res.statusCode}`);
      res.resume();
      res.on('end', next);
    }).on('error', (e) => { log(`${phase}: client error ${e.code} ${e.message}`); next(); });
  });
}
