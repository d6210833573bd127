// querystring: parse (repeats become arrays, '+' is a space, bad escapes stay, custom separators,
// maxKeys, a custom decoder), stringify (arrays, non-string values, custom encoder), escape,
// unescape, unescapeBuffer and the decode/encode aliases.
'use strict';

const qs = require('querystring');

function show(value) {
  // Parsed objects have no prototype; print their entries.
  return JSON.stringify(Object.entries(value)) + ' proto=' + Object.getPrototypeOf(value);
}

const inputs = ['a=1&b=2', 'a=1&a=2&a=3', 'a', 'a=', '=b', '=', '&&', 'a=b=c', 'a+b=c+d', 'a%20b=%zz',
  '%E2%82%AC=%e2%82%ac', '%E2%82=x', '%C3%A9%', 'a[]=1&a[]=2', 'hasOwnProperty=1&toString=2&constructor=3',
  'a=%F0%9F%98%80', 'a=%ff%fe', 'a=1;b=2', ' a = b ', 'a=1&', '&a=1', 'é=%zz€', 'a=%41%zz€', 'a=b%2Bc+d',
  '%=%', '%2=%2', 'x=%u0041', 'q=caf%C3%A9+cr%C3%A8me', 'a=1&b&a=2&b=3'];
for (const input of inputs) {
  console.log(JSON.stringify(input), show(qs.parse(input)));
}
console.log(show(qs.parse('a:1;b:2;a:3', ';', ':')));
console.log(show(qs.parse('a==b&&c==d', '&&', '==')));
console.log(show(qs.parse('a=1&b=2', '', '')));
console.log(show(qs.parse('a=1&b=2&c=3', null, null, { maxKeys: 2 })));
console.log(show(qs.parse('a=1&a=2&a=3', null, null, { maxKeys: 2 })));
console.log(show(qs.parse('&&a=1&b=2', null, null, { maxKeys: 1 })));
console.log(show(qs.parse('a=1&b=2', null, null, { maxKeys: 0 })), show(qs.parse('a=1&b=2', null, null, { maxKeys: 1.5 })));
let many = '';
for (let i = 0; i < 1005; i++) {
  many += 'k' + i + '=' + i + '&';
}
console.log(Object.keys(qs.parse(many)).length, Object.keys(qs.parse(many, null, null, { maxKeys: -1 })).length);
const bracket = (s) => '[' + s + ']';
console.log(show(qs.parse('a+b=%41+&c=d&e', null, null, { decodeURIComponent: bracket })));
console.log(show(qs.parse('a=b', null, null, { decodeURIComponent: () => { throw new Error('no'); } })));
console.log(show(qs.parse('a=%41%zz', null, null, { decodeURIComponent })));
console.log(show(qs.parse('')), show(qs.parse(undefined)), show(qs.parse(123)), show(qs.parse(['a=1'])));

const objects = [
  { a: 1, b: 'x y', c: [1, 2], d: true, e: null, f: undefined, g: NaN, h: Infinity, i: 10n, j: {}, k: '€', l: '😀' },
  { m: "!'()*~-._", n: '&=?#/+%', o: -0, p: 1e21, q: 0.1, r: false },
  { 'key with space': 'v', 'é': 'ü' },
  { a: [] },
  { a: [1, [2, 3], { x: 1 }, null] },
  { '': '' },
];
for (const o of objects) {
  console.log(qs.stringify(o), '|', qs.encode(o, ';', ':'));
}
console.log(JSON.stringify([qs.stringify('abc'), qs.stringify(null), qs.stringify([1, 2]), qs.stringify(5)]));
console.log(qs.stringify({ a: 'b c' }, null, null, { encodeURIComponent: (s) => s.toUpperCase() }));
console.log(qs.stringify({ a: 'b c' }, null, null, { encodeURIComponent: encodeURIComponent }));
console.log(qs.stringify({ a: 'x y' }, undefined, undefined, { encodeURIComponent: 5 }));

console.log(qs.escape('a b&c/d?é€😀!\'()*~'), qs.escape(5), qs.escape({ toString() { return 'x y'; } }), qs.escape('\ud800\ud800'));
for (const bad of ['a\ud800', '\udc00']) {
  try {
    qs.escape(bad);
    console.log('no error');
  } catch (e) {
    console.log(e.name, e.code, e.message);
  }
}
try {
  qs.stringify({ a: 'x\ud800' });
} catch (e) {
  console.log(e.name, e.code, e.message);
}
console.log(JSON.stringify([qs.unescape('a+b%20c%zz%'), qs.unescape('%E2%82%AC%E2%82'), qs.unescape('%'), qs.unescape('%4'),
  qs.unescape('%41%4'), qs.unescape('%u0041'), qs.unescape(5), qs.unescape('plain')]));
console.log(qs.unescapeBuffer('a%20b%zz+'), qs.unescapeBuffer('a+b', true), qs.unescapeBuffer('é€'), qs.unescapeBuffer('%E2%82%AC').toString());
console.log(qs.decode === qs.parse, qs.encode === qs.stringify, Object.keys(qs).join(','));
// A round trip.
const original = { name: 'Zoë & Ann', tags: ['a b', 'c+d', 'e=f'], empty: '', n: 3 };
const text = qs.stringify(original);
console.log(text, show(qs.parse(text)));
