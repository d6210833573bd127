// What keeps the loop alive, as process.getActiveResourcesInfo() and _getActiveHandles() /
// _getActiveRequests() list it: requests in flight, then referenced handles oldest first (an
// unreferenced one is left out), then one Timeout per referenced timer and one Immediate per
// referenced immediate.
var net = require('net');
var dgram = require('dgram');
var fs = require('fs');
var os = require('os');
var path = require('path');

// stdout's own handle depends on where the output goes (a pipe, a terminal, a file: none), so
// it is left out; this program makes no pipe or terminal of its own.
function info() {
  return process.getActiveResourcesInfo().filter(function (n) {
    return n !== 'PipeWrap' && n !== 'TTYWrap';
  });
}
function show(when) {
  console.log(when + ':', JSON.stringify(info()));
}
// Node keeps a finished fs request in the list until it is collected: past the requests' part,
// only the handles and timers are compared.
function showHandles(when) {
  console.log(when + ':', JSON.stringify(info().filter(function (n) {
    return n !== 'FSReqCallback';
  })));
}
function names(list) {
  return list.filter(function (o) {
    return o !== process.stdout && o !== process.stderr && o !== process.stdin;
  }).map(function (o) { return o.constructor.name; }).join(',');
}

show('at start');
var t1 = setTimeout(function () {}, 1000);
var t2 = setTimeout(function () {}, 1000);
t2.unref();
var iv = setInterval(function () {}, 1000);
var im = setImmediate(function () {});
show('timers');
clearTimeout(t1);
clearInterval(iv);
clearImmediate(im);
show('cleared');
var left = 2;
function done() {
  if (--left === 0) {
    showHandles('fs requests done');
    handles();
  }
}
fs.stat(__filename, done);
fs.open(__filename, 'r', function (err, fd) {
  fs.closeSync(fd);
  done();
});
console.log('requests:', names(process._getActiveRequests()));
show('two fs requests');

function handles() {
  var dir = fs.mkdtempSync(path.join(os.tmpdir(), 'active-'));
  var server = net.createServer();
  server.listen(0, '127.0.0.1', function () {
    var u = dgram.createSocket('udp4');
    u.bind(0, '127.0.0.1', function () {
      var w = fs.watch(dir);
      showHandles('server, udp, watcher');
      console.log('handles:', names(process._getActiveHandles()));
      server.unref();
      showHandles('server unreferenced');
      w.close();
      u.close(function () {
        server.close(function () {
          fs.rmdirSync(dir);
          fs.stat(__filename, function () {
            showHandles('all closed');
          });
        });
      });
    });
  });
}
