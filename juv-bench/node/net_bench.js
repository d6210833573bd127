// libuv's network workloads (ping_pongs, tcp_pumpN_client, tcp-conn-pound) and the idle
// connections server written with Node's net module, to put Node next to juv
// (juv-bench/compare.sh). Roles:
//   node net_bench.js echo-server      prints its port, echoes every byte; closes a connection
//                                      whose data holds "QS" (libuv's pound protocol)
//   node net_bench.js sink-server      prints its port, reads and discards
//   node net_bench.js pipe-sink-server prints the path of a Unix domain socket in a new
//                                      temporary folder (removed on exit), reads and discards
//   node net_bench.js conns-server N   prints its port, then "accepted N" once N connections
//                                      are open at the same time; runs until killed
//   node net_bench.js ping_pongs PORT [ms]        one connection, PING\n, next ping per echo
//   node net_bench.js tcp_pump_client PORT [ms] [n]  n connections (default 1), each rewriting
//                                      8 KiB from its write callback; tcp_pump1_client PORT [ms]
//                                      is the same with n = 1
//   node net_bench.js pipe_pump_client PATH [ms] [n]  the same over that Unix domain socket
//   node net_bench.js pound PORT [ms] [n]         n slots (default 100) of connect, write QS,
//                                      close on the first event, reconnect, for ms (default 10000)
// Output lines are libuv's.
'use strict';
const net = require('net');
const fs = require('fs');
const os = require('os');
const path = require('path');
const [role, portArg, msArg, nArg] = process.argv.slice(2);
const port = Number(portArg);

function server(onConn) {
  const srv = net.createServer(onConn);
  srv.listen(0, '127.0.0.1', 1024, () => console.log(srv.address().port));
  return srv;
}

if (role === 'echo-server') {
  // One set of listeners for every connection (they find theirs as this), no closures per accept.
  const ignore = () => {};
  function resume() { this.resume(); }
  function echo(d) {
    if (d.includes('QS')) {
      this.destroy();
      return;
    }
    if (!this.write(d)) this.pause();
  }
  server(s => {
    s.setNoDelay(true);
    s.on('error', ignore);
    s.on('drain', resume);
    s.on('data', echo);
  });
} else if (role === 'sink-server') {
  server(s => { s.on('data', () => {}); s.on('error', () => {}); });
} else if (role === 'pipe-sink-server') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'juv-pump-'));
  const file = path.join(dir, 'uv-test-sock');
  const cleanup = () => fs.rmSync(dir, { recursive: true, force: true });
  process.on('exit', cleanup);
  // compare.sh stops it with kill (SIGTERM), a terminal with SIGINT: exiting runs cleanup.
  for (const sig of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(sig, () => process.exit(0));
  const srv = net.createServer(s => { s.on('data', () => {}); s.on('error', () => {}); });
  srv.listen(file, 1024, () => console.log(file));
} else if (role === 'conns-server') {
  const n = Number(portArg);
  let open = 0, announced = false;
  server(s => {
    s.on('data', () => {});
    s.on('error', () => {});
    s.on('close', () => open--);
    if (++open === n && !announced) {
      announced = true;
      console.log(`accepted ${n}`);
    }
  });
} else if (role === 'ping_pongs') {
  const ms = Number(msArg || 5000);
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
} else if (role === 'tcp_pump_client' || role === 'tcp_pump1_client' || role === 'pipe_pump_client') {
  const ms = Number(msArg || 5000);
  const n = role === 'tcp_pump1_client' ? 1 : Number(nArg || 1);
  const kind = role === 'pipe_pump_client' ? 'pipe' : 'tcp';
  const connectTo = cb => (kind === 'pipe' ? net.connect(portArg, cb) : net.connect(port, '127.0.0.1', cb));
  const chunk = Buffer.alloc(8192);
  const sockets = [];
  let sent = 0, started = 0, connected = 0, start, done = false;
  const finish = () => {
    if (done) return;
    done = true;
    const secs = (Date.now() - start) / 1000;
    console.log(`${kind}_pump${n}_client: ${(sent / (1024 * 1024 * 1024) * 8 / secs).toFixed(1)} gbit/s`);
    for (const s of sockets) s.destroy();
  };
  const startWriting = () => {
    start = Date.now();
    for (const s of sockets) {
      // A write that completes at once calls back on the next tick, so while the kernel takes
      // the data the chains can starve the timer: the callback checks the time too.
      const again = () => {
        if (done) return;
        sent += chunk.length;
        if (Date.now() - start >= ms) finish();
        else s.write(chunk, again);
      };
      s.write(chunk, again);
    }
    setTimeout(finish, ms);
  };
  const connectNext = () => {
    started++;
    const s = connectTo(() => {
      if (started < n) connectNext(); // at most 100 connects in flight
      if (++connected === n) startWriting();
    });
    s.on('error', e => { if (!done) throw e; });
    sockets.push(s);
  };
  for (let i = 0; i < Math.min(n, 100); i++) connectNext();
} else if (role === 'pound') {
  const ms = Number(msArg || 10000);
  const n = Number(nArg || 100);
  const QS = Buffer.from('QS'); // one buffer for every connection's write
  let closed = 0, failed = 0, live = 0;
  const start = Date.now();
  const slot = () => {
    let finished = false, connected = false;
    live++;
    const s = net.connect(port, '127.0.0.1', () => { connected = true; s.write(QS); });
    const finish = () => {
      if (finished) return;
      finished = true;
      if (connected) closed++;
      s.destroy();
      live--;
      if (Date.now() - start < ms) {
        slot();
      } else if (live === 0) {
        const secs = (Date.now() - start) / 1000;
        console.log(`tcp-conn-pound-${n}: ${Math.round(closed / secs)} accepts/s (${failed} failed)`);
      }
    };
    s.on('data', finish);
    s.on('end', finish);
    s.on('close', finish);
    s.on('error', () => { if (!finished) failed++; finish(); });
  };
  for (let i = 0; i < n; i++) slot();
} else {
  console.error('usage: node net_bench.js echo-server|sink-server|conns-server N|ping_pongs PORT [ms]|' +
    'tcp_pump_client PORT [ms] [n]|tcp_pump1_client PORT [ms]|pipe-sink-server|pipe_pump_client PATH [ms] [n]|' +
    'pound PORT [ms] [n]');
  process.exit(2);
}
