// structuredClone: plain data cloned deep (cycles and shared references kept), what cannot be
// cloned refused with a DataCloneError, and an ArrayBuffer in `transfer` moved (the original detached).
var util = require('util');
var shared = { n: 1 };
var src = {
  num: 1, str: 's', big: BigInt(7), nul: null, undef: undefined, bool: false,
  date: new Date(86400000), re: /a+b/gi, arr: [1, , 3], map: new Map([[shared, 'v']]), set: new Set([shared]),
  u8: new Uint8Array([1, 2, 3]), dv: new DataView(new ArrayBuffer(4), 1, 2), buf: Buffer.from('hi'),
  err: new RangeError('bad'), wrapped: Object(5), a: shared, b: shared,
};
src.self = src;
var out = structuredClone(src);
console.log(out !== src, out.self === out, out.a === out.b, out.a !== shared, out.map.keys().next().value === out.a,
  out.set.has(out.a), out.date.getTime(), out.re.source, out.re.flags, out.arr.length, 1 in out.arr, 'undef' in out);
console.log(util.inspect(out.u8), out.dv.byteOffset, out.dv.byteLength, util.inspect(out.buf), Buffer.isBuffer(out.buf));
console.log(out.err instanceof RangeError, out.err.message, out.err.name, typeof out.wrapped, out.wrapped + 1, typeof out.big);
function Point() { this.x = 1; }
Point.prototype.norm = function () {};
var p = structuredClone(new Point());
console.log(p.x, p instanceof Point, Object.getPrototypeOf(p) === Object.prototype);
console.log(structuredClone(5), structuredClone('x'), structuredClone(null), structuredClone(undefined));
[function f() {}, Symbol('s'), { f: function () {} }, Promise.resolve(), new WeakMap()].forEach(function (v) {
  try { structuredClone(v); console.log('cloned'); } catch (e) { console.log(e.name, e.code, e instanceof Error); }
});
try { structuredClone(); } catch (e) { console.log(e.code, e.message); }
var ab = new ArrayBuffer(8);
new Uint8Array(ab)[0] = 42;
var oldView = new Uint8Array(ab);
var moved = structuredClone({ view: oldView }, { transfer: [ab] });
console.log(ab.byteLength, moved.view.length, moved.view[0], moved.view.buffer.byteLength);
console.log(structuredClone(ab, { transfer: [ab] }).byteLength, structuredClone(1, null), structuredClone(2, { transfer: null }));
[[ab], [oldView], [1, 5], [1, { transfer: 5 }], [1, { transfer: 'ab' }], [1, { transfer: [{}] }]].forEach(function (args) {
  try { structuredClone(args[0], args[1]); console.log('cloned'); } catch (e) { console.log(e.name, e.code, e.message); }
});
var ab2 = new ArrayBuffer(2);
try { structuredClone(ab2, { transfer: [ab2, ab2] }); } catch (e) { console.log(e.name, e.message); }
console.log(ab2.byteLength);
var named = structuredClone(Object.assign(new TypeError('m'), { extra: 1, name: 'Other' }));
console.log(Object.keys(named).length, named.name, named instanceof TypeError, named.message);
