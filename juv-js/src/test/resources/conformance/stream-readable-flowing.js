// Readable in flowing mode: 'data' as chunks are pushed, pause/resume, 'end' and 'close' and
// where they fall among process.nextTick, promise jobs and setImmediate.
const { Readable } = require('stream');
const log = (...a) => console.log(...a);

function trace(name, r) {
  for (const ev of ['data', 'end', 'close', 'pause', 'resume', 'error']) {
    r.on(ev, (x) => log(name, ev, x === undefined ? '' : Buffer.isBuffer(x) ? 'buf:' + x.toString() : String(x)));
  }
}

// 1. pushed from outside _read, before and after 'data' is attached
const a = new Readable({ read() { log('a _read'); } });
log('a flowing', a.readableFlowing, a.isPaused());
log('a push1', a.push('one'));
trace('a', a);
log('a flowing after on(data)', a.readableFlowing, 'length', a.readableLength);
log('a push2', a.push('two'));
process.nextTick(() => log('tick A'));
Promise.resolve().then(() => log('promise A'));
setImmediate(() => {
  log('imm A, length', a.readableLength);
  log('a push3', a.push('three'));
  log('a push null', a.push(null));
  log('a ended', a.readableEnded, 'readable', a.readable);
  process.nextTick(() => log('tick after null'));
  setImmediate(() => {
    log('a after', a.readableEnded, a.destroyed, a.closed, a.readable);
    part2();
  });
});

// 2. pause and resume while _read pushes synchronously
function part2() {
  let n = 0;
  const b = new Readable({
    highWaterMark: 4,
    read(size) {
      n++;
      log('b _read', size, n);
      if (n <= 5) {
        log('b push ret', this.push('x' + n));
      } else {
        this.push(null);
      }
    },
  });
  trace('b', b);
  b.on('data', () => {
    if (n === 2) {
      b.pause();
      log('b paused', b.isPaused(), b.readableFlowing, b.readableLength);
      setTimeout(() => {
        log('b resuming');
        b.resume();
      }, 5);
    }
  });
  b.on('end', () => setImmediate(part3));
}

// 3. highWaterMark and push return values in object mode; readableFlowing = false
function part3() {
  const c = new Readable({ objectMode: true, highWaterMark: 3, read() {} });
  for (let i = 0; i < 5; i++) {
    log('c push', i, c.push({ i }), c.readableLength);
  }
  c.push(null);
  log('c objectMode', c.readableObjectMode, c.readableHighWaterMark);
  c.on('data', (o) => log('c data', JSON.stringify(o)));
  c.on('end', () => log('c end'));
  c.on('close', () => { log('c close'); part4(); });
}

// 4. a stream that ends without data; resume() without a 'data' listener drains it
function part4() {
  const d = new Readable({ read() { this.push(null); } });
  d.on('end', () => log('d end'));
  d.on('close', () => log('d close'));
  d.resume();
  log('d flowing', d.readableFlowing);
  const e = new Readable({ read() {} });
  e.push(Buffer.from('abc'));
  e.push(new Uint8Array([100, 101]));
  e.push('');
  e.push(null);
  log('e length', e.readableLength);
  e.on('data', (x) => log('e data', Buffer.isBuffer(x), x.toString()));
  e.on('end', () => log('e end'));
}
