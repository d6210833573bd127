// path, both flavours: generated paths (a fixed seed) through every function, and the drive-relative
// resolve that reads a drive's directory from the environment ("=C:"). Written in ES5 for Rhino.
var path = require('path');
// resolve's results hold the working directory; node and juv-js run this from different ones.
process.chdir(require('os').tmpdir());
var N = 400, seed = 17;
var state = seed;
function rnd(n) { state = (state * 1103515245 + 12345) % 2147483648; return Math.floor(state / 65536) % n; }
var tokens = ['a', 'b', 'C:', 'c:', 'z:', '.', '..', '...', '/', '\\', '//', '\\\\', 'x.js', '.x', 'x.', 'srv', 'share',
  'CON', 'con:', 'NUL:', 'COM1', 'LPT\u00b9:', ':', '?', 'A', 'B.b.b', '..x', 'x..', ' ', 'I\u0130', '\u00c9t\u00e9'];
function gen() {
  var n = rnd(7), s = '';
  for (var i = 0; i < n; i++) { s += tokens[rnd(tokens.length)]; }
  return s;
}
function show(x) { try { return JSON.stringify(x()); } catch (e) { return 'throws ' + e.code; } }
var flavours = [['posix', path.posix], ['win32', path.win32]];
for (var k = 0; k < N; k++) {
  var p = gen(), q = rnd(2) ? p + gen() : gen(), r = rnd(2) ? p.slice(0, rnd(p.length + 1)) + gen() : gen(), sfx = rnd(2) ? p.slice(rnd(p.length + 1)) : gen();
  for (var f = 0; f < 2; f++) {
    var name = flavours[f][0], m = flavours[f][1];
    console.log(name, JSON.stringify([p, q, r, sfx]),
      show(function () { return m.normalize(p); }), show(function () { return m.isAbsolute(p); }),
      show(function () { return m.dirname(p); }), show(function () { return m.basename(p); }),
      show(function () { return m.basename(p, sfx); }), show(function () { return m.basename(p, p.slice(-2)); }),
      show(function () { return m.extname(p); }), show(function () { return m.parse(p); }),
      show(function () { return m.format(m.parse(p)); }), show(function () { return m.join(p, q, r); }),
      show(function () { return m.join(p); }),
      show(function () { return m.resolve(p, q); }), show(function () { return m.resolve(p); }),
      show(function () { return m.relative(p, q); }), show(function () { return m.relative(q, r); }),
      show(function () { return m.toNamespacedPath(p); }));
  }
}
process.env['=d:'] = 'D:\\games\\saves';
process.env['=e:'] = 'c:\\elsewhere';
console.log(path.win32.resolve('d:x'), path.win32.resolve('d:'), path.win32.resolve('e:y'), path.win32.resolve('f:z'));
console.log(path.win32.toNamespacedPath('d:x'), path.win32.relative('d:', 'D:\\games'), path.win32.relative('e:', 'e:\\'));
console.log(require('path/win32') === path.win32, require('path/posix') === path.posix, path.win32.posix === path.posix,
  path.posix.win32 === path.win32, path.win32.sep, path.win32.delimiter, path._makeLong === path.toNamespacedPath);
console.log(path.win32.format({ root: 'C:\\', name: 'a', ext: 'txt' }), path.posix.format({ dir: '/x', name: 'y', ext: '.z' }));
['format', 'basename'].forEach(function (fn) {
  try { path.win32[fn](fn === 'format' ? [] : 'a', 1); } catch (e) { console.log(e.code, e.message); }
});
