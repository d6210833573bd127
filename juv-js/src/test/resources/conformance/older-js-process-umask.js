// process.umask(), as Node's: the argument is an octal string or a 32-bit unsigned integer (each
// kind of bad one has its own error), the call returns the mask before it, a call with no
// argument only reads it, and the mask really applies to the files the process creates.
var fs = require('fs');
var os = require('os');
var path = require('path');

var bad = [{}, '123x', 'abc', -1, 1.5, 4294967296, 8589934592, null, true];
for (var i = 0; i < bad.length; i++) {
  try {
    process.umask(bad[i]);
    console.log('accepted', bad[i]);
  } catch (e) {
    console.log(e.name, e.code, e.message);
  }
}

var old = process.umask('0027');
console.log('a string sets it, the next call returns it:', process.umask(old).toString(8));
console.log('reading leaves it:', process.umask() === old, process.umask() === old);
console.log('only the low bits count:', (process.umask(0o10077), process.umask()).toString(8));

var file = path.join(os.tmpdir(), 'juv-umask-' + process.pid);
fs.writeFileSync(file, 'x');
console.log('a file made under 077:', (fs.statSync(file).mode & 0o777).toString(8));
fs.unlinkSync(file);
process.umask(0o022);
fs.writeFileSync(file, 'x');
console.log('a file made under 022:', (fs.statSync(file).mode & 0o777).toString(8));
fs.unlinkSync(file);
process.umask(old);
