// An http server and a keep-alive client in the language Rhino takes: a body read as events, a
// chunked response written in two parts, a POST, and one agent connection for all of it.
var http = require('http');

var server = http.createServer(function (req, res) {
  var body = '';
  req.setEncoding('utf8');
  req.on('data', function (d) { body += d; });
  req.on('end', function () {
    if (req.url === '/chunked') {
      res.setHeader('X-Part', 'two');
      res.write('part1 ');
      setTimeout(function () { res.end('part2'); }, 20);
      return;
    }
    if (req.url === '/missing') {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('no such thing');
      return;
    }
    res.setHeader('Content-Type', 'text/plain');
    res.end(req.method + ' ' + req.url + ' ' + req.headers['x-test'] + ' ' + body.length);
  });
});
server.on('connection', function () { console.log('server: connection'); });

var agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
server.listen(0, '127.0.0.1', function () {
  var port = server.address().port;
  var paths = ['/a', '/chunked', '/missing', '/post'];
  function next(i) {
    if (i === paths.length) {
      agent.destroy();
      server.close(function () { console.log('closed'); });
      return;
    }
    var options = {
      port: port, host: '127.0.0.1', path: paths[i], agent: agent,
      method: paths[i] === '/post' ? 'POST' : 'GET', headers: { 'X-Test': 'v' + i },
    };
    var req = http.request(options, function (res) {
      var text = '';
      res.setEncoding('utf8');
      res.on('data', function (d) { text += d; });
      res.on('end', function () {
        console.log(res.statusCode, res.statusMessage, res.headers['content-type'], res.headers['transfer-encoding'],
          res.headers['x-part'], res.headers.connection, JSON.stringify(text));
        next(i + 1);
      });
    });
    if (options.method === 'POST') {
      req.write('hello ');
      req.write('body');
    }
    req.end();
  }
  next(0);
});
