// udp_pummel on Node.js: RECEIVERS (default 1) dgram sockets on 127.0.0.1 count the datagrams
// they receive; SENDERS (default 1) sockets each send a 45-byte datagram as 5 buffers
// (10+10+10+10+5 bytes) to receiver i % RECEIVERS and send again from the send callback until a
// shared budget of SENDS (default 1 000 000, each send counted, the first ones too) is spent;
// "sent" counts send callbacks. Node runs a send callback from process.nextTick when the kernel
// took the datagram at once, so a chain of sends from their callbacks would never let the loop
// poll the receivers (they would get nothing until the end): each resend goes through the loop
// with setImmediate, as libuv and juv call a send callback from the next loop iteration.
// Prints juv-bench's line.
'use strict';
const dgram = require('dgram');
const [senders, receiversN, sends] = [1, 1, 1000000].map((d, i) => Number(process.argv[2 + i] || d));
const data = Buffer.alloc(45, 'x');
const parts = [0, 10, 20, 30, 40].map((o, i) => data.subarray(o, o + (i < 4 ? 10 : 5)));
let budget = sends, received = 0, sent = 0, open = senders, bound = 0, start;
const receivers = [];
const finish = () => {
  const ms = Number((process.hrtime.bigint() - start) / 1000000n);
  for (const r of receivers) r.close();
  console.log(`udp_pummel_${receiversN}v${senders}: ${(received / (ms / 1000)).toFixed(0)}/s received, ` +
    `${(sent / (ms / 1000)).toFixed(0)}/s sent. ${received} received, ${sent} sent in ${(ms / 1000).toFixed(1)} seconds.`);
};
const startSending = () => {
  start = process.hrtime.bigint();
  for (let i = 0; i < senders; i++) {
    const s = dgram.createSocket('udp4');
    const to = receivers[i % receiversN].address();
    const again = err => {
      if (err) throw err;
      sent++;
      if (budget === 0) {
        s.close();
        if (--open === 0) finish();
        return;
      }
      budget--;
      setImmediate(send);
    };
    const send = () => s.send(parts, to.port, to.address, again);
    budget--;
    send();
  }
};
for (let i = 0; i < receiversN; i++) {
  const r = dgram.createSocket('udp4');
  r.on('message', () => { received++; });
  r.bind(0, '127.0.0.1', () => { if (++bound === receiversN) startSending(); });
  receivers.push(r);
}
