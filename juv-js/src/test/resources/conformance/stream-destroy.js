// destroy() with and without an error on Readable, Writable and Duplex: 'error' then 'close' on a
// tick, the flags (destroyed, closed, errored), _destroy, write after end and after destroy,
// pending write callbacks, emitClose and autoDestroy turned off.
const { Readable, Writable, Duplex } = require('stream');
const log = (...a) => console.log(...a);
const steps = [];
const next = () => { const s = steps.shift(); if (s) setImmediate(s); };

function watch(name, s) {
  for (const ev of ['error', 'close', 'end', 'finish']) {
    s.on(ev, (e) => log(name, ev, e ? e.code || e.message : '', 'destroyed', s.destroyed, 'closed', s.closed));
  }
}

steps.push(() => {
  const r = new Readable({ read() {} });
  watch('r', r);
  r.push('data');
  log('destroy returns self', r.destroy() === r, 'destroyed', r.destroyed, 'closed', r.closed, 'readable', r.readable);
  log('push after destroy', r.push('more'), 'errored', r.errored);
  process.nextTick(() => log('tick after destroy'));
  r.on('close', next);
});

steps.push(() => {
  const r = new Readable({
    read() {},
    destroy(err, cb) {
      log('_destroy called with', err && err.message);
      setImmediate(() => { log('_destroy done'); cb(err); });
    },
  });
  watch('r2', r);
  r.destroy(new Error('boom'));
  log('r2 errored', r.errored && r.errored.message, 'closed', r.closed);
  r.destroy(new Error('second'));
  r.on('close', next);
});

steps.push(() => {
  const w = new Writable({ write(c, e, cb) { log('_write', c.toString()); setTimeout(cb, 2); } });
  watch('w', w);
  w.write('one', (err) => log('cb one', err ? err.code : err));
  w.write('two', (err) => log('cb two', err ? err.code : err));
  w.end('three', (err) => log('end cb', err ? err.code : err));
  w.destroy();
  log('w writable', w.writable, 'destroyed', w.destroyed, 'length', w.writableLength);
  log('write after destroy', w.write('four', (err) => log('cb four', err.code)));
  w.on('close', () => setTimeout(next, 5));
});

steps.push(() => {
  const w = new Writable({ write(c, e, cb) { cb(); } });
  watch('w2', w);
  w.end();
  const ret = w.write('late', (err) => log('late cb', err.code, err.message));
  log('write after end returns', ret);
  w.end(() => log('second end cb'));
  w.on('close', next);
});

steps.push(() => {
  const w = new Writable({ write(c, e, cb) { cb(new Error('write failed')); } });
  watch('w3', w);
  log('w3 write', w.write('x', (err) => log('w3 cb', err.message)));
  log('w3 errored now', w.errored && w.errored.message, 'writable', w.writable);
  w.on('close', next);
});

steps.push(() => {
  const r = new Readable({ emitClose: false, read() {} });
  watch('noclose', r);
  r.destroy(new Error('quiet'));
  const a = new Readable({ autoDestroy: false, read() {} });
  watch('noauto', a);
  a.push(null);
  a.resume();
  setTimeout(() => {
    log('noauto after end: destroyed', a.destroyed, 'closed', a.closed);
    a.destroy();
    a.on('close', next);
  }, 5);
});

steps.push(() => {
  const d = new Duplex({
    read() {},
    write(c, e, cb) { log('d _write', c.toString()); cb(); },
  });
  watch('d', d);
  d.write('in');
  d.push('out');
  d.push(null);
  d.end();
  d.resume();
  d.on('close', () => {
    log('d flags', d.readableEnded, d.writableFinished, d.destroyed);
    const e = new Duplex({ read() {}, write(c, e, cb) { cb(); } });
    watch('e', e);
    e.destroy(new Error('duplex boom'));
    log('e errored', e.errored.message, e.readable, e.writable);
    e.on('close', next);
  });
});

steps.push(() => {
  // An error event without a listener would be thrown: here a listener takes it.
  const r = new Readable({ read() { this.destroy(new Error('from _read')); } });
  r.on('error', (e) => log('caught', e.message, r.readableAborted, r.destroyed));
  r.on('close', () => log('r3 close'));
  r.resume();
  r.on('close', next);
});

next();
