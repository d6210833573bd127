// Node's getting-started server on more than one core, the Node way: the cluster module's primary
// forks 2 workers (as juv's `hello --loops 2` runs 2 loops and Netty's `hello --loops 2` 2 event
// loops), and each worker runs juv-bench/node/app.js itself, so the server is the same program
// as in the one-process comparison. The primary holds the listening socket and hands the
// connections to the workers in turn (round-robin, cluster's default scheduling on Linux).
// The port comes from the first argument, as for app.js (default 3000; 0 for any free one: every
// worker's listen(0) gets the port the primary picked for the first, as cluster shares one
// handle per address). The primary prints the one "Server running at" line, once every worker
// listens; the workers' own lines are dropped. Runs until killed; SIGTERM or SIGINT stops the
// workers too, and a worker that dies ends the primary with status 1.
'use strict';
const cluster = require('node:cluster');
const path = require('node:path');

const WORKERS = 2;
const port = process.argv[2] || '3000';

cluster.setupPrimary({ exec: path.join(__dirname, 'app.js'), args: [port], silent: true });

const listening = new Map(); // worker id -> the port it listens on
let stopping = false;

for (let i = 0; i < WORKERS; i++) {
  const worker = cluster.fork();
  worker.process.stdout.resume(); // app.js's banner: the primary prints the only one
  worker.process.stderr.pipe(process.stderr);
}

cluster.on('listening', (worker, address) => {
  listening.set(worker.id, address.port);
  if (listening.size < WORKERS) {
    return;
  }
  const ports = new Set(listening.values());
  if (ports.size !== 1) { // never with cluster's shared handle, but a split would be no cluster
    console.error(`the workers listen on different ports: ${[...ports].join(', ')}`);
    stop(1);
    return;
  }
  console.log(`Server running at http://127.0.0.1:${address.port}/`);
});

cluster.on('exit', (worker, code, signal) => {
  if (!stopping) {
    console.error(`worker ${worker.process.pid} ended (${signal || 'status ' + code})`);
    stop(1);
  }
});

function stop(status) {
  stopping = true;
  for (const worker of Object.values(cluster.workers)) {
    worker.process.kill();
  }
  process.exit(status);
}

process.on('SIGTERM', () => stop(0));
process.on('SIGINT', () => stop(0));
