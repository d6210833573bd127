// Connected UDP sockets: connect() and its event, send without an address, remoteAddress(),
// the errors for sending to an address when connected and for disconnecting when not, and
// messages in both directions.
const dgram = require('dgram');

const a = dgram.createSocket('udp4');
const b = dgram.createSocket('udp4');
a.bind(0, '127.0.0.1', () => {
  b.bind(0, '127.0.0.1', () => {
    b.connect(a.address().port, '127.0.0.1', () => {
      const r = b.remoteAddress();
      console.log('connected', r.address, r.family, r.port === a.address().port);
      try {
        b.send('x', a.address().port, '127.0.0.1');
      } catch (e) {
        console.log(e.code, e.message);
      }
      try {
        b.connect(1, '127.0.0.1');
      } catch (e) {
        console.log(e.code, e.message);
      }
      b.send('hello over a connected socket', (err, n) => console.log('sent', err, n));
    });
  });
});
a.on('message', (msg, rinfo) => {
  console.log('a got', msg.toString(), rinfo.port === b.address().port);
  a.send(Buffer.from('reply'), rinfo.port, rinfo.address);
});
b.on('message', (msg) => {
  console.log('b got', msg.toString());
  b.disconnect();
  try {
    b.disconnect();
  } catch (e) {
    console.log(e.code, e.message);
  }
  try {
    b.remoteAddress();
  } catch (e) {
    console.log(e.code);
  }
  a.close();
  b.close(() => console.log('closed'));
});
