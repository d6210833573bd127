// process.exit() runs 'exit' listeners at once and ends: nothing after it, not even timers.
setTimeout(() => console.log('never'), 0);
process.on('exit', (code) => console.log('exit listener', code));
console.log('before');
try {
  process.exit(5);
} finally {
  console.log('never: finally');
}
