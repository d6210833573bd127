// Inside a timer callback, an immediate always runs before a new zero timeout.
setTimeout(() => {
  console.log('timer');
  setTimeout(() => console.log('timeout 0'), 0);
  setImmediate(() => console.log('immediate'));
  process.nextTick(() => console.log('tick'));
}, 5);
