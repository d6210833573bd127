// Inside an I/O callback the check phase comes before the timers: setImmediate always runs
// before setTimeout(0) there (in the main module their order is not fixed, so it is not tested);
// ticks and promise jobs run after each callback, ticks first.
const fs = require('fs');
const net = require('net');

fs.readFile(__filename, () => {
  setTimeout(() => console.log('fs: timeout'), 0);
  setImmediate(() => {
    console.log('fs: immediate');
    process.nextTick(() => console.log('fs: tick inside immediate'));
  });
  Promise.resolve().then(() => console.log('fs: promise'));
  process.nextTick(() => console.log('fs: tick'));
  queueMicrotask(() => console.log('fs: microtask'));
  console.log('fs: callback');
  setTimeout(netPart, 50);
});

function netPart() {
  const server = net.createServer((sock) => {
    sock.on('data', () => {
      setTimeout(() => {
        console.log('net: timeout');
        sock.end();
        server.close();
      }, 0);
      setImmediate(() => console.log('net: immediate'));
      console.log('net: data');
    });
  });
  server.listen(0, '127.0.0.1', () => {
    const c = net.connect(server.address().port, '127.0.0.1', () => c.write('x'));
    c.resume();
  });
}
