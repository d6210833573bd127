// fs: readFile from a descriptor (callback and promises, from where the descriptor is), appendFile
// and readFile on a FileHandle, fs.constants as Node's, write's offset and length checks, the
// mode checks of access and copyFile, and rmdir's deprecated recursive option (DEP0147 once).
// Written in ES5 for Rhino.
var fs = require('fs');
var os = require('os');
var path = require('path');
var dir = fs.mkdtempSync(path.join(os.tmpdir(), 'juv-fs-fd-'));
var file = path.join(dir, 'data.txt');
process.on('warning', function (w) { console.log('warning', w.code); });
fs.writeFileSync(file, 'Hello World');
console.log(JSON.stringify(fs.constants));

var fd = fs.openSync(file, 'r');
var first = Buffer.alloc(6);
fs.readSync(fd, first, 0, 6, null);
fs.readFile(fd, 'utf8', function (err, rest) {
  console.log('readFile(fd)', err, JSON.stringify(rest), JSON.stringify(fs.readFileSync(fd, 'utf8')));
  fs.closeSync(fd);
  checks();
  fs.promises.open(file, 'a+').then(function (handle) {
    return handle.appendFile('!').then(function () { return fs.promises.appendFile(handle, '?'); })
      .then(function () { return handle.close(); });
  }).then(function () {
    return fs.promises.open(file, 'r');
  }).then(function (handle) {
    return fs.promises.readFile(handle, 'utf8').then(function (text) {
      console.log('promises', JSON.stringify(text));
      return handle.readFile({ encoding: 'utf8' });
    }).then(function (again) {
      console.log('again from the end', JSON.stringify(again));
      return handle.close();
    });
  }).then(function () {
    return fs.promises.access(file, 'r').catch(function (e) { console.log('access', e.code, shown(e)); });
  }).then(function () {
    fs.rmdir(path.join(dir, 'none'), { recursive: true }, function (err) {
      console.log('rmdir recursive', err.code);
      fs.rmdirSync(dir, { recursive: true });
      console.log(fs.existsSync(dir));
    });
  });
});

/** An error's message without the temporary directory's random name. */
function shown(e) {
  return e.message.split(dir).join('DIR');
}

function checks() {
  var wfd = fs.openSync(path.join(dir, 'w.txt'), 'w');
  var buf = Buffer.from('abcd');
  [[NaN, 4], [5, 0], [0, 5], [1, 4], [1, -1], ['1', 2], [-1, 2], [1.5, 1], [0, 2.5]].forEach(function (args) {
    try {
      console.log('write', JSON.stringify(args), fs.writeSync(wfd, buf, args[0], args[1], null));
    } catch (e) { console.log('write', JSON.stringify(args), e.name, e.code, e.message); }
  });
  console.log('write no offset', fs.writeSync(wfd, buf), fs.writeSync(wfd, new DataView(buf.buffer, buf.byteOffset, 2)));
  fs.closeSync(wfd);
  console.log(fs.readFileSync(path.join(dir, 'w.txt'), 'latin1'));
  [['r'], [8], [-1], [1.5], [NaN], [true], [Math.pow(2, 31)], [null]].forEach(function (args) {
    try { fs.accessSync(file, args[0]); console.log('access ok'); } catch (e) { console.log('access', e.code, shown(e)); }
    try { fs.copyFileSync(file, path.join(dir, 'c.txt'), args[0]); console.log('copy ok'); } catch (e) { console.log('copy', e.code, shown(e)); }
  });
}
