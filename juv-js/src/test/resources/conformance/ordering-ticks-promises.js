// nextTick before promise jobs, after every callback; queueMicrotask is a promise job.
console.log('sync start');
Promise.resolve().then(() => {
  console.log('promise 1');
  process.nextTick(() => console.log('tick from promise 1'));
}).then(() => console.log('promise 2'));
process.nextTick(() => {
  console.log('tick 1');
  Promise.resolve().then(() => console.log('promise from tick 1'));
  process.nextTick(() => console.log('tick from tick 1'));
});
queueMicrotask(() => console.log('microtask'));
process.nextTick(() => console.log('tick 2'));
console.log('sync end');
// the same from loop callbacks: a tick queued by a promise job, after the callback returned,
// still runs before the next callback
setTimeout(() => {
  Promise.resolve().then(() => {
    console.log('promise in timer');
    process.nextTick(() => console.log('tick from promise in timer'));
  });
  setTimeout(() => {
    console.log('next timer');
    require('fs').stat(__filename, () => {
      Promise.resolve().then(() => process.nextTick(() => console.log('tick from promise in I/O')));
      setImmediate(() => console.log('immediate after I/O'));
    });
  }, 0);
}, 1);
