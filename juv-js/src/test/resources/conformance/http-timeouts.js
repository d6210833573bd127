// http's timeouts and refusals, as Node's server has them: the server's timeout options checked
// at createServer and applied when set after listen (a silent connection hears 408), Node's short
// 400 for a malformed request, req.setTimeout while a body stalls, server.setTimeout with and
// without a listener, res.setTimeout on the client; and the head's rules for headers a program
// removed, an invalid statusMessage, an agent's name for a socket path. Written in ES5 for Rhino.
'use strict';
var http = require('http');
var net = require('net');

function show(e) {
  console.log(e.code + ': ' + e.message);
}

function attempt(f) {
  try {
    f();
    console.log('no error');
  } catch (e) {
    show(e);
  }
}

// ---------------------------------------------------------------- options
attempt(function () { http.createServer({ headersTimeout: 5000, requestTimeout: 1000 }); });
attempt(function () { http.createServer({ requestTimeout: -1 }); });
attempt(function () { http.createServer({ keepAliveTimeout: 1.5 }); });
attempt(function () { http.createServer({ headersTimeout: '1' }); });
attempt(function () { http.createServer('options'); });
var plain = http.createServer();
console.log('defaults', plain.requestTimeout, plain.headersTimeout, plain.keepAliveTimeout, plain.timeout);
var short = http.createServer({ requestTimeout: 1000 });
console.log('headersTimeout follows a shorter requestTimeout:', short.headersTimeout);
console.log('no deadlines:', http.createServer({ requestTimeout: 0, headersTimeout: 0 }).headersTimeout);
console.log('agent name', new http.Agent().getName({ socketPath: '/tmp/s' }), new http.Agent().getName({ family: 6, socketPath: '/x' }));

// ---------------------------------------------------------------- the steps, one after another
var steps = [silentConnection, malformed, stalledBody, serverTimeoutNoListener, serverTimeoutListener,
  removedHeaders, invalidStatusMessage, clientResponseTimeout];

function next() {
  var step = steps.shift();
  if (step) {
    step(next);
  }
}

/** Sends `text` on a raw connection and gives what came back when the server closed. */
function raw(port, text, done) {
  var got = '';
  var c = net.connect(port, '127.0.0.1', function () {
    if (text) {
      c.write(text);
    }
  });
  c.setEncoding('latin1');
  c.on('data', function (d) { got += d; });
  c.on('error', function (e) { got += '<' + e.code + '>'; });
  c.on('close', function () { done(got); });
  return c;
}

function silentConnection(done) {
  var server = http.createServer({ keepAliveTimeout: 0, headersTimeout: 0, connectionsCheckingInterval: 50 },
    function () { console.log('no request expected'); });
  server.listen(0, '127.0.0.1', function () {
    server.requestTimeout = 300; // after listen: applies from the next check
    raw(server.address().port, '', function (got) {
      console.log('silent connection:', JSON.stringify(got));
      server.close(done);
    });
  });
}

function malformed(done) {
  var server = http.createServer(function () { console.log('no request expected'); });
  server.listen(0, '127.0.0.1', function () {
    raw(server.address().port, 'GET / HTTP/1.1\r\nHost: x\r\nDummy: x\nContent-Length: 23\r\n\r\n', function (got) {
      console.log('malformed:', JSON.stringify(got));
      server.close(done);
    });
  });
}

function stalledBody(done) {
  var client;
  var server = http.createServer(function (req, res) {
    req.setTimeout(200, function () {
      console.log('req timeout, complete=' + req.complete + ', socket destroyed=' + req.socket.destroyed);
      res.statusCode = 408;
      res.end('late');
    });
    req.on('data', function (d) { console.log('body', JSON.stringify(String(d))); });
  });
  server.listen(0, '127.0.0.1', function () {
    client = raw(server.address().port, 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc', function (got) {
      console.log('stalled body answer:', JSON.stringify(got.split('\r\n')[0]));
      server.close(done);
    });
    client.on('data', function () { client.destroy(); });
  });
}

function serverTimeoutNoListener(done) {
  var server = http.createServer(function (req, res) {
    console.log('request held, no timeout listener; res has', res.listenerCount('timeout'));
  });
  server.setTimeout(200);
  server.listen(0, '127.0.0.1', function () {
    raw(server.address().port, 'GET /held HTTP/1.1\r\nHost: x\r\n\r\n', function (got) {
      console.log('connection destroyed, answer:', JSON.stringify(got));
      server.close(done);
    });
  });
}

function serverTimeoutListener(done) {
  var held;
  var server = http.createServer(function (req, res) {
    held = res;
  });
  server.setTimeout(200, function (socket) {
    console.log('server timeout, a socket:', typeof socket.destroy, 'same as the response\'s:', socket === held.socket);
    held.end('answered late');
  });
  server.listen(0, '127.0.0.1', function () {
    var c = raw(server.address().port, 'GET /late HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', function (got) {
      var parts = got.split('\r\n\r\n');
      console.log('answer after the timeout:', JSON.stringify(parts[0].split('\r\n')[0]), JSON.stringify(parts[1]));
      server.close(done);
    });
  });
}

function removedHeaders(done) {
  var server = http.createServer(function (req, res) {
    res.removeHeader('connection');
    res.removeHeader('transfer-encoding');
    res.removeHeader('content-length');
    res.removeHeader('date');
    res.setHeader('date', 'coffee o clock');
    res.end('beep boop');
  });
  server.listen(0, '127.0.0.1', function () {
    raw(server.address().port, 'GET / HTTP/1.1\r\nHost: x\r\n\r\n', function (got) {
      console.log('removed headers stay removed, and the connection closes:', JSON.stringify(got));
      server.close(done);
    });
  });
}

function invalidStatusMessage(done) {
  var server = http.createServer(function (req, res) {
    attempt(function () { res.writeHead(200, 'OK\r\nX-Injected: 1'); });
    res.statusMessage = 'Fine\u010D';
    attempt(function () { res.writeHead(200); });
    res.statusMessage = 'Fine';
    res.setHeader('Content-Length', '2');
    res.end('ok');
  });
  server.listen(0, '127.0.0.1', function () {
    raw(server.address().port, 'GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', function (got) {
      console.log('status line:', JSON.stringify(got.split('\r\n')[0]), 'injected:', got.indexOf('X-Injected') >= 0);
      server.close(done);
    });
  });
}

function clientResponseTimeout(done) {
  var server = http.createServer(function (req, res) {
    res.flushHeaders(); // and never ends
  });
  server.listen(0, '127.0.0.1', function () {
    var req = http.get({ host: '127.0.0.1', port: server.address().port, agent: false }, function (res) {
      console.log('response', res.statusCode);
      res.setTimeout(100, function () {
        console.log('res timeout');
        req.destroy();
      });
      res.on('error', function (e) { console.log('res error', e.code); });
      res.on('close', function () {
        console.log('res close, aborted=' + res.aborted);
        server.close(done);
      });
    });
    req.on('timeout', function () { console.log('req timeout too'); });
  });
}

next();
