// Readable in paused mode: the 'readable' event, read(n) with sizes, setEncoding with
// multi-byte characters split across pushes, unshift, and readable highWaterMark growth.
const { Readable } = require('stream');
const log = (...a) => console.log(...a);
const show = (x) => x === null ? 'null' : Buffer.isBuffer(x) ? '<buf ' + x.toString() + '>' : JSON.stringify(x);

const chunks = ['abc', 'defgh', 'ij', 'klmnopq'];
const r = new Readable({
  highWaterMark: 8,
  read(size) {
    const c = chunks.shift();
    log('_read', size, 'giving', c === undefined ? 'EOF' : c);
    if (c === undefined) {
      this.push(null);
    } else {
      setImmediate(() => log('push ret', this.push(c), 'len', this.readableLength));
    }
  },
});
let round = 0;
r.on('readable', () => {
  round++;
  log('readable', round, 'len', r.readableLength, 'flowing', r.readableFlowing);
  let chunk;
  const size = round % 2 ? 2 : undefined;
  while ((chunk = r.read(size)) !== null) {
    log(' read', size, show(chunk), 'left', r.readableLength);
  }
  log(' read gave null, ended', r.readableEnded);
});
r.on('end', () => {
  log('end');
  process.nextTick(() => log('tick after end'));
});
r.on('close', () => {
  log('close');
  part2();
});

function part2() {
  // setEncoding: a Euro sign (3 bytes) and an emoji (4 bytes) split across pushes.
  const bytes = Buffer.from('a€b😀c');
  const s = new Readable({ read() {} });
  s.setEncoding('utf8');
  log('encoding', s.readableEncoding);
  for (const [from, to] of [[0, 2], [2, 3], [3, 6], [6, 9], [9, 10]]) {
    log('push', to - from, s.push(bytes.subarray(from, to)), 'len', s.readableLength);
  }
  s.push(null);
  s.on('data', (d) => log('text', typeof d, JSON.stringify(d), d.length));
  s.on('end', () => { log('text end'); part3(); });
}

function part3() {
  // read(n) larger than what is there waits for more; unshift puts data back in front.
  const u = new Readable({ read() {} });
  u.push('hello ');
  log('read(10)', show(u.read(10)), 'hwm', u.readableHighWaterMark);
  u.push('world');
  log('read(10)', show(u.read(10)));
  log('read(100)', show(u.read(100)), 'hwm now', u.readableHighWaterMark);
  u.unshift('>>');
  log('after unshift', u.readableLength, show(u.read(3)));
  u.push(null);
  log('read() at end', show(u.read()), show(u.read()));
  u.on('end', () => log('u end'));
  u.on('readable', () => log('u readable', show(u.read())));

  const t = new Readable({ encoding: 'hex', read() {} });
  t.push(Buffer.from([1, 2, 255]));
  t.push('hi');
  t.push(null);
  t.on('readable', function () {
    let c;
    while ((c = this.read()) !== null) {
      log('hex', c);
    }
  });
  t.on('end', () => log('hex end'));
}
