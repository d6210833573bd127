// Buffer's number readers and writers: 8 to 64 bits, both byte orders, floats and doubles,
// variable widths, swaps, the lower-case aliases, and the range errors Node gives.
const b = Buffer.alloc(16);
console.log(b.writeUInt32BE(0xdeadbeef, 0), b.writeInt16LE(-2, 4), b.writeUInt8(255, 6), b);
console.log(b.readUInt32BE(0).toString(16), b.readUInt32LE(0).toString(16), b.readInt16LE(4), b.readInt8(6), b.readUint8(6));
console.log(b.writeFloatLE(1.5, 8), b.readFloatLE(8), b.writeFloatBE(-0.1, 12), b.readFloatBE(12));
const d = Buffer.alloc(8);
d.writeDoubleBE(Math.PI);
console.log(d, d.readDoubleBE(0), d.readDoubleLE(0));
d.writeDoubleLE(-1e300);
console.log(d.readDoubleLE(), Object.is(Buffer.from([0, 0, 0, 0, 0, 0, 0, 0x80]).readDoubleLE(), -0));
d.writeBigInt64LE(-123456789012345678n);
console.log(d, d.readBigInt64LE(), d.readBigUInt64LE(), d.readBigInt64BE());
d.writeBigUInt64BE(2n ** 64n - 1n);
console.log(d.readBigUInt64BE(), d.readBigInt64BE(), d.readBigUint64LE());
const v = Buffer.alloc(6);
console.log(v.writeUIntBE(0x1234567890ab, 0, 6), v, v.readUIntBE(0, 6).toString(16), v.readUIntLE(0, 6).toString(16));
console.log(v.writeIntLE(-0x123456, 0, 3), v.readIntLE(0, 3), v.readIntBE(0, 3), v.readUIntLE(0, 3));
console.log(Buffer.from([1, 2, 3, 4]).swap16(), Buffer.from([1, 2, 3, 4]).swap32(), Buffer.from([1, 2, 3, 4, 5, 6, 7, 8]).swap64());
console.log(Buffer.from('abcabc').lastIndexOf('bc'), Buffer.from('abcabc').lastIndexOf(97), Buffer.from('abcabc').lastIndexOf('bc', 3));
for (const f of [
  () => b.readUInt32LE(13),
  () => b.readDoubleLE(9),
  () => b.writeBigInt64LE(2n ** 63n, 0),
  () => b.writeBigUInt64LE(-1n, 0),
  () => v.readUIntLE(0, 7),
  () => Buffer.from([1, 2, 3]).swap16(),
]) {
  try {
    console.log(f());
  } catch (e) {
    console.log(e.name, e.code, e.message);
  }
}
