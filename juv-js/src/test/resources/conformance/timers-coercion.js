// setTimeout's delay and argument rules: strings, NaN, negative and overlarge delays become 1 ms
// (an overlarge one with a warning, on stderr), extra arguments reach the callback, an interval
// clears itself, and timers due at once run in the order they were made. (The delays leave an
// interpreted engine time to finish the main module.)
const seen = [];
setTimeout((x, y) => seen.push('args ' + x + ' ' + y), 1, 'a', 'b');
setTimeout(() => seen.push('string 300'), '300');
setTimeout(() => seen.push('NaN'), NaN);
setTimeout(() => seen.push('negative'), -10);
setTimeout(() => seen.push('huge'), 2 ** 31);
setTimeout(() => seen.push('zero'), 0);
setTimeout(() => seen.push('undefined'));
let n = 0;
const iv = setInterval(() => {
  seen.push('interval ' + ++n);
  if (n === 3) {
    clearInterval(iv);
    // after the 300 ms timer (printed from its own timer, so a slow engine cannot reorder them)
    setTimeout(() => console.log(seen.join('\n')), 400);
  }
}, 1);
const t = setTimeout(() => {}, 1000);
console.log(typeof t.ref, t.hasRef(), t.unref() === t, t.hasRef(), typeof t[Symbol.toPrimitive]());
clearTimeout(t);
clearTimeout(undefined);
clearTimeout(null);
clearTimeout(12345);
try {
  setTimeout('not a function');
} catch (e) {
  console.log(e.code, e.message);
}
