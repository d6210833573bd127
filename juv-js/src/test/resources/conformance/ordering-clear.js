// Cleared timers and immediates never run; unref'd ones do not keep the process alive.
// (the durations leave an interpreted engine time to finish the main module before 'b' is due)
const a = setTimeout(() => console.log('never a'), 300);
setTimeout(() => console.log('b'), 300);
clearTimeout(a);
const i = setImmediate(() => console.log('never i'));
clearImmediate(i);
setImmediate(() => console.log('immediate'));
setTimeout(() => console.log('never: unref keeps nothing alive'), 2000).unref();
const r = setTimeout(() => console.log('refresh ran'), 400);
setTimeout(() => r.refresh(), 350);
console.log('hasRef', a.hasRef(), typeof a.ref, typeof a[Symbol.toPrimitive]);
