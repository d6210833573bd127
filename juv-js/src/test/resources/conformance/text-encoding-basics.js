// TextEncoder and TextDecoder: UTF-8 encoding (lone surrogates), encodeInto, decoding UTF-8
// (malformed sequences, fatal, BOM handling, stream: true across split sequences), UTF-16LE/BE,
// the latin1 labels, label normalisation and the errors Node throws.
'use strict';

const util = require('util');

const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
const codes = (s) => Array.from(s, (c) => c.codePointAt(0).toString(16)).join(' ');

const encoder = new TextEncoder();
console.log(encoder.encoding, TextEncoder === util.TextEncoder, TextDecoder === util.TextDecoder);
for (const s of ['', 'abc', 'é', '€', '😀', 'a\u0000b', '\ud800', '\udc00', 'x\ud83dy', '\ud83d\ude00\ud83d', '\uffff\u{10ffff}']) {
  const bytes = encoder.encode(s);
  console.log(JSON.stringify(s), bytes.constructor.name, bytes.length, hex(bytes));
}
console.log(hex(encoder.encode()), hex(encoder.encode(undefined)), hex(encoder.encode(null)), hex(encoder.encode(12.5)),
  hex(encoder.encode({ toString: () => 'obj' })));
console.log(encoder.encode('x') instanceof Uint8Array, Object.getPrototypeOf(encoder.encode('x')) === Uint8Array.prototype);

for (const [text, size] of [['hello', 10], ['hello', 3], ['h€llo', 3], ['h€llo', 4], ['😀😀', 5], ['😀😀', 8], ['a\ud800b', 5], ['', 2], ['abc', 0]]) {
  const dest = new Uint8Array(size);
  const r = encoder.encodeInto(text, dest);
  console.log(JSON.stringify(text), size, JSON.stringify(r), hex(dest));
}
const view = new Uint8Array(new ArrayBuffer(8), 2, 4);
console.log(JSON.stringify(encoder.encodeInto('wxyz!', view)), hex(new Uint8Array(view.buffer)));
for (const bad of [[], new Uint16Array(4), 'str', null]) {
  try {
    encoder.encodeInto('x', bad);
  } catch (e) {
    console.log(e.name, e.code, e.message);
  }
}

// Decoding UTF-8, valid and not.
const utf8 = new TextDecoder();
console.log(utf8.encoding, utf8.fatal, utf8.ignoreBOM);
const samples = [
  [0x68, 0x69],
  [0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80],
  [0xff], [0xfe, 0xff], [0x80], [0xbf, 0x41],
  [0xc3], [0xc3, 0x41], [0xe2, 0x82], [0xe2, 0x82, 0x41], [0xf0, 0x9f, 0x98], [0xf0, 0x9f, 0x41, 0x42],
  [0xc0, 0x80], [0xc1, 0xbf], [0xe0, 0x80, 0x80], [0xe0, 0x9f, 0xbf], [0xed, 0xa0, 0x80], [0xed, 0x9f, 0xbf],
  [0xf0, 0x8f, 0xbf, 0xbf], [0xf4, 0x90, 0x80, 0x80], [0xf4, 0x8f, 0xbf, 0xbf], [0xf5, 0x80, 0x80, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80],
  [0xef, 0xbb, 0xbf, 0x41], [0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf], [0x41, 0xef, 0xbb, 0xbf], [0xef, 0xbb],
];
for (const bytes of samples) {
  const input = new Uint8Array(bytes);
  let fatal;
  try {
    fatal = codes(new TextDecoder('utf-8', { fatal: true }).decode(input));
  } catch (e) {
    fatal = e.name + ' ' + e.code + ' ' + e.message;
  }
  console.log(hex(input), '->', codes(utf8.decode(input)), '| ignoreBOM:', codes(new TextDecoder('utf8', { ignoreBOM: true }).decode(input)), '| fatal:', fatal);
}

// Inputs of every kind: ArrayBuffer, views with offsets, DataView, Buffer.
const buf = new Uint8Array([0x41, 0x42, 0xe2, 0x82, 0xac, 0x43]).buffer;
console.log(utf8.decode(buf), utf8.decode(new Uint8Array(buf, 1, 4)), utf8.decode(new DataView(buf, 2, 3)),
  utf8.decode(new Uint16Array([0x4241])), utf8.decode(Buffer.from('buffer ✓')), JSON.stringify(utf8.decode()),
  JSON.stringify(utf8.decode(new Uint8Array(0))));
for (const bad of ['string', 5, null, {}, [65]]) {
  try {
    utf8.decode(bad);
  } catch (e) {
    console.log(e.name, e.code, e.message);
  }
}

