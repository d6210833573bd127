// Cleared timers and immediates never run; unref'd ones do not keep the process alive.
const a = setTimeout(() => console.log('never a'), 50);
setTimeout(() => console.log('b'), 50);
clearTimeout(a);
const i = setImmediate(() => console.log('never i'));
clearImmediate(i);
setImmediate(() => console.log('immediate'));
setTimeout(() => console.log('never: unref keeps nothing alive'), 1000).unref();
const r = setTimeout(() => console.log('refresh ran'), 100);
setTimeout(() => r.refresh(), 70);
console.log('hasRef', a.hasRef(), typeof a.ref, typeof a[Symbol.toPrimitive]);
