// The server's response API as a client sees it: writeHead with an object and with an array,
// a custom status message, repeated headers (set-cookie), getHeader/hasHeader/removeHeader/
// getHeaderNames, headersSent, 404 and 500 answers, a JSON body parsed from a POST, and a
// request's method, url, httpVersion and headers.
const http = require('http');

const server = http.createServer((req, res) => {
  if (req.url === '/json' && req.method === 'POST') {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const data = JSON.parse(body);
      res.writeHead(201, { 'Content-Type': 'application/json', 'X-Items': String(data.items.length) });
      res.end(JSON.stringify({ sum: data.items.reduce((a, b) => a + b, 0), method: req.method, v: req.httpVersion }));
    });
    return;
  }
  if (req.url === '/headers') {
    res.setHeader('Set-Cookie', ['a=1', 'b=2']);
    res.setHeader('X-Remove', 'me');
    res.setHeader('X-Number', 42);
    const before = [res.getHeader('x-number'), res.hasHeader('X-REMOVE'), res.getHeaderNames().join(',')];
    res.removeHeader('x-remove');
    res.statusMessage = 'Fine Indeed';
    console.log('server before write:', JSON.stringify(before), res.headersSent);
    res.write('partial ');
    console.log('server after write:', res.headersSent);
    res.end('done');
    return;
  }
  if (req.url === '/array') {
    res.writeHead(200, 'OK Then', ['X-A', '1', 'X-B', '2']);
    res.end();
    return;
  }
  if (req.url === '/boom') {
    res.statusCode = 500;
    res.end('server error');
    return;
  }
  res.statusCode = 404;
  res.setHeader('Content-Type', 'text/plain');
  res.end('no route for ' + req.method + ' ' + req.url + ' (agent ' + req.headers['user-agent'] + ')');
});

function call(options, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(Object.assign({ host: '127.0.0.1', port: server.address().port }, options), (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ res, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

server.listen(0, '127.0.0.1', async () => {
  const show = (r, names) => console.log(r.res.statusCode, JSON.stringify(r.res.statusMessage),
    names.map((n) => n + '=' + JSON.stringify(r.res.headers[n])).join(' '), JSON.stringify(r.text));
  show(await call({ path: '/json', method: 'POST', headers: { 'Content-Type': 'application/json' } },
    JSON.stringify({ items: [1, 2, 3.5] })), ['content-type', 'x-items', 'content-length']);
  show(await call({ path: '/headers' }), ['set-cookie', 'x-remove', 'x-number', 'transfer-encoding']);
  show(await call({ path: '/array' }), ['x-a', 'x-b', 'content-length']);
  show(await call({ path: '/boom' }), ['content-length']);
  show(await call({ path: '/missing?q=1', method: 'DELETE', headers: { 'User-Agent': 'juv-test' } }), ['content-type']);
  server.close();
});
