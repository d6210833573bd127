// udp_pummel on Node.js: RECEIVERS (default 1) unref'ed 'udp4' sockets bound to 127.0.0.1:0
// count the datagrams they receive; SENDERS (default 1) 'udp4' sockets each send a 45-byte
// datagram of 'x', given as 5 buffers (10+10+10+10+5 bytes), to receiver i % RECEIVERS, and send
// again from the send callback while a shared budget of SENDS (default 1 000 000) lasts; every
// send takes one from it, each sender's first send too. A sender whose callback finds the budget
// spent closes. "sent" counts send callbacks. The time runs from before the first send to the
// last sender's close, in whole milliseconds. Usage: node udp_pummel.js [SENDERS [RECEIVERS [SENDS]]]
//
// Node calls a send callback from process.nextTick when the kernel took the datagram at once, so
// sending again straight from it would chain every send before the loop polls again and the
// receivers would get nothing (their kernel buffers overflow): the callback sends again through
// setImmediate, one loop iteration later, when libuv and juv call a send callback too.
// Prints juv-bench's line; exits non-zero when a send fails or the sends do not add up.
'use strict';
const dgram = require('dgram');
const [senders, receiversN, sends] = [1, 1, 1000000].map((d, i) => Number(process.argv[2 + i] || d));
if (![senders, receiversN, sends].every(Number.isInteger) || senders < 1 || receiversN < 1 || sends < senders) {
  console.error('usage: node udp_pummel.js [SENDERS [RECEIVERS [SENDS]]]  (SENDS >= SENDERS >= 1, RECEIVERS >= 1)');
  process.exit(2);
}
const data = Buffer.alloc(45, 'x');
const parts = [data.subarray(0, 10), data.subarray(10, 20), data.subarray(20, 30), data.subarray(30, 40),
  data.subarray(40, 45)];
const receivers = [];
let budget = sends, received = 0, sent = 0, open = senders, bound = 0, start;

const finish = () => {
  const ms = Number((process.hrtime.bigint() - start) / 1000000n);
  for (const r of receivers) r.close();
  if (sent !== sends) throw new Error(`${sent} send callbacks for ${sends} sends`);
  const secs = ms / 1000;
  console.log(`udp_pummel_${receiversN}v${senders}: ${(received / secs).toFixed(0)}/s received, ` +
    `${(sent / secs).toFixed(0)}/s sent. ${received} received, ${sent} sent in ${secs.toFixed(1)} seconds.`);
};

const startSending = () => {
  start = process.hrtime.bigint();
  for (let i = 0; i < senders; i++) {
    const sock = dgram.createSocket('udp4');
    const to = receivers[i % receiversN].address();
    const send = () => sock.send(parts, to.port, to.address, onSent);
    const onSent = err => {
      if (err) throw err;
      sent++;
      if (budget > 0) {
        budget--; // taken here, not in send: another sender's callback may run before it
        setImmediate(send);
      } else {
        sock.close(() => { if (--open === 0) finish(); });
      }
    };
    budget--;
    send();
  }
};

for (let i = 0; i < receiversN; i++) {
  const r = dgram.createSocket('udp4');
  r.on('message', () => { received++; });
  r.bind(0, '127.0.0.1', () => {
    r.unref();
    if (++bound === receiversN) startSending();
  });
  receivers.push(r);
}
