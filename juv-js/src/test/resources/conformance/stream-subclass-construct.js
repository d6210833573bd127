// Streams as subclasses (ES classes and util.inherits), _construct holding back reads, writes
// and destroy until it calls back, instanceof across the family, and the property getters.
const stream = require('stream');
const { Readable, Writable, Duplex, Transform, PassThrough, Stream } = stream;
const util = require('util');
const EventEmitter = require('events');
const log = (...a) => console.log(...a);

class Counter extends Readable {
  constructor(limit) {
    super({ objectMode: true });
    this.n = 0;
    this.limit = limit;
  }
  _construct(cb) {
    log('counter construct');
    setTimeout(() => { log('counter constructed'); cb(); }, 2);
  }
  _read() {
    this.n++;
    log('counter _read', this.n);
    this.push(this.n <= this.limit ? this.n : null);
  }
}

function Collector(opts) {
  if (!(this instanceof Collector)) {
    return new Collector(opts);
  }
  Writable.call(this, Object.assign({ objectMode: true }, opts));
  this.items = [];
}
util.inherits(Collector, Writable);
Collector.prototype._construct = function (cb) {
  log('collector construct');
  process.nextTick(cb);
};
Collector.prototype._write = function (item, enc, cb) {
  log('collector _write', item);
  this.items.push(item);
  cb();
};
Collector.prototype._final = function (cb) {
  log('collector final', this.items.join(','));
  cb();
};

const c = new Counter(3);
log('readable before construct', c.readable, c.readableLength);
c.on('data', (n) => log('data', n));
c.on('end', () => log('counter end'));
const col = Collector();
log('write during construct', col.write('early'), col.writableLength);
col.on('finish', () => log('collector finish'));
c.pipe(col);
col.on('close', () => {
  log('collector closed', col.items.join(','));
  part2();
});

function part2() {
  // instanceof and the family tree
  const d = new Duplex({ read() {}, write(ch, e, cb) { cb(); } });
  const t = new Transform({ transform(ch, e, cb) { cb(null, ch); } });
  const p = new PassThrough();
  log('duplex', d instanceof Readable, d instanceof Writable, d instanceof Duplex, d instanceof Stream, d instanceof EventEmitter);
  log('transform', t instanceof Duplex, t instanceof Writable, t instanceof Transform);
  log('passthrough', p instanceof Transform, p instanceof Writable, p instanceof Readable);
  log('readable not writable', new Readable() instanceof Writable, new Writable() instanceof Readable);
  log('collector', col instanceof Writable, col instanceof Collector, Collector() instanceof Collector);
  log('stream is fn', typeof stream, stream === Stream, stream.Stream === Stream, typeof stream.promises.pipeline);
  const w = Writable({ write(ch, e, cb) { cb(); } });
  log('call without new', w instanceof Writable, Readable() instanceof Readable);

  // property getters
  const r = new Readable({ highWaterMark: 5, encoding: 'utf8', read() {} });
  log('r props', r.readableHighWaterMark, r.readableEncoding, r.readableObjectMode, r.readableFlowing,
    r.readableLength, r.readableEnded, r.readable, r.destroyed, r.closed, r.errored, r.readableDidRead);
  r.push('abc');
  r.read(1);
  log('after read', r.readableDidRead, r.readableLength, r.isPaused());
  const ww = new Writable({ highWaterMark: 7, objectMode: false, write(ch, e, cb) { setImmediate(cb); } });
  log('w props', ww.writableHighWaterMark, ww.writableObjectMode, ww.writable, ww.writableEnded,
    ww.writableFinished, ww.writableLength, ww.writableCorked, ww.writableNeedDrain, ww.destroyed, ww.closed, ww.errored);
  ww.write('12345678');
  ww.end();
  log('w after end', ww.writable, ww.writableEnded, ww.writableFinished, ww.writableLength, ww.writableNeedDrain);
  ww.on('finish', () => log('ww finish', ww.writableFinished, ww.writableLength));
  ww.on('close', () => { log('ww close', ww.closed, ww.destroyed); part3(); });
  const half = new Duplex({ readable: false, write(ch, e, cb) { cb(); } });
  log('half duplex', half.readable, half.writable, half.readableEnded);
}

function part3() {
  // construct that fails
  const r = new Readable({
    construct(cb) { setImmediate(() => cb(new Error('cannot open'))); },
    read() { log('never read'); },
  });
  r.on('error', (e) => log('construct error', e.message, r.destroyed));
  r.on('close', () => log('construct failed close'));
  r.resume();
  // destroy during construct waits for it
  const w = new Writable({
    construct(cb) { log('slow construct'); setTimeout(() => { log('construct cb'); cb(); }, 3); },
    write(ch, e, cb) { cb(); },
    destroy(err, cb) { log('_destroy after construct'); cb(err); },
  });
  w.destroy();
  log('destroyed during construct', w.destroyed);
  w.on('close', () => log('w close'));
}
