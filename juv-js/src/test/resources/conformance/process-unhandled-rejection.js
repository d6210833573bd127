// An unhandled rejection ends the process with status 1, as Node 15+ does by default: the timer
// never fires, but 'exit' listeners run.
process.on('exit', (code) => console.log('exit', code));
console.log('start');
Promise.resolve().then(() => console.log('a job runs first'));
Promise.reject(new Error('boom'));
setTimeout(() => console.log('never'), 10);
