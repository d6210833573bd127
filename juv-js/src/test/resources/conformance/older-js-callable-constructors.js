// Node's constructors are functions: called without `new` they construct, and fs's streams can
// be initialised from a subclass written as a function (graceful-fs does this, replacing open()).
var net = require('net');
var http = require('http');
var fs = require('fs');
var os = require('os');
var path = require('path');

console.log('names:', net.Server.name, net.Socket.name, http.Server.name, fs.ReadStream.name, fs.WriteStream.name);
var server = net.Server(function () {});
console.log('net.Server():', server instanceof net.Server, server.constructor === net.Server,
  typeof server.listen);
var socket = net.Socket();
console.log('net.Socket():', socket instanceof net.Socket, socket instanceof net.Stream);
socket.destroy();
var hs = http.Server(function () {});
console.log('http.Server():', hs instanceof http.Server);

function Sub(file) {
  fs.WriteStream.call(this, file);
}
Object.setPrototypeOf(Sub.prototype, fs.WriteStream.prototype);
Object.setPrototypeOf(Sub, fs.WriteStream);
Sub.prototype.open = function () {
  var self = this;
  console.log('the replaced open() runs');
  fs.open(self.path, 'w', function (err, fd) {
    if (err) {
      self.emit('error', err);
      return;
    }
    self.fd = fd;
    self.emit('open', fd);
  });
};

var file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'callable-')), 'out.txt');
var w = new Sub(file);
console.log('subclass:', w instanceof fs.WriteStream, w.pending);
w.on('open', function (fd) {
  console.log('open event, fd is a number:', typeof fd === 'number');
});
w.end('written through a subclass', function () {
  console.log(fs.readFileSync(file, 'utf8'));
  var r = fs.ReadStream(file, { encoding: 'utf8' });
  console.log('fs.ReadStream():', r instanceof fs.ReadStream);
  r.on('data', function (d) {
    console.log('read back:', d);
  });
  r.on('close', function () {
    fs.rmSync(path.dirname(file), { recursive: true });
    console.log('done');
  });
});
