// Buffer's encodings both ways (utf8 with 2-, 3- and 4-byte characters, utf16le, latin1, ascii,
// hex, base64 and base64url with and without padding), byteLength, invalid input, fill with
// strings, compare/equals/indexOf across encodings, toJSON and Buffer.from of arrays and views.
const samples = ['héllo', '€uro', '𝄞 clef', 'plain ascii', '', 'mixed ñ 日本'];
for (const s of samples) {
  const b = Buffer.from(s);
  console.log(JSON.stringify(s), b.length, Buffer.byteLength(s), b.toString('hex'), b.toString('base64'),
    b.toString('base64url'), Buffer.from(s, 'utf16le').toString('hex'), Buffer.from(s, 'latin1').length);
}
console.log(Buffer.from('aGVsbG8gd29ybGQ=', 'base64').toString(), Buffer.from('aGVsbG8gd29ybGQ', 'base64').toString());
console.log(Buffer.from('-_8', 'base64url'), Buffer.from('+/8=', 'base64'));
console.log(Buffer.from('abc', 'hex'), Buffer.from('0g12', 'hex'), Buffer.from('ffFF00', 'hex'));
console.log(Buffer.from([0xe2, 0x82]).toString(), Buffer.from([0xff, 0x41]).toString(), Buffer.from([0xc3]).toString('latin1'));
console.log(Buffer.from('héllo', 'ascii'), Buffer.from('héllo', 'latin1').toString('latin1'));
console.log(Buffer.alloc(7, 'ab'), Buffer.alloc(5, 'é'), Buffer.alloc(4).fill('xyz', 1), Buffer.alloc(3, 257));
const a = Buffer.from('abc');
const b = Buffer.from('abd');
console.log(Buffer.compare(a, b), a.compare(b), b.compare(a), a.equals(Buffer.from('abc')), a.compare(b, 0, 2, 0, 2));
const hay = Buffer.from('the quick brown fox');
console.log(hay.indexOf('quick'), hay.indexOf(Buffer.from('fox')), hay.indexOf(111), hay.indexOf('q', 5), hay.includes('brown'),
  hay.indexOf('717569', 0, 'hex'));
console.log(JSON.stringify(Buffer.from('hi')), Buffer.from(new Uint16Array([1, 256]).buffer), Buffer.from([256, -1, 3.7]));
const u = new Uint8Array([1, 2, 3, 4]);
const shared = Buffer.from(u.buffer, 1, 2);
u[1] = 99;
console.log(shared, Buffer.isBuffer(shared), Buffer.isBuffer(u), Buffer.isEncoding('UTF-8'), Buffer.isEncoding('nope'));
console.log(Buffer.concat([Buffer.from('a'), Buffer.from('bc')], 2), Buffer.concat([]).length);
try {
  Buffer.from({});
} catch (e) {
  console.log(e.code, e.message);
}
try {
  Buffer.alloc(-1);
} catch (e) {
  console.log(e.code);
}
