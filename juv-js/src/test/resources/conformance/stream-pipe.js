// pipe(): a fast Readable into a slow Writable (the source pauses when write() returns false and
// resumes on 'drain'), two destinations at once, unpipe, { end: false }, 'pipe'/'unpipe' events,
// and the legacy Stream.prototype.pipe.
const { Readable, Writable, PassThrough, Stream } = require('stream');
const log = (...a) => console.log(...a);

function slowSink(name, hwm, delay) {
  const w = new Writable({
    highWaterMark: hwm,
    write(chunk, enc, cb) {
      this.got = (this.got || 0) + chunk.length;
      setTimeout(cb, delay);
    },
  });
  w.drains = 0;
  w.on('drain', () => { w.drains++; });
  w.on('pipe', (src) => log(name, 'pipe event', src instanceof Readable));
  w.on('unpipe', () => log(name, 'unpipe event'));
  w.on('finish', () => log(name, 'finish, got', w.got, 'drains', w.drains));
  return w;
}

let produced = 0;
const src = new Readable({
  highWaterMark: 8,
  read() {
    if (produced >= 10) {
      this.push(null);
      return;
    }
    produced++;
    const ok = this.push('chunk' + String(produced).padStart(2, '0'));
    log('push', produced, ok, 'rlen', this.readableLength);
  },
});
let pauses = 0;
let resumes = 0;
src.on('pause', () => { pauses++; });
src.on('resume', () => { resumes++; });
src.on('end', () => log('src end, pauses', pauses, 'resumes', resumes));
const sink = slowSink('sink', 14, 1);
log('pipe returns dest', src.pipe(sink) === sink);
sink.on('close', part2);

function part2() {
  // Two destinations; the slower one holds the source back.
  const r = new Readable({ read() {} });
  const a = slowSink('a', 4, 1);
  const b = slowSink('b', 4, 3);
  r.pipe(a);
  r.pipe(b);
  log('pipes', r._readableState.pipes.length);
  for (let i = 0; i < 6; i++) {
    r.push('xyz' + i);
  }
  r.push(null);
  let closed = 0;
  const done = () => { if (++closed === 2) part3(); };
  a.on('close', done);
  b.on('close', done);
}

function part3() {
  // unpipe in the middle; { end: false } leaves the destination open.
  const r = new PassThrough();
  const keep = new Writable({
    write(c, e, cb) { log('keep got', c.toString()); cb(); },
  });
  keep.on('unpipe', () => log('keep unpiped, flowing', r.readableFlowing));
  keep.on('finish', () => log('keep finish'));
  r.pipe(keep, { end: false });
  r.write('one');
  setImmediate(() => {
    r.unpipe(keep);
    r.write('two (not piped)');
    log('r buffered', r.readableLength, 'flowing', r.readableFlowing);
    r.pipe(keep, { end: false });
    r.end('three');
    r.on('end', () => {
      log('r end, keep writable', keep.writable, keep.writableEnded);
      keep.end('closing', part4);
    });
  });
}

function part4() {
  // The legacy pipe: an EventEmitter source with 'data' and 'end'.
  const legacy = new Stream();
  legacy.readable = true;
  legacy.pause = () => log('legacy pause');
  legacy.resume = () => log('legacy resume');
  const sink = new Writable({
    highWaterMark: 2,
    write(c, e, cb) { log('legacy sink', c.toString()); setImmediate(cb); },
  });
  sink.on('finish', () => log('legacy sink finish'));
  legacy.pipe(sink);
  legacy.emit('data', 'ab');
  legacy.emit('data', 'cd');
  setImmediate(() => {
    legacy.emit('end');
    log('legacy listeners after end', legacy.listenerCount('data'), sink.listenerCount('drain'));
  });
}
