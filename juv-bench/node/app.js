// The first program of Node.js's getting-started guide, as juv's `hello` example serves it.
// The port comes from the first argument (default 3000; 0 for any free one), so the comparison
// scripts can run it next to juv without a clash; the line it prints names the port it got.
const { createServer } = require('node:http');

const hostname = '127.0.0.1';
const port = Number(process.argv[2] || 3000);

const server = createServer((req, res) => {
  res.statusCode = 200;
  res.setHeader('Content-Type', 'text/plain');
  res.end('Hello, Node.js!');
});

server.listen(port, hostname, () => {
  console.log(`Server running at http://${hostname}:${server.address().port}/`);
});
