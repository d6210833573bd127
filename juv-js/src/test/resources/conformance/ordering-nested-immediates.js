// Immediates queued while immediates run wait for the next iteration; ticks and promises run between.
setImmediate(() => {
  console.log('imm 1');
  setImmediate(() => console.log('imm 3 (next iteration)'));
  process.nextTick(() => console.log('tick in imm 1'));
  Promise.resolve().then(() => console.log('promise in imm 1'));
});
setImmediate(() => {
  console.log('imm 2');
  setTimeout(() => console.log('timeout from imm 2'), 50); // 0 would race imm 3 on a slow engine
});
