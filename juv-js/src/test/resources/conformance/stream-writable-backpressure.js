// Writable: write() returns false at highWaterMark and 'drain' follows once the buffer empties;
// a slow _write (setImmediate, setTimeout) against a synchronous one; the order of write
// callbacks, 'drain', 'finish' and 'close' against ticks and promises.
const { Writable } = require('stream');
const log = (...a) => console.log(...a);

function watch(name, w) {
  for (const ev of ['drain', 'finish', 'close', 'prefinish', 'error']) {
    w.on(ev, (e) => log(name, ev, e ? e.code || e.message : ''));
  }
}

// 1. slow writer, bytes: strings count their utf8 bytes
const slow = new Writable({
  highWaterMark: 10,
  write(chunk, enc, cb) {
    log('slow _write', JSON.stringify(chunk.toString()), chunk.length, enc, 'len', this.writableLength);
    setImmediate(cb);
  },
});
watch('slow', slow);
for (const s of ['abc', 'déf', 'ghijk', '€€']) {
  const ret = slow.write(s, () => log('slow cb', s));
  log('write', s, ret, 'len', slow.writableLength, 'needDrain', slow.writableNeedDrain);
}
slow.once('drain', () => {
  log('after drain len', slow.writableLength);
  log('write more', slow.write('z'));
  slow.end('END', () => log('slow end cb'));
  log('ended', slow.writableEnded, 'finished', slow.writableFinished, 'writable', slow.writable);
  slow.on('close', () => setImmediate(part2));
});

// 2. synchronous writer: callbacks wait for a tick, several share it
function part2() {
  const sync = new Writable({
    highWaterMark: 3,
    write(chunk, enc, cb) {
      log('sync _write', chunk.toString());
      cb();
    },
  });
  watch('sync', sync);
  log('w1', sync.write('a', () => log('cb a')));
  log('w2', sync.write('bb'));
  log('w3', sync.write('ccc'));
  log('w4', sync.write('d', () => log('cb d')));
  process.nextTick(() => log('tick'));
  Promise.resolve().then(() => log('promise'));
  sync.end();
  log('end returned, finished', sync.writableFinished);
  sync.on('close', () => setImmediate(part3));
}

// 3. object mode, a timer-driven writer, and what the length counts
function part3() {
  let drains = 0;
  const obj = new Writable({
    objectMode: true,
    highWaterMark: 2,
    write(o, enc, cb) {
      log('obj _write', JSON.stringify(o), enc);
      setTimeout(cb, 2);
    },
    final(cb) {
      log('final, len', this.writableLength);
      setTimeout(() => { log('final done'); cb(); }, 2);
    },
  });
  watch('obj', obj);
  obj.on('drain', () => drains++);
  const items = [1, 'two', { three: 3 }, [4], 5];
  let i = 0;
  (function next() {
    while (i < items.length) {
      const ok = obj.write(items[i++]);
      log('obj write', i, ok, obj.writableLength);
      if (!ok) {
        obj.once('drain', next);
        return;
      }
    }
    obj.end();
    log('obj end called');
  })();
  obj.on('finish', () => log('drains', drains, 'finished', obj.writableFinished));
}
