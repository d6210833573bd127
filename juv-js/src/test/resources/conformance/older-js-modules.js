// The other modules in the language Rhino takes: util, Buffer, path, url, querystring,
// string_decoder, TextEncoder, and fs.promises through then().
var util = require('util');
var path = require('path');
var querystring = require('querystring');
var StringDecoder = require('string_decoder').StringDecoder;
var fsp = require('fs').promises;
var os = require('os');

console.log(util.format('%s is %d years and %j', 'Bob', 42, { a: [1, 2] }), util.format('%o', 'x'));
console.log(util.inspect({ a: 1, b: 'two', c: [1, 2, { d: new Map([['k', 1]]) }], e: new Set([1]) }, { depth: 4 }));
console.log(util.inspect('quote\'s'), util.inspect([undefined, null, -0, 10n === undefined]), util.isDeepStrictEqual([1], [1]));

var b = Buffer.from('héllo wörld');
console.log(b.length, b.toString('hex'), b.toString('base64'), b.slice(1, 3), Buffer.concat([b, Buffer.from([33])]).toString());
console.log(Buffer.from('aGk=', 'base64').toString(), Buffer.alloc(3, 'ab'), b.readUInt16BE(0), b.indexOf('l'));
var nb = Buffer.alloc(8);
nb.writeDoubleLE(1.5, 0);
console.log(nb, nb.readDoubleLE(0), Buffer.compare(Buffer.from('a'), Buffer.from('b')), b.equals(Buffer.from('héllo wörld')));

console.log(path.join('/a/b', '../c', 'd.txt'), path.resolve('/x', 'y'), path.extname('f.tar.gz'), path.parse('/h/u/f.txt').name);
var u = new URL('https://user:pw@example.com:8080/p/a/t/h?query=string&x=1#hash');
u.searchParams.append('y', 'z w');
console.log(u.href, u.host, u.pathname, u.searchParams.get('x'), u.origin);
console.log(querystring.stringify({ a: [1, 2], b: 'c d' }), JSON.stringify(querystring.parse('a=1&a=2&b=%20')));

var d = new StringDecoder('utf8');
var euro = Buffer.from('€');
console.log(JSON.stringify(d.write(euro.slice(0, 1))), JSON.stringify(d.write(euro.slice(1))), JSON.stringify(d.end()));
console.log(new TextEncoder().encode('hé'), new TextDecoder().decode(new Uint8Array([104, 195, 169])));
console.log(typeof os.hostname(), os.EOL === '\n', os.platform());

var dir;
fsp.mkdtemp(path.join(os.tmpdir(), 'older-js-')).then(function (made) {
  dir = made;
  return fsp.writeFile(path.join(dir, 'f.txt'), 'some text');
}).then(function () {
  return fsp.readFile(path.join(dir, 'f.txt'), 'utf8');
}).then(function (text) {
  console.log('read', text);
  return fsp.stat(path.join(dir, 'f.txt'));
}).then(function (st) {
  console.log('size', st.size, st.isFile(), st.isDirectory());
  return fsp.readFile(path.join(dir, 'nope.txt'));
}).catch(function (err) {
  console.log('error', err.code, err.syscall, err.errno, err.path === path.join(dir, 'nope.txt'));
  return fsp.rm(dir, { recursive: true });
}).then(function () {
  console.log('removed');
});
