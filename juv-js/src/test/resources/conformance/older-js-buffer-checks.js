// Buffer's number reads and writes and write() as Node's: the offset must be a number, an
// integer, inside the buffer (a buffer too short for the width at all is out of bounds), the
// value inside the width's range (worded per width as Node words it), and write() stores only
// whole characters.
var b = Buffer.alloc(8);

function show(what, fn) {
  try {
    console.log(what + ': ' + JSON.stringify(fn()));
  } catch (e) {
    console.log(what + ': ' + e.name + ' ' + e.code + ' ' + e.message);
  }
}

show('readUInt8("1")', function () { return b.readUInt8('1'); });
show('readUInt8(1.5)', function () { return b.readUInt8(1.5); });
show('readUInt8(8)', function () { return b.readUInt8(8); });
show('readInt32LE(-1)', function () { return b.readInt32LE(-1); });
show('readDoubleBE(1)', function () { return b.readDoubleBE(1); });
show('readDoubleLE(NaN)', function () { return b.readDoubleLE(NaN); });
show('Buffer.alloc(2).readInt32LE(0)', function () { return Buffer.alloc(2).readInt32LE(0); });
show('readUIntLE()', function () { return b.readUIntLE(); });
show('readUIntLE(0, 7)', function () { return b.readUIntLE(0, 7); });
show('readIntBE(0, "6")', function () { return b.readIntBE(0, '6'); });
show('readIntBE(0, 1.5)', function () { return b.readIntBE(0, 1.5); });
show('writeUInt8(256)', function () { return b.writeUInt8(256); });
show('writeInt8(-129)', function () { return b.writeInt8(-129); });
show('writeUInt16BE(70000)', function () { return b.writeUInt16BE(70000); });
show('writeInt32LE(2 ** 31)', function () { return b.writeInt32LE(Math.pow(2, 31)); });
show('writeUInt32LE(2 ** 33)', function () { return b.writeUInt32LE(Math.pow(2, 33)); });
show('writeUIntLE(2 ** 48, 0, 6)', function () { return b.writeUIntLE(Math.pow(2, 48), 0, 6); });
show('writeIntBE(-(2 ** 40), 0, 5)', function () { return b.writeIntBE(-Math.pow(2, 40), 0, 5); });
show('writeUInt16LE(1, 7)', function () { return b.writeUInt16LE(1, 7); });
show('writeUInt16LE(1, "0")', function () { return b.writeUInt16LE(1, '0'); });
show('writeDoubleLE(1, 1)', function () { return b.writeDoubleLE(1, 1); });
show('writeIntLE(-5, 1, 3) then readIntLE', function () { b.writeIntLE(-5, 1, 3); return b.readIntLE(1, 3); });
show('writeUInt32BE(0xdeadbeef) then readUInt32BE', function () { b.writeUInt32BE(0xdeadbeef, 4); return b.readUInt32BE(4); });
show('writeInt16BE(-2) then readInt16BE', function () { b.writeInt16BE(-2, 0); return b.readInt16BE(0); });
show('write("foo", -1)', function () { return Buffer.alloc(9).write('foo', -1); });
show('write("foo", 10)', function () { return Buffer.alloc(9).write('foo', 10); });
show('write("foo", 0, 10)', function () { return Buffer.alloc(9).write('foo', 0, 10); });
show('write 3 bytes of "aé€"', function () { var c = Buffer.alloc(4); return [c.write('aé€'), Array.prototype.slice.call(c)]; });
show('write ucs2 at 3 of 4', function () { return Buffer.alloc(4).write('ыы', 3, 'ucs2'); });
show('write("abcd", 2)', function () { var c = Buffer.alloc(4); return [c.write('abcd', 2), Array.prototype.slice.call(c)]; });
show('write("ab", "hex")', function () { var c = Buffer.alloc(2); return [c.write('abcd', 'hex'), Array.prototype.slice.call(c)]; });
