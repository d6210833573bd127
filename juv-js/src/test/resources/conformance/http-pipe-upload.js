// Streams end to end over http: a file piped into a POST (chunked), the server piping the request
// through a Transform into the response, and the client piping the response into a file; the
// copy matches, and a pipeline reports completion once.
const http = require('http');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { Transform, pipeline } = require('stream');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'juv-http-pipe-'));
const src = path.join(dir, 'src.txt');
const dst = path.join(dir, 'dst.txt');
let text = '';
for (let i = 0; i < 2000; i++) {
  text += 'line ' + i + ' of the upload\n';
}
fs.writeFileSync(src, text);

const server = http.createServer((req, res) => {
  let pieces = 0;
  const upper = new Transform({
    transform(chunk, enc, cb) {
      pieces++;
      cb(null, chunk.toString().toUpperCase());
    },
  });
  res.setHeader('Content-Type', 'text/plain');
  pipeline(req, upper, res, (err) => {
    console.log('server pipeline done', err, pieces > 0, req.headers['transfer-encoding']);
  });
});

server.listen(0, '127.0.0.1', () => {
  const req = http.request({ host: '127.0.0.1', port: server.address().port, method: 'POST', path: '/upload' }, (res) => {
    console.log('response', res.statusCode, res.headers['transfer-encoding']);
    pipeline(res, fs.createWriteStream(dst), (err) => {
      const copy = fs.readFileSync(dst, 'utf8');
      console.log('client pipeline done', err, copy.length, copy === text.toUpperCase());
      fs.rmSync(dir, { recursive: true });
      server.close(() => console.log('closed'));
    });
  });
  fs.createReadStream(src, { highWaterMark: 4096 }).pipe(req);
});
