// Buffer.compare and buf.compare as Node's: a Uint8Array compares as a Buffer does, offsets must
// be integers in range (null and strings are not coerced), an empty range decides first.
var a = Buffer.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 0]);
var b = Buffer.from([5, 6, 7, 8, 9, 0, 1, 2, 3, 4]);
var u = new Uint8Array([5, 6, 7, 8, 9, 0, 1, 2, 3, 4]);

function show(what, fn) {
  try {
    console.log(what + ': ' + fn());
  } catch (e) {
    console.log(what + ': ' + e.name + ' ' + e.code + ' ' + e.message);
  }
}

show('Buffer.compare(u, u)', function () { return Buffer.compare(u, u); });
show('Buffer.compare(b, u)', function () { return Buffer.compare(b, u); });
show('Buffer.compare(a, "abc")', function () { return Buffer.compare(a, 'abc'); });
show('Buffer.compare("abc", a)', function () { return Buffer.compare('abc', a); });
show('a.compare(b, 0, 5, 4)', function () { return a.compare(b, 0, 5, 4); });
show('a.compare(b, 5)', function () { return a.compare(b, 5); });
show('a.compare(u, 0, 5, 4, 9)', function () { return a.compare(u, 0, 5, 4, 9); });
show('a.compare(b, 0xff)', function () { return a.compare(b, 0xff); });
show('a.compare(b, 0, 0, 0, 0)', function () { return a.compare(b, 0, 0, 0, 0); });
show('a.compare(b, 0, 0)', function () { return a.compare(b, 0, 0); });
show('a.compare(b, 0, null)', function () { return a.compare(b, 0, null); });
show('a.compare(b, "0xff")', function () { return a.compare(b, '0xff'); });
show('a.compare(b, 1.5)', function () { return a.compare(b, 1.5); });
show('a.compare(b, -1)', function () { return a.compare(b, -1); });
show('a.compare(b, 0, 100)', function () { return a.compare(b, 0, 100); });
show('a.compare(b, 0, 1, 0, 100)', function () { return a.compare(b, 0, 1, 0, 100); });
show('a.compare()', function () { return a.compare(); });
show('a.compare("abc")', function () { return a.compare('abc'); });
show('a.equals(u)', function () { return a.equals(u); });
