// net on loopback: an echo server and a client; each side's events in order (printed per side at
// the end, as the two sides' events interleave differently from run to run), write() results,
// byte counts, addresses, and the server's close after its last connection.
const net = require('net');

const serverLog = [];
const clientLog = [];
const server = net.createServer((sock) => {
  serverLog.push('connection ' + sock.remoteAddress + ' ' + sock.remoteFamily + ' ' + (sock.localPort === port));
  sock.setEncoding('utf8');
  sock.on('data', (d) => {
    serverLog.push('data ' + JSON.stringify(d));
    sock.write(d.toUpperCase());
  });
  sock.on('end', () => {
    serverLog.push('end');
  });
  sock.on('finish', () => serverLog.push('finish'));
  sock.on('close', (hadError) => {
    serverLog.push('close ' + hadError + ' read=' + sock.bytesRead + ' written=' + sock.bytesWritten);
    server.close(() => {
      serverLog.push('server closed');
      done();
    });
  });
});
let port;
let closes = 0;
function done() {
  if (++closes === 2) {
    console.log('server:\n  ' + serverLog.join('\n  '));
    console.log('client:\n  ' + clientLog.join('\n  '));
  }
}
server.listen(0, '127.0.0.1', () => {
  port = server.address().port;
  console.log('listening', server.address().address, server.address().family, typeof port, server.listening);
  const client = net.connect(port, '127.0.0.1', () => {
    clientLog.push('connect ' + client.remoteAddress + ' ' + (client.remotePort === port) + ' ' + client.localAddress);
    clientLog.push('write returns ' + client.write('hello '));
  });
  clientLog.push('connecting ' + client.connecting + ' ' + client.readyState + ' ' + client.pending);
  let got = '';
  client.on('ready', () => clientLog.push('ready ' + client.readyState));
  client.on('data', (d) => {
    got += d;
    if (got === 'HELLO ') {
      client.end('world', () => clientLog.push('end callback'));
      clientLog.push('after end: ' + client.readyState);
    }
  });
  client.on('end', () => clientLog.push('end, got ' + got));
  client.on('finish', () => clientLog.push('finish'));
  client.on('close', (hadError) => {
    clientLog.push('close ' + hadError + ' ' + client.destroyed + ' ' + client.readyState);
    done();
  });
});
console.log('listen called', server.listening);
