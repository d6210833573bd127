// tcp_write_batch on Node.js: a sink server in this process; one client connects to it and, once
// connected, calls socket.write WRITES times (default 1 000 000) with one shared 13-byte buffer
// "Hello, world." and a callback each, then end(); the time runs from before the connect to the
// client's close, after every write callback ran. Prints juv-bench's line.
'use strict';
const net = require('net');
const writes = Number(process.argv[2] || 1000000);
const hello = Buffer.from('Hello, world.');
const server = net.createServer(s => { s.on('data', () => {}); s.on('error', () => {}); });
server.listen(0, '127.0.0.1', () => {
  let done = 0;
  const start = process.hrtime.bigint();
  const onWrite = err => {
    if (err) throw err;
    done++;
  };
  const client = net.connect(server.address().port, '127.0.0.1', () => {
    for (let i = 0; i < writes; i++) client.write(hello, onWrite);
    client.end();
  });
  client.on('close', () => {
    const secs = Number(process.hrtime.bigint() - start) / 1e9;
    if (done !== writes) throw new Error(`${done} of ${writes} write callbacks`);
    console.log(`${writes} write requests in ${secs.toFixed(2)}s.`);
    server.close();
  });
  client.resume(); // nothing comes back; 'close' needs the readable side ended too
});
