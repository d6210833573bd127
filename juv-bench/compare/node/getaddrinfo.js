// getaddrinfo_stream on Node.js: dns.lookup (getaddrinfo on libuv's pool) of "localhost", 10 in
// flight, each callback issuing the next, COUNT in all (default 10 000). Prints juv-bench's line.
// dns.lookup always passes the hints SOCK_STREAM (one result per address): libuv's benchmark,
// without hints, has no Node counterpart.
'use strict';
const dns = require('dns');
const count = Number(process.argv[2] || 10000);
let started = 0;
let completed = 0;
const start = process.hrtime.bigint();
function next(err) {
  if (err) throw err;
  if (++completed === count) {
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    console.log(`getaddrinfo_stream: ${(completed / ms * 1000).toFixed(0)} req/s`);
    return;
  }
  if (started < count) {
    started++;
    dns.lookup('localhost', { all: true }, next);
  }
}
for (let i = 0; i < 10; i++) {
  started++;
  dns.lookup('localhost', { all: true }, next);
}
