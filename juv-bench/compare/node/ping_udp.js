// ping_udp on Node.js: one 'udp4' socket bound to 127.0.0.1:0 sends "PING\n" to its own
// address, and again on every datagram it receives, until MS milliseconds (default 5000) have
// passed. Prints juv-bench's line.
'use strict';
const dgram = require('dgram');
const ms = Number(process.argv[2] || 5000);
const PING = Buffer.from('PING\n');
const sock = dgram.createSocket('udp4');
let pongs = 0, start, port;
const ping = () => sock.send(PING, port, '127.0.0.1');
sock.on('message', msg => {
  if (msg.length !== PING.length) throw new Error('datagram length');
  pongs++;
  if (Date.now() - start >= ms) {
    console.log(`ping_pongs: 1 pingers, ~ ${Math.floor(pongs * 1000 / ms)} roundtrips/s`);
    sock.close();
    return;
  }
  ping();
});
sock.bind(0, '127.0.0.1', () => {
  port = sock.address().port;
  start = Date.now();
  ping();
});
