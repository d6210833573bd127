// Buffer: encodings, slicing, comparison, integers.
const b = Buffer.from('héllo wörld');
console.log(b.length, b.toString(), b.toString('hex'), b.toString('base64'));
console.log(Buffer.from('68656c6c6f', 'hex').toString(), Buffer.from('aGVsbG8=', 'base64').toString('latin1'));
console.log(Buffer.alloc(4), Buffer.alloc(3, 'ab'), Buffer.from([1, 2, 300]));
const s = b.subarray(0, 5);
s[0] = 72;
console.log(b.toString('utf8', 0, 6), s instanceof Buffer, Buffer.isBuffer(s), Buffer.isBuffer('x'));
console.log(Buffer.concat([Buffer.from('a'), Buffer.from('bc')]).toString(), Buffer.byteLength('héllo'));
console.log(Buffer.from('abc').equals(Buffer.from('abc')), Buffer.compare(Buffer.from('a'), Buffer.from('b')));
const n = Buffer.alloc(8);
n.writeUInt32BE(0xdeadbeef, 0);
n.writeInt16LE(-2, 4);
console.log(n.readUInt32BE(0).toString(16), n.readInt16LE(4), n.readUInt8(0), JSON.stringify(Buffer.from('hi')));
console.log(Buffer.from('hello world').indexOf('world'), Buffer.from('abc').includes('bc'));
