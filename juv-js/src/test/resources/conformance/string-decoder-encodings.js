// StringDecoder for utf16le (surrogate pairs and odd bytes split across writes), base64 (groups
// of three bytes held back), hex, latin1/binary and ascii; encoding names and unknown ones.
const { StringDecoder } = require('string_decoder');
const log = (...a) => console.log(...a);
const esc = (s) => JSON.stringify(s).replace(/[\u0080-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));

for (const name of ['utf8', 'UTF-8', 'ucs2', 'utf-16le', 'UTF16LE', 'binary', 'latin1', 'base64', 'hex', 'ascii', 'base64url']) {
  log('name', name, '->', new StringDecoder(name).encoding);
}
log('default', new StringDecoder().encoding);
try {
  new StringDecoder('klingon');
} catch (e) {
  log('unknown', e.code, e.message, e instanceof TypeError);
}

// utf16le: 'h😀i' split one byte at a time.
const u16 = Buffer.from('h😀i', 'utf16le');
log('utf16 bytes', u16.toString('hex'));
const d16 = new StringDecoder('utf16le');
const out16 = [];
for (const b of u16) {
  out16.push(d16.write(Buffer.from([b])));
}
log('utf16 pieces', esc(out16.join('|')), esc(d16.end()));
const odd = new StringDecoder('ucs2');
log('utf16 odd', esc(odd.write(Buffer.from([0x41, 0x00, 0x42]))), esc(odd.end()));
const hs = new StringDecoder('utf16le');
log('utf16 lone high surrogate', esc(hs.write(Buffer.from([0x3d, 0xd8]))), esc(hs.end()));

// base64: the groups of three bytes.
const data = Buffer.from('hello world!!');
for (const size of [1, 2, 3, 4, 5]) {
  const d = new StringDecoder('base64');
  const parts = [];
  for (let i = 0; i < data.length; i += size) {
    parts.push(d.write(data.subarray(i, i + size)));
  }
  const end = d.end();
  log('base64 by', size, parts.join('|'), '/', end, (parts.join('') + end) === data.toString('base64'));
}
const b64u = new StringDecoder('base64url');
log('base64url', b64u.write(Buffer.from([0xfb, 0xff])), b64u.end(Buffer.from([0xfe])));

// hex, latin1, ascii: nothing held back.
const hex = new StringDecoder('hex');
log('hex', hex.write(Buffer.from([0, 15, 16, 255])), hex.end(Buffer.from([171])), JSON.stringify(hex.end()));
const latin = new StringDecoder('binary');
log('latin1', esc(latin.write(Buffer.from([0x63, 0x61, 0x66, 0xe9]))), esc(latin.end()));
const ascii = new StringDecoder('ascii');
log('ascii', esc(ascii.write(Buffer.from([0x68, 0x69, 0xe9]))), esc(ascii.end()));

// The held state as console.log shows it.
const shown = new StringDecoder('utf8');
shown.write(Buffer.from([0xe2, 0x82]));
console.log(shown);
console.log(shown.lastChar, shown.lastNeed, shown.lastTotal, Object.keys(shown));
