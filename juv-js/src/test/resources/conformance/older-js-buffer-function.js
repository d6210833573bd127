// Buffer as Node's: a function (Buffer() and new Buffer() both work, with the DEP0005 warning once,
// never for slice, subarray, map or Buffer.of), SlowBuffer, isAscii and isUtf8, the parent and offset
// names, INSPECT_MAX_BYTES and the own properties inspect shows, an ArrayBuffer's offset and length
// checks. Written in ES5 for Rhino.
var buffer = require('buffer');
var util = require('util');
var Buffer = buffer.Buffer;
var warnings = [];
process.on('warning', function (w) { warnings.push(w.name + ' ' + w.code + ' ' + w.message); });

var a = Buffer.from('hello');
a.slice(1); a.subarray(2); a.map(function (x) { return x + 1; }); Buffer.of(1, 2, 3);
var b = Buffer(3);
var c = new Buffer('abc');
var d = Buffer([1, 2, 3]);
console.log(b.length, c.toString(), d.toString('hex'), b instanceof Buffer, Buffer.prototype.constructor === Buffer,
  Object.getPrototypeOf(Buffer) === Uint8Array, Buffer.name, Buffer.poolSize, a.slice(1) instanceof Buffer,
  a.subarray(1).constructor === Buffer);
try { Buffer(42, 'utf8'); } catch (e) { console.log(e.code, e.message); }
var s = buffer.SlowBuffer(4);
s.fill('1234');
console.log(util.inspect(s), s instanceof Buffer);
['Buffer.alloc("x")', 'Buffer.alloc(-1)', 'Buffer.allocUnsafe(NaN)', 'Buffer.alloc(Math.pow(2, 33))'].forEach(function (src) {
  try { eval(src); } catch (e) { console.log(src, e.code, e.message); }
});

var texts = [[0x68, 0x69], [0xC3, 0xA9], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF0, 0x9F, 0x98, 0x80],
  [0xE2, 0x82], [0xFF], [0x7F, 0x80]];
texts.forEach(function (bytes) {
  var u8 = new Uint8Array(bytes);
  console.log(bytes.join(','), buffer.isAscii(u8), buffer.isUtf8(u8), buffer.isUtf8(u8.buffer),
    buffer.isUtf8(new Uint16Array(new Uint8Array(bytes.concat(bytes.length % 2 ? [0x41] : [])).buffer)));
});
[undefined, 'abc', 1, {}, [], null, new DataView(new ArrayBuffer(1))].forEach(function (v) {
  try { buffer.isAscii(v); } catch (e) { console.log(e.code, e.message); }
  try { buffer.isUtf8(v); } catch (e) { console.log(e.code); }
});

var ab = new ArrayBuffer(8);
var e = Buffer.from(ab, 2, 4);
console.log(e.parent === ab, e.offset, Buffer.prototype.parent, new Uint8Array(2).parent, e.length);
[[9], [2, 7], [Infinity], [0, Infinity], ['x'], [NaN, NaN], [1, -3], [[1], [2]]].forEach(function (args) {
  try {
    var f = Buffer.from(ab, args[0], args[1]);
    console.log(JSON.stringify(args), f.length, f.byteOffset);
  } catch (err) { console.log(JSON.stringify(args), err.name, err.code, err.message); }
});
function AB() {}
Object.setPrototypeOf(AB.prototype, ArrayBuffer.prototype);
try { Buffer.from(new AB()); } catch (err) { console.log(err.code); }
console.log(Buffer.from({ buffer: ab }).length, Buffer.from({ length: NaN }).length);

var g = Buffer.from('0123456789');
buffer.INSPECT_MAX_BYTES = 3;
console.log(util.inspect(g), buffer.INSPECT_MAX_BYTES);
buffer.INSPECT_MAX_BYTES = Infinity;
g.extra = 'x';
g.inspect = undefined;
console.log(util.inspect(g));
var h = Buffer.alloc(0);
h.prop = 123;
console.log(util.inspect(h));
try { buffer.INSPECT_MAX_BYTES = -1; } catch (err) { console.log(err.code, err.message); }
setImmediate(function () { console.log(warnings.length, warnings[0]); });
