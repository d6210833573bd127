// fs_stat on Node.js: "sync" calls fs.statSync('.') COUNT times; a number C keeps C fs.stat
// calls in flight (on libuv's pool), each callback issuing the next. Prints juv-bench's lines.
'use strict';
const fs = require('fs');
const mode = process.argv[2] || 'sync';
const count = Number(process.argv[3] || 1000000);
const start = process.hrtime.bigint();
const secs = () => Number(process.hrtime.bigint() - start) / 1e9;
if (mode === 'sync') {
  for (let i = 0; i < count; i++) fs.statSync('.');
  const s = secs();
  console.log(`${count} stats (sync): ${s.toFixed(2)}s (${(count / s).toFixed(0)}/s)`);
} else {
  const c = Number(mode);
  let remaining = count - c;
  let done = 0;
  const next = (err) => {
    if (err) throw err;
    if (++done === count) {
      const s = secs();
      console.log(`${count} stats (${c} concurrent): ${s.toFixed(2)}s (${(count / s).toFixed(0)}/s)`);
      return;
    }
    if (remaining > 0) {
      remaining--;
      fs.stat('.', next);
    }
  };
  for (let i = 0; i < c; i++) fs.stat('.', next);
}
