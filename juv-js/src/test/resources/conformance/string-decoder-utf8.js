// StringDecoder in utf8: multi-byte characters split across writes at every position, held
// bytes flushed by end() as one U+FFFD, invalid bytes, and strings passed through.
const { StringDecoder } = require('string_decoder');
const log = (...a) => console.log(...a);
const esc = (s) => JSON.stringify(s).replace(/[\u0080-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));

const text = 'a€b😀c¢d';
const bytes = Buffer.from(text);
log('bytes', bytes.length, bytes.toString('hex'));

// Every way of cutting the bytes in two, then in single bytes.
for (let cut = 0; cut <= bytes.length; cut++) {
  const d = new StringDecoder('utf8');
  const first = d.write(bytes.subarray(0, cut));
  const second = d.write(bytes.subarray(cut));
  const rest = d.end();
  log('cut', cut, esc(first), esc(second), esc(rest), first + second + rest === text);
}
const one = new StringDecoder('utf-8');
log('encoding', one.encoding);
const pieces = [];
for (const b of bytes) {
  pieces.push(one.write(Buffer.from([b])));
}
log('byte by byte', esc(pieces.join('|')), esc(one.end()));

// Incomplete at the end.
for (const tail of [[0xe2], [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0xc2]]) {
  const d = new StringDecoder();
  const w = d.write(Buffer.from([0x41, ...tail]));
  log('incomplete', tail.length, esc(w), esc(d.end()), esc(d.end()));
}
// end() with a final buffer, and a decoder reused after end().
const d = new StringDecoder('utf8');
log('end(buf)', esc(d.write(Buffer.from([0xe2, 0x82]))), esc(d.end(Buffer.from([0xac, 0x21]))));
log('reuse', esc(d.write(Buffer.from('ok'))), esc(d.end()));
// Invalid bytes become replacement characters.
const bad = new StringDecoder('utf8');
log('invalid', esc(bad.write(Buffer.from([0x61, 0xff, 0x62, 0x80, 0x63]))), esc(bad.end()));
log('broken sequence', esc(bad.write(Buffer.from([0xe2, 0x41]))), esc(bad.end()));
log('string passthrough', esc(bad.write('already text')));
log('empty', esc(bad.write(Buffer.alloc(0))), esc(bad.end()));
// Uint8Array input.
log('uint8array', esc(new StringDecoder('utf8').write(new Uint8Array([0xc3, 0xa9]))));
// Which bytes at the end are held back: a lead byte with too few continuations is, stray
// continuation bytes and bytes that cannot start a character are not.
for (const tail of [[0xc0], [0xf8], [0x80, 0x80], [0xe2, 0x82, 0xac, 0x80], [0xf0, 0x80, 0x80, 0x80, 0x80], [0xc3]]) {
  const t = new StringDecoder('utf8');
  const w = t.write(Buffer.from([0x5a, ...tail]));
  log('tail', tail.map((b) => b.toString(16)).join(' '), esc(w), 'lastNeed', t.lastNeed, 'lastTotal', t.lastTotal, esc(t.end()));
}
// A held character completed over several writes, one byte at a time.
const slow = new StringDecoder('utf8');
log('slow', esc(slow.write(Buffer.from([0xf0]))), slow.lastNeed, esc(slow.write(Buffer.from([0x9f]))), slow.lastNeed,
  esc(slow.write(Buffer.from([0x98]))), slow.lastNeed, esc(slow.write(Buffer.from([0x80, 0x21]))), slow.lastNeed);
