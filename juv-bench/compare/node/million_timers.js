// million_timers on Node.js: N setTimeout timers (default 1 000 000), the timeout growing by
// 1 ms every 1000, as juv's and libuv's workload. Prints juv-bench's lines ("cleanup" is 0:
// fired Node timers need no close).
'use strict';
const n = Number(process.argv[2] || 1000000);
let fired = 0;
const beforeAll = process.hrtime.bigint();
let timeout = 0;
let beforeRun;
function done() {
  const afterRun = process.hrtime.bigint();
  const s = (a, b) => (Number(b - a) / 1e9).toFixed(2);
  console.log(`${s(beforeAll, afterRun)} seconds total`);
  console.log(`${s(beforeAll, beforeRun)} seconds init`);
  console.log(`${s(beforeRun, afterRun)} seconds dispatch`);
  console.log('0.00 seconds cleanup');
}
function onTimer() {
  if (++fired === n) done();
}
for (let i = 0; i < n; i++) {
  if (i % 1000 === 0) timeout++;
  setTimeout(onTimer, timeout);
}
beforeRun = process.hrtime.bigint();
