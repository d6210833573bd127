// setInterval repeats until cleared; promise jobs run after each tick of it.
let n = 0;
const t = setInterval(() => {
  n++;
  console.log('interval', n);
  Promise.resolve(n).then((v) => console.log('  job', v));
  if (n === 4) {
    clearInterval(t);
    setTimeout(() => console.log('after clear'), 20);
  }
}, 5);
