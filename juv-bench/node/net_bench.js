// libuv's ping_pongs and tcp_pump1_client workloads written with Node's net module, to put
// Node next to juv (juv-bench/net-vs-node.sh). Roles:
//   node net_bench.js echo-server      prints its port, echoes every byte
//   node net_bench.js sink-server      prints its port, reads and discards
//   node net_bench.js ping_pongs PORT [ms]        one connection, PING\n, next ping per echo
//   node net_bench.js tcp_pump1_client PORT [ms]  one connection, rewrite 8 KiB from each write callback
// Output lines are libuv's.
'use strict';
const net = require('net');
const [role, portArg, msArg] = process.argv.slice(2);
const port = Number(portArg);
const ms = Number(msArg || 5000);

function server(onConn) {
  const srv = net.createServer(onConn);
  srv.listen(0, '127.0.0.1', () => console.log(srv.address().port));
}

if (role === 'echo-server') {
  server(s => { s.setNoDelay(true); s.pipe(s); s.on('error', () => {}); });
} else if (role === 'sink-server') {
  server(s => { s.on('data', () => {}); s.on('error', () => {}); });
} else if (role === 'ping_pongs') {
  const PING = Buffer.from('PING\n');
  let pongs = 0, matched = 0, start;
  const s = net.connect(port, '127.0.0.1', () => { start = Date.now(); s.write(PING); });
  s.setNoDelay(true);
  s.on('data', d => {
    for (let i = 0; i < d.length; i++) {
      if (d[i] !== PING[matched]) throw new Error('echo mismatch');
      if (++matched === PING.length) {
        matched = 0; pongs++;
        if (Date.now() - start >= ms) {
          console.log(`ping_pongs: ${Math.floor(1000 * pongs / ms)} roundtrips/s`);
          s.destroy();
          return;
        }
        s.write(PING);
      }
    }
  });
} else if (role === 'tcp_pump1_client') {
  const chunk = Buffer.alloc(8192);
  let sent = 0, start, done = false;
  const s = net.connect(port, '127.0.0.1', () => {
    start = Date.now();
    const again = () => {
      if (done) return;
      sent += chunk.length;
      s.write(chunk, again);
    };
    s.write(chunk, again);
    setTimeout(() => {
      done = true;
      const secs = (Date.now() - start) / 1000;
      console.log(`tcp_pump1_client: ${(sent / (1024 * 1024 * 1024) * 8 / secs).toFixed(1)} gbit/s`);
      s.destroy();
    }, ms);
  });
} else {
  console.error('usage: node net_bench.js echo-server|sink-server|ping_pongs PORT|tcp_pump1_client PORT');
  process.exit(2);
}
