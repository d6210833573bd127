// dgram on loopback: a server and a client ping-pong five datagrams; bind, 'listening', send
// callbacks, rinfo, implicit bind on send, address(), close order, and the errors Node throws.
const dgram = require('dgram');

const server = dgram.createSocket('udp4');
const events = [];
server.on('listening', () => {
  const a = server.address();
  console.log('server listening', a.address, a.family, typeof a.port);
  const client = dgram.createSocket({ type: 'udp4' });
  let count = 0;
  client.on('message', (msg, rinfo) => {
    console.log('client got', msg.toString(), rinfo.address, rinfo.family, rinfo.port === a.port, rinfo.size);
    if (++count < 5) {
      client.send('ping ' + count, a.port, '127.0.0.1');
    } else {
      client.close(() => {
        console.log('client closed');
        server.close();
      });
      console.log('client closing');
    }
  });
  client.on('listening', () => console.log('client listening (implicit bind)', client.address().address));
  client.send(Buffer.from('ping 0'), a.port, '127.0.0.1', (err, bytes) => {
    console.log('first send callback', err, bytes);
  });
  console.log('client sent before bind');
});
server.on('message', (msg, rinfo) => {
  console.log('server got', msg.toString(), rinfo.address, rinfo.family, rinfo.size);
  server.send(['po', Buffer.from('ng '), msg.subarray(5)], rinfo.port, rinfo.address);
});
server.on('close', () => {
  console.log('server closed');
  try {
    server.address();
  } catch (e) {
    console.log(e.code, e.message);
  }
  try {
    server.close();
  } catch (e) {
    console.log(e.code);
  }
  offsets();
});
server.bind(0, '127.0.0.1', () => console.log('bind callback'));
console.log('bind called');

function offsets() {
  const a = dgram.createSocket('udp4');
  const b = dgram.createSocket('udp4');
  b.bind(0, '127.0.0.1');
  b.on('listening', () => {
    a.send(Buffer.from('0123456789'), 2, 5, b.address().port, '127.0.0.1');
  });
  b.on('message', (msg) => {
    console.log('slice:', msg.toString());
    try {
      a.send('x', 0, '127.0.0.1');
    } catch (e) {
      console.log(e.code);
    }
    try {
      dgram.createSocket('udp5');
    } catch (e) {
      console.log(e.code, e.message);
    }
    a.close();
    b.close();
  });
}
