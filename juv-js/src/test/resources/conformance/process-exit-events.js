// beforeExit (which may schedule more work), then exit with the exit code.
let rounds = 0;
process.on('beforeExit', (code) => {
  console.log('beforeExit', code, rounds);
  if (rounds++ < 2) {
    setTimeout(() => console.log('more work', rounds), 1);
  }
});
process.on('exit', (code) => console.log('exit', code, process.exitCode));
process.exitCode = 3;
console.log('main');
