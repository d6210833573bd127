// A server that streams each request's body back, chunked, with the method and URL first; it
// answers three requests, then closes.
const http = require('http');
let served = 0;
const server = http.createServer((req, res) => {
  res.setHeader('X-Method', req.method);
  res.write(req.method + ' ' + req.url + ' ' + (req.headers['x-test'] || '-') + '\n');
  req.on('data', (chunk) => res.write(chunk));
  req.on('end', () => {
    res.end('\nend\n');
    if (++served === 3) {
      server.close(() => console.log('closed'));
    }
  });
});
server.listen(0, '127.0.0.1', () => console.log(`Server running at http://127.0.0.1:${server.address().port}/`));
