// The guide's Express app (juv-js/examples/express-hello/app.js) for compare.sh's express
// workload: the same three lines, with Express from that example's node_modules (`npm ci` there
// installs it) and the port from the first argument (0 for any free one), named in the line it
// prints, as app.js does here.
const express = require('../../juv-js/examples/express-hello/node_modules/express');

const app = express();
app.get('/', (req, res) => { res.send('Hello from Express!'); });
const server = app.listen(Number(process.argv[2] || 3000), '127.0.0.1', () => {
  console.log(`Server running at http://127.0.0.1:${server.address().port}/`);
});
