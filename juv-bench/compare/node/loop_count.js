// loop_count on Node.js: setImmediate re-armed N times (default 2 000 000), one per loop
// iteration, as an idle handle counts them in libuv. Prints juv-bench's line.
'use strict';
const n = Number(process.argv[2] || 2000000);
let ticks = 0;
const start = process.hrtime.bigint();
function tick() {
  if (++ticks < n) {
    setImmediate(tick);
    return;
  }
  const secs = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(`loop_count: ${ticks} ticks in ${secs.toFixed(2)}s (${(ticks / secs).toFixed(0)}/s)`);
}
setImmediate(tick);
