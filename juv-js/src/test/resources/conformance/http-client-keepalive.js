// Keep-alive: sequential requests from one client reuse one connection (the server counts its
// connections), HEAD and 204 answers have no body, a large chunked response arrives whole,
// `agent: false` sends Connection: close, and an idle pooled connection does not keep the
// process alive (it ends once the server closes).
const http = require('http');

let connections = 0;
const server = http.createServer((req, res) => {
  const say = req.method + ' ' + req.url + ' connection=' + req.headers.connection;
  if (req.url === '/nothing') {
    res.statusCode = 204;
    res.end();
  } else if (req.url === '/big') {
    for (let i = 0; i < 100; i++) {
      res.write('line ' + i + ' ' + 'x'.repeat(1000) + '\n');
    }
    res.end();
  } else {
    res.end(say);
  }
});
server.on('connection', () => connections++);

function get(options) {
  return new Promise((resolve, reject) => {
    const req = http.request(Object.assign({ host: '127.0.0.1', port: server.address().port }, options), (res) => {
      const chunks = [];
      res.on('data', (d) => chunks.push(d));
      res.on('end', () => resolve({ res, body: Buffer.concat(chunks).toString(), reused: req.reusedSocket }));
    });
    req.on('error', reject);
    req.end();
  });
}

server.listen(0, '127.0.0.1', async () => {
  for (let i = 0; i < 4; i++) {
    const r = await get({ path: '/seq/' + i });
    // the next request waits a turn of the loop, so the connection is back in the pool
    await new Promise((resolve) => setImmediate(resolve));
    console.log(r.res.statusCode, r.body, 'reused:', r.reused, 'keep-alive header:', r.res.headers['keep-alive']);
  }
  console.log('connections after 4 sequential requests:', connections);
  const head = await get({ path: '/head', method: 'HEAD' });
  console.log('HEAD', head.reused, head.res.statusCode, head.res.headers['content-length'], JSON.stringify(head.body));
  const none = await get({ path: '/nothing' });
  console.log('204', none.reused, none.res.statusCode, JSON.stringify(none.body), none.res.headers['content-length']);
  const big = await get({ path: '/big' });
  console.log('big', big.reused, big.res.headers['transfer-encoding'], big.body.length, big.body.split('\n').length, big.body.slice(-20));
  const closing = await get({ path: '/closing', agent: false });
  console.log('agent false:', closing.body, closing.res.headers.connection);
  console.log('connections:', connections);
  console.log('pooled:', Object.keys(http.globalAgent.freeSockets).length > 0);
  server.close(() => console.log('server closed'));
  // keep-alive idle connections are closed by the server's close (Node 19+ closes idle ones)
  server.closeIdleConnections && server.closeIdleConnections();
});
