// http client and server in one program: a GET with Content-Length, a POST with a chunked body
// echoed back chunked, keep-alive reuse of one connection, the events of a request and of its
// response in order, and the head the client sends as the server sees it.
const http = require('http');

const seen = [];
const server = http.createServer((req, res) => {
  seen.push(req.method + ' ' + req.url + ' ' + JSON.stringify(req.rawHeaders.filter((h, i) => i % 2 === 0 || !/^127\.0\.0\.1:\d+$/.test(h))));
  if (req.url === '/echo') {
    res.setHeader('X-Echo', 'yes');
    req.on('data', (d) => res.write(d));
    req.on('end', () => res.end('|end'));
    return;
  }
  res.setHeader('Content-Type', 'text/plain');
  res.end('hello ' + req.url);
});

server.listen(0, '127.0.0.1', () => {
  const port = server.address().port;
  const log = [];
  const req = http.get({ host: '127.0.0.1', port, path: '/first' }, (res) => {
    log.push('response ' + res.statusCode + ' ' + res.statusMessage + ' ' + res.httpVersion + ' ' + res.headers['content-length'] + ' ' + res.headers['content-type'] + ' ' + res.headers.connection);
    res.setEncoding('utf8');
    let body = '';
    res.on('data', (d) => (body += d));
    res.on('end', () => {
      log.push('end ' + JSON.stringify(body) + ' complete=' + res.complete);
    });
    res.on('close', () => log.push('res close'));
  });
  req.on('socket', () => log.push('socket'));
  req.on('finish', () => log.push('finish'));
  req.on('close', () => {
    log.push('req close');
    console.log(log.join('\n'));
    second(port);
  });
});

function second(port) {
  const req = http.request({ host: '127.0.0.1', port, path: '/echo', method: 'POST', headers: { 'X-Test': 'a' } }, (res) => {
    console.log('post response', res.statusCode, res.headers['transfer-encoding'], res.headers['x-echo'], 'reused:', req.reusedSocket);
    const chunks = [];
    res.on('data', (d) => chunks.push(d));
    res.on('end', () => {
      console.log('post body', Buffer.concat(chunks).toString());
      third(port);
    });
  });
  console.log('write returns', req.write('part one,'));
  req.write(Buffer.from(' part two'));
  setTimeout(() => req.end(' and the end'), 20);
}

function third(port) {
  let done = 0;
  for (const path of ['/a', '/b', '/c']) {
    http.get('http://127.0.0.1:' + port + path, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => {
        console.log('got', body);
        if (++done === 3) {
          console.log(seen.join('\n'));
          server.close(() => console.log('server closed'));
        }
      });
    });
  }
}
