// net.Socket's resetAndDestroy() and _handle, as Node's: a reset (RST) reaches the peer as
// ECONNRESET, a reset asked for while connecting waits for the connection, and a socket without
// a handle is destroyed with ERR_SOCKET_CLOSED; closing socket._handle under a socket makes its
// next write fail with EBADF (and the socket emits no 'close' of its own), and a program that
// sets _handle to null gets ERR_SOCKET_CLOSED from its next write.
var net = require('net');

var steps = [resetAfterConnect, resetWhileConnecting, resetWithoutHandle, handleClosedUnderSocket, handleSetToNull];
function next() {
  var step = steps.shift();
  if (step) {
    step();
  }
}

function withServer(onServerSocket, onListening) {
  var server = net.createServer(onServerSocket);
  server.listen(0, '127.0.0.1', function () {
    onListening(server, server.address().port);
  });
}

function resetAfterConnect() {
  withServer(function (s) {
    s.on('error', function (e) {
      console.log('reset after connect: the peer gets', e.code, e.message);
    });
    s.on('close', function (hadError) {
      console.log('reset after connect: peer closed, hadError', hadError);
      this.server.close(next);
    });
    s.server = this;
  }, function (server, port) {
    var c = net.connect(port, '127.0.0.1', function () {
      console.log('reset after connect: returns the socket', c.resetAndDestroy() === c);
    });
    c.on('close', function (hadError) {
      console.log('reset after connect: closed, hadError', hadError);
    });
  });
}

function resetWhileConnecting() {
  withServer(function (s) {
    s.on('error', function (e) {
      console.log('reset while connecting: the peer gets', e.code);
    });
    s.on('close', function () {
      this.server.close(next);
    });
    s.server = this;
  }, function (server, port) {
    var c = net.connect(port, '127.0.0.1');
    c.on('connect', function () {
      console.log('reset while connecting: connected first');
    });
    c.on('close', function () {
      console.log('reset while connecting: closed');
    });
    c.resetAndDestroy();
    console.log('reset while connecting: still connecting', c.connecting, 'destroyed', c.destroyed);
  });
}

function resetWithoutHandle() {
  var c = new net.Socket();
  c.on('error', function (e) {
    console.log('reset without a handle:', e.code, e.message);
  });
  c.on('close', function () {
    console.log('reset without a handle: closed');
    next();
  });
  console.log('reset without a handle: _handle', c._handle);
  c.resetAndDestroy();
}

function handleClosedUnderSocket() {
  withServer(null, function (server, port) {
    var c = net.connect(port, '127.0.0.1', function () {
      c.on('error', function (e) {
        console.log('handle closed under the socket:', e.constructor === Error, e.message, 'destroyed', c.destroyed);
        server.close();
        setTimeout(function () {
          console.log('handle closed under the socket: a close event came:', closes > 0);
          next();
        }, 50);
      });
      var closes = 0;
      c.on('close', function () {
        closes++;
      });
      c._handle.close();
      console.log('handle closed under the socket: _handle still there', c._handle !== null);
      c.write('foo');
    });
  });
}

function handleSetToNull() {
  withServer(null, function (server, port) {
    var c = net.connect(port, '127.0.0.1', function () {
      c.on('error', function (e) {
        console.log('_handle set to null:', e.code, e.message);
      });
      server.close();
      c._handle.close();
      c._handle = null;
      c.write('foo');
    });
  });
}

next();
