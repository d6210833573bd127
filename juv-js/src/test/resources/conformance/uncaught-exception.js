// An uncaught exception ends the process with status 1 after what was printed.
process.on('exit', (code) => console.log('exit', code));
setTimeout(() => {
  console.log('in timer');
  throw new Error('boom');
}, 1);
setTimeout(() => console.log('never'), 50);
