// 'unhandledRejection' receives each promise rejected without a handler once the jobs have run,
// after the ticks; a rejection handled in time is not reported; uncaughtException listeners see
// the origin when no unhandledRejection listener exists.
process.on('unhandledRejection', (reason, p) => {
  console.log('unhandled:', reason instanceof Error ? reason.message : reason, p instanceof Promise);
});
Promise.reject(new Error('one'));
const handledLater = Promise.reject(2);
handledLater.catch(() => console.log('caught 2 in time'));
(async () => { throw new Error('from async'); })();
setTimeout(() => {
  Promise.reject('three');
  process.nextTick(() => console.log('tick after three'));
  setTimeout(() => {
    process.removeAllListeners('unhandledRejection');
    process.on('uncaughtException', (err, origin) => {
      console.log('uncaught:', err.message, err.code, origin);
    });
    Promise.reject(new Error('four'));
    Promise.reject(5);
  }, 10);
}, 10);
