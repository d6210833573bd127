// Timers of equal duration fire in creation order; shorter ones first; ticks and promises
// between each.
const start = Date.now();
for (const [name, ms] of [['a 20', 20], ['b 10', 10], ['c 20', 20], ['d 10', 10], ['e 30', 30]]) {
  setTimeout(() => {
    console.log('timer ' + name);
    process.nextTick(() => console.log('  tick after ' + name));
    Promise.resolve().then(() => console.log('  promise after ' + name));
  }, ms);
}
setTimeout(() => console.log('elapsed at least 30:', Date.now() - start >= 30), 40);
