// fs.createWriteStream and fs.createReadStream: open/ready/finish/close order, start and end,
// small highWaterMark pieces, encoding, pipe from one file to another, and a missing file.
const fs = require('fs');
const path = require('path');
const os = require('os');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'juv-fs-streams-'));
const p = (name) => path.join(dir, name);
const short = (s) => String(s).split(dir).join('<dir>');

const ws = fs.createWriteStream(p('out.txt'));
console.log('pending', ws.pending, short(ws.path));
ws.on('open', (fd) => console.log('ws open', typeof fd));
ws.on('ready', () => console.log('ws ready'));
ws.on('finish', () => console.log('ws finish', ws.bytesWritten));
ws.on('close', () => {
  console.log('ws close');
  readBack();
});
for (let i = 0; i < 5; i++) {
  console.log('write', i, ws.write('line ' + i + '\n'));
}
ws.end('the end\n', () => console.log('end callback'));

function readBack() {
  const rs = fs.createReadStream(p('out.txt'), { highWaterMark: 8, encoding: 'utf8' });
  const pieces = [];
  rs.on('open', () => console.log('rs open'));
  rs.on('ready', () => console.log('rs ready'));
  rs.on('data', (d) => pieces.push(d));
  rs.on('end', () => console.log('rs end', pieces.length, JSON.stringify(pieces.join('')), rs.bytesRead));
  rs.on('close', () => {
    console.log('rs close');
    ranges();
  });
}

function ranges() {
  const rs = fs.createReadStream(p('out.txt'), { start: 5, end: 12 });
  let text = '';
  rs.on('data', (d) => (text += d));
  rs.on('end', () => {
    console.log('range', JSON.stringify(text));
    const src = fs.createReadStream(p('out.txt'));
    const dst = fs.createWriteStream(p('copy.txt'));
    src.pipe(dst).on('finish', () => {
      console.log('copied', fs.readFileSync(p('copy.txt'), 'utf8') === fs.readFileSync(p('out.txt'), 'utf8'));
      missing();
    });
  });
}

function missing() {
  const rs = fs.createReadStream(p('nope.txt'));
  rs.on('error', (e) => console.log('error', e.code, e.syscall, short(e.path)));
  rs.on('close', () => {
    console.log('closed after error', rs.destroyed);
    fs.rmSync(dir, { recursive: true });
  });
}
