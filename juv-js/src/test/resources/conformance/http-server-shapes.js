// What libraries (Express and its middleware) rely on in http beyond the basics: writeHead as the
// one way a head is made (wrapping it sees implicit heads too), Node's status-code check and
// coercion, http.OutgoingMessage.prototype.setHeader, req.socket's shape and the peer's address on
// a server listening on IPv6's any address; and that https, tls and http2 load (juv-js cannot
// connect with them), require('process'), Buffer's enumerable statics. In the language Rhino
// takes too.
var http = require('http');

console.log(require('process') === process, typeof http.OutgoingMessage, Object.keys(Buffer).indexOf('concat') >= 0);
console.log(typeof require('https').Agent, typeof require('tls').Server, require('http2').constants.HTTP2_HEADER_PATH);

var seen = [];
var server = http.createServer(function (req, res) {
  var sock = req.socket;
  seen.push(req.url + ' socket ' + sock.remoteAddress + ' ' + sock.remoteFamily + ' ' + (typeof sock.remotePort)
    + ' writable ' + sock.writable + ' on ' + (typeof sock.on));
  var writeHead = res.writeHead;
  res.writeHead = function (code) {
    seen.push(req.url + ' writeHead ' + code + ' ' + res.getHeader('x-a'));
    return writeHead.apply(this, arguments);
  };
  res.on('finish', function () { seen.push(req.url + ' finish'); });
  res.on('close', function () { seen.push(req.url + ' close, socket writable ' + sock.writable); });
  if (req.url === '/bad') {
    res.statusCode = 99;
    try {
      res.end('x');
    } catch (e) {
      seen.push(req.url + ' ' + e.name + ' ' + e.code + ' ' + e.message);
      res.statusCode = 500;
      res.end('after error');
    }
    return;
  }
  if (req.url === '/undefined') {
    res.statusCode = undefined;
    try {
      res.end();
    } catch (e) {
      seen.push(req.url + ' ' + e.code + ' ' + e.message);
      res.statusCode = 200;
      res.end();
    }
    return;
  }
  if (req.url === '/float') {
    res.statusCode = 410.1;
  }
  http.OutgoingMessage.prototype.setHeader.call(res, 'X-A', ['1', '2']);
  res.end('ok ' + req.url);
});

server.listen(0, function () {
  var port = server.address().port;
  var paths = ['/plain', '/bad', '/undefined', '/float'];
  function next(i) {
    if (i === paths.length) {
      server.close(function () {
        console.log(seen.join('\n'));
      });
      return;
    }
    http.get({ host: '127.0.0.1', port: port, path: paths[i] }, function (res) {
      var body = '';
      res.setEncoding('utf8');
      res.on('data', function (d) { body += d; });
      res.on('end', function () {
        seen.push(paths[i] + ' client ' + res.statusCode + ' ' + JSON.stringify(res.headers['x-a']) + ' ' + JSON.stringify(body));
        next(i + 1);
      });
    });
  }
  next(0);
});
