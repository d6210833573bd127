// Timers of equal duration fire in creation order; shorter ones first; ticks and promises
// between each. (Durations of 100 ms and more: the main module of an interpreted engine on a
// busy machine can take tens of milliseconds between two setTimeout calls.)
const start = Date.now();
for (const [name, ms] of [['a 200', 200], ['b 100', 100], ['c 200', 200], ['d 100', 100], ['e 300', 300]]) {
  setTimeout(() => {
    console.log('timer ' + name);
    process.nextTick(() => console.log('  tick after ' + name));
    Promise.resolve().then(() => console.log('  promise after ' + name));
  }, ms);
}
setTimeout(() => console.log('elapsed at least 300:', Date.now() - start >= 300), 400);
