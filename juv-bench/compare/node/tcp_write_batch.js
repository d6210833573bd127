// tcp_write_batch on Node.js: a sink server (reads and discards) on its own thread and event
// loop, a worker_threads Worker, as the C peer's sink has its own thread and loop and juv's its
// own Loop; one client on the main thread connects to it over 127.0.0.1 and, once connected,
// calls socket.write WRITES times (default 1 000 000) with one shared 13-byte buffer
// "Hello, world." and a callback each, then end(). Once the client's 'finish' fired and every
// write callback ran, the client is closed and the worker told to close its server. The time
// runs from just before the connect to the client's 'close'. Prints juv-bench's line; exits
// non-zero when a write fails or a write callback did not run.
//
// The sink is not in the writer's thread: there, it could not read while the client's loop of
// writes runs, the socket would fill, and Node's stream would gather the rest of the million
// writes into a few writev calls, a different piece of work from the other peers' million
// writes to a socket that a sink on another thread keeps draining.
'use strict';
const net = require('net');
const { Worker, isMainThread, parentPort } = require('worker_threads');

if (!isMainThread) {
  const server = net.createServer(s => { s.on('data', () => {}); s.on('error', () => {}); });
  server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
  parentPort.once('message', () => server.close(() => parentPort.close()));
} else {
  const writes = Number(process.argv[2] || 1000000);
  if (!Number.isInteger(writes) || writes < 1) {
    console.error('usage: node tcp_write_batch.js [WRITES]');
    process.exit(2);
  }
  const hello = Buffer.from('Hello, world.');
  const sink = new Worker(__filename);
  sink.on('error', err => { throw err; });
  sink.once('message', port => {
    let written = 0, finished = false, closing = false;
    const closeWhenDone = () => {
      if (closing || !finished || written !== writes) return;
      closing = true;
      client.destroy();
    };
    const onWrite = err => {
      if (err) throw err;
      written++;
      closeWhenDone();
    };
    const start = process.hrtime.bigint();
    const client = net.connect(port, '127.0.0.1', () => {
      for (let i = 0; i < writes; i++) client.write(hello, onWrite);
      client.end();
    });
    client.on('finish', () => { finished = true; closeWhenDone(); });
    client.on('close', () => {
      const secs = Number(process.hrtime.bigint() - start) / 1e9;
      if (!finished) throw new Error('the client closed before its writes finished');
      if (written !== writes) throw new Error(`${written} of ${writes} write callbacks ran`);
      console.log(`${writes} write requests in ${secs.toFixed(2)}s.`);
      sink.postMessage('close');
    });
  });
}
