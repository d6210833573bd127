// async/await across timers and immediates.
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
async function worker(name, ms) {
  console.log(name, 'start');
  await sleep(ms);
  console.log(name, 'after sleep');
  await null;
  console.log(name, 'after await null');
  return name.toUpperCase();
}
(async () => {
  const results = await Promise.all([worker('x', 200), worker('y', 50)]);
  console.log('results', results.join(','));
  await new Promise((resolve) => setImmediate(resolve));
  console.log('after immediate');
})();
console.log('main done');
