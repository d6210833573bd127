// An 'uncaughtException' listener takes the error; the process goes on.
process.on('uncaughtException', (err, origin) => console.log('caught', err.message, origin));
setTimeout(() => {
  throw new Error('first');
}, 1);
setTimeout(() => console.log('still running'), 10);
