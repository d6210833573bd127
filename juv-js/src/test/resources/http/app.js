// Node's getting-started app.js, as the guide has it but for the port: 0 (any free one), printed
// so that the test can reach it. Everything else is the guide's program, unchanged.
const { createServer } = require('node:http');

const hostname = '127.0.0.1';
const port = 0;

const server = createServer((req, res) => {
  res.statusCode = 200;
  res.setHeader('Content-Type', 'text/plain');
  res.end('Hello, Node.js!');
});

server.listen(port, hostname, () => {
  console.log(`Server running at http://${hostname}:${server.address().port}/`);
});
