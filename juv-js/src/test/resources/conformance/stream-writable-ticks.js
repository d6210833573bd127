// Where Writable's callbacks and events fall among process.nextTick callbacks: a synchronous
// _write calls back on a tick (a byte write without a callback needs none, an object-mode one
// does), 'finish' comes a tick after the last callback, 'drain' after a corked batch, a failing
// _final, and end(cb) on a stream that has already failed.
const { Writable } = require('stream');
const log = (...a) => console.log(...a);
const steps = [];
const next = () => {
  const step = steps.shift();
  if (step) {
    setImmediate(() => {
      log('---');
      step();
    });
  }
};

function writer(name, options, sync = true) {
  const w = new Writable({
    ...options,
    write(chunk, enc, cb) {
      log(name, '_write', String(chunk));
      if (sync) {
        cb();
      } else {
        setImmediate(cb);
      }
    },
  });
  for (const ev of ['drain', 'prefinish', 'finish', 'close']) {
    w.on(ev, () => log(name, ev));
  }
  w.on('error', (e) => log(name, 'error', e.message));
  return w;
}

for (const options of [{}, { objectMode: true }, { highWaterMark: 0 }, { objectMode: true, highWaterMark: 0 }]) {
  steps.push(() => {
    const name = JSON.stringify(options);
    const w = writer(name, options);
    log('write returns', w.write('one'), 'needDrain', w.writableNeedDrain);
    process.nextTick(() => log('tick 1'));
    w.end();
    process.nextTick(() => log('tick 2'));
    w.on('close', next);
  });
}

steps.push(() => {
  const w = writer('callbacks', {});
  w.write('1', () => log('cb 1'));
  process.nextTick(() => log('tick 1'));
  w.write('2', () => log('cb 2'));
  w.write('3');
  process.nextTick(() => log('tick 2'));
  w.end(() => log('end cb'));
  process.nextTick(() => log('tick 3'));
  w.on('close', next);
});

steps.push(() => {
  const w = writer('async', {}, false);
  w.write('1', () => {
    log('cb 1');
    process.nextTick(() => log('tick in cb 1'));
  });
  w.end(() => log('end cb'));
  w.on('close', next);
});

steps.push(() => {
  const w = writer('corked', { highWaterMark: 4 });
  w.cork();
  log('writes', w.write('aa'), w.write('bb'), w.write('cc'), 'needDrain', w.writableNeedDrain);
  process.nextTick(() => log('tick 1'));
  w.uncork();
  log('uncorked, length', w.writableLength);
  process.nextTick(() => log('tick 2'));
  setImmediate(() => {
    w.end();
    w.on('close', next);
  });
});

steps.push(() => {
  const w = writer('final fails', {});
  w._final = (cb) => {
    log('_final');
    cb(new Error('final failed'));
  };
  w.end('x', (err) => log('end cb', err && err.message));
  process.nextTick(() => log('tick 1'));
  w.on('close', next);
});

steps.push(() => {
  const w = writer('final fails later', {});
  w._final = (cb) => {
    log('_final');
    setImmediate(() => cb(new Error('final failed')));
  };
  w.end('x', (err) => log('end cb', err && err.message));
  w.on('close', next);
});

steps.push(() => {
  const w = new Writable({ autoDestroy: false, write(c, e, cb) { cb(new Error('write failed')); } });
  w.on('error', (e) => log('errored stream: error', e.message));
  w.write('x');
  setImmediate(() => {
    log('errored', w.errored.message, 'destroyed', w.destroyed);
    w.end((err) => log('end cb on errored stream', err && err.message));
    process.nextTick(() => log('tick'));
    setImmediate(next);
  });
});

steps.push(() => {
  const w = writer('ended twice', {});
  w.end();
  w.end((err) => log('second end cb', err));
  w.on('finish', () => w.end((err) => log('end after finish cb', err.code)));
  w.on('close', next);
});

next();
