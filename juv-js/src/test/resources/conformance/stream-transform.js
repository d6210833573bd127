// Transform and PassThrough: _transform and _flush (as options and as overrides), object mode
// on one side only, a transform that pushes several chunks or none, backpressure between the
// sides, a Duplex with allowHalfOpen false, and the order of 'finish' and 'end'.
const { Transform, PassThrough, Duplex } = require('stream');
const util = require('util');
const log = (...a) => console.log(...a);

const upper = new Transform({
  transform(chunk, enc, cb) {
    log('transform', JSON.stringify(chunk.toString()), enc);
    cb(null, chunk.toString().toUpperCase());
  },
  flush(cb) {
    log('flush');
    this.push('[tail]');
    cb(null, '[flushed]');
  },
});
for (const ev of ['finish', 'end', 'close', 'prefinish']) {
  upper.on(ev, () => log('upper', ev));
}
upper.on('data', (d) => log('upper data', d.toString()));
log('write', upper.write('hello '));
log('write', upper.write('world'));
upper.end('!');
process.nextTick(() => log('tick after end'));

// A line splitter: readable side in object mode, holding back a partial line.
function Lines(options) {
  Transform.call(this, { ...options, readableObjectMode: true });
  this.rest = '';
}
util.inherits(Lines, Transform);
Lines.prototype._transform = function (chunk, enc, cb) {
  const parts = (this.rest + chunk).split('\n');
  this.rest = parts.pop();
  for (const p of parts) {
    this.push(p);
  }
  cb();
};
Lines.prototype._flush = function (cb) {
  if (this.rest) {
    this.push(this.rest);
  }
  cb();
};

upper.on('close', () => {
  const lines = new Lines();
  log('lines modes', lines.readableObjectMode, lines.writableObjectMode, lines instanceof Transform, lines instanceof Duplex);
  lines.on('data', (l) => log('line', JSON.stringify(l)));
  lines.on('end', () => { log('lines end'); part3(); });
  lines.write('first\nsec');
  lines.write('ond\n\nthird');
  lines.end('\nlast');
});

function part3() {
  // PassThrough with small marks: the writable side stalls until the readable side is read.
  const pt = new PassThrough({ highWaterMark: 4 });
  const results = [];
  for (let i = 0; i < 6; i++) {
    results.push(pt.write('ab'));
  }
  log('pt writes', results.join(' '), 'wlen', pt.writableLength, 'rlen', pt.readableLength);
  pt.on('drain', () => log('pt drain'));
  setImmediate(() => {
    log('pt before read', pt.writableLength, pt.readableLength);
    let c;
    while ((c = pt.read()) !== null) {
      log('pt read', c.toString(), 'wlen', pt.writableLength, 'rlen', pt.readableLength);
    }
    setImmediate(() => {
      pt.end();
      pt.on('end', () => { log('pt end'); part4(); });
      pt.resume();
    });
  });
}

function part4() {
  // Object transform that drops odd numbers and doubles the rest.
  const t = new Transform({
    objectMode: true,
    transform(n, enc, cb) {
      if (n % 2) {
        cb();
      } else {
        this.push(n);
        cb(null, n * 10);
      }
    },
  });
  t.on('data', (n) => log('obj', n));
  t.on('finish', () => log('t finish'));
  t.on('end', () => log('t end'));
  t.on('close', () => { log('t close'); part5(); });
  [1, 2, 3, 4].forEach((n) => t.write(n));
  t.end();
}

function part5() {
  const d = new Duplex({
    allowHalfOpen: false,
    read() {},
    write(c, e, cb) { log('d write', c.toString()); cb(); },
  });
  d.on('finish', () => log('d finish'));
  d.on('end', () => log('d end'));
  d.on('close', () => { log('d close'); part6(); });
  d.write('x');
  d.push('y');
  d.push(null);
  d.on('data', (c) => log('d data', c.toString()));
  log('d allowHalfOpen', d.allowHalfOpen);
}

function part6() {
  // An error from _transform destroys the stream.
  const bad = new Transform({
    transform(chunk, enc, cb) {
      cb(new Error('bad chunk ' + chunk));
    },
  });
  bad.on('error', (e) => log('bad error', e.message));
  bad.on('close', () => log('bad close', bad.destroyed));
  log('bad write', bad.write('q', (err) => log('bad write cb', err && err.message)));
}