// Streaming: a sequence split across calls is kept until it completes.
const whole = encoder.encode('a€b😀c\u00e9');
for (let cut = 0; cut <= whole.length; cut++) {
  const d = new TextDecoder();
  const first = d.decode(whole.subarray(0, cut), { stream: true });
  const second = d.decode(whole.subarray(cut));
  console.log(cut, JSON.stringify(first), JSON.stringify(second), first + second === 'a€b😀c\u00e9');
}
const byByte = new TextDecoder();
let out = '';
for (const b of encoder.encode('\ufeffé😀€')) {
  out += byByte.decode(new Uint8Array([b]), { stream: true });
}
out += byByte.decode();
console.log(codes(out));
const unfinished = new TextDecoder();
console.log(JSON.stringify(unfinished.decode(new Uint8Array([0xf0, 0x9f]), { stream: true })), codes(unfinished.decode()));
const bomTwice = new TextDecoder();
console.log(codes(bomTwice.decode(new Uint8Array([0xef, 0xbb]), { stream: true }) + bomTwice.decode(new Uint8Array([0xbf, 0x41]), { stream: true })
  + bomTwice.decode(new Uint8Array([0xef, 0xbb, 0xbf]))), codes(bomTwice.decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x42]))));
const fatalStream = new TextDecoder('utf-8', { fatal: true });
console.log(JSON.stringify(fatalStream.decode(new Uint8Array([0xe2, 0x82]), { stream: true })));
try {
  fatalStream.decode();
} catch (e) {
  console.log('flush:', e.code);
}
console.log(JSON.stringify(fatalStream.decode(new Uint8Array([0x6f, 0x6b]))));

// UTF-16LE and BE.
for (const label of ['utf-16le', 'utf-16', 'UTF-16BE']) {
  const d = new TextDecoder(label);
  const dFatal = new TextDecoder(label, { fatal: true });
  const cases = [[0x41, 0x00, 0x42, 0x00], [0xff, 0xfe, 0x41, 0x00], [0xfe, 0xff, 0x00, 0x41], [0x3d, 0xd8, 0x00, 0xde],
    [0xd8, 0x3d, 0xde, 0x00], [0x00, 0xd8, 0x41, 0x00], [0x00, 0xdc], [0x41], [0x41, 0x00, 0x42]];
  for (const bytes of cases) {
    let f;
    try {
      f = codes(dFatal.decode(new Uint8Array(bytes)));
    } catch (e) {
      f = e.code + ' ' + e.message;
    }
    console.log(d.encoding, hex(bytes), '->', codes(d.decode(new Uint8Array(bytes))), '| fatal:', f);
  }
  const s = new TextDecoder(label);
  const parts = [[0x3d], [0xd8, 0x00], [0xde, 0x41], [0x00]];
  console.log(d.encoding, 'streamed:', parts.map((p) => JSON.stringify(s.decode(new Uint8Array(p), { stream: true }))).join(','), codes(s.decode()));
}

// The latin1 labels decode byte for byte.
const all = new Uint8Array(256).map((_, i) => i);
for (const label of ['latin1', 'iso-8859-1', 'ascii', 'us-ascii', 'windows-1252', 'l1', 'cp1252']) {
  const d = new TextDecoder(label, { fatal: true });
  const s = d.decode(all);
  console.log(label, d.encoding, s.length, s.charCodeAt(0x80).toString(16), s.charCodeAt(0x9f).toString(16), s.charCodeAt(0xff).toString(16),
    codes(new TextDecoder(label).decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))));
}

// Labels: case and surrounding white space do not matter; unknown ones are refused.
for (const label of ['UTF-8', ' utf8 ', '\tUnicode-1-1-UTF-8\n', 'unicode11utf8', 'ucs-2', 'csunicode', 'unicodefeff', 'Latin1', 'utf-7', 'utf-32', '', 'x', 'utf 8']) {
  try {
    console.log(JSON.stringify(label), new TextDecoder(label).encoding);
  } catch (e) {
    console.log(JSON.stringify(label), e.name, e.code, e.message);
  }
}
try {
  new TextDecoder('utf-8', 5);
} catch (e) {
  console.log(e.name, e.code, e.message);
}
console.log(new TextDecoder(undefined).encoding, new TextDecoder('utf-8', null).fatal, new TextDecoder('utf-8', { fatal: 1, ignoreBOM: 'yes' }).ignoreBOM);
for (const f of [() => TextDecoder.prototype.decode.call({}), () => Object.getOwnPropertyDescriptor(TextDecoder.prototype, 'encoding').get.call(5),
  () => TextEncoder.prototype.encode.call({}, 'x')]) {
  try {
    f();
  } catch (e) {
    console.log(e.name, e.code, e.message);
  }
}

// How they are shown.
console.log(new TextEncoder(), new TextDecoder(), new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true }));
console.log([new TextEncoder(), new TextDecoder('latin1')], { a: { b: { c: new TextDecoder(), d: new TextEncoder() } } });
console.log(Object.prototype.toString.call(new TextEncoder()), Object.prototype.toString.call(new TextDecoder()),
  Object.keys(TextDecoder.prototype).join(','), Object.keys(TextEncoder.prototype).join(','));
