// URLSearchParams: the constructors (string, record, iterable), every method, iteration (live),
// size, sort, application/x-www-form-urlencoded parsing and serialization, the errors Node
// throws, and how util.inspect / console.log show URLs, params and their iterators.
'use strict';

const util = require('util');

function dump(label, p) {
  console.log(label, JSON.stringify([...p]), JSON.stringify(String(p)), p.size);
}

// Constructors.
dump('empty', new URLSearchParams());
dump('undefined', new URLSearchParams(undefined));
dump('null', new URLSearchParams(null));
dump('string', new URLSearchParams('a=1&b=2&a=3'));
dump('leading ?', new URLSearchParams('?a=1'));
dump('double ??', new URLSearchParams('??a=1'));
dump('plus and percent', new URLSearchParams('a+b=c+d&e%20f=g%2Bh&%E2%82%AC=%F0%9F%98%80'));
dump('bad escapes', new URLSearchParams('x=%zz&y=%&z=%4&w=%e2%82'));
dump('no value', new URLSearchParams('a&b=&=c&=&&&d=e=f'));
dump('separators only', new URLSearchParams('&&&'));
dump('number', new URLSearchParams(42));
dump('record', new URLSearchParams({ a: '1', b: 2, c: [3, 4], d: null, e: undefined, f: { g: 1 } }));
dump('record, non-enumerable skipped', new URLSearchParams(Object.defineProperty({ x: 1 }, 'hidden', { value: 2 })));
dump('array of pairs', new URLSearchParams([['a', '1'], ['b', '2'], ['a', '3']]));
dump('map', new URLSearchParams(new Map([['k', 'v'], ['k2', 'v2']])));
dump('iterable of iterables', new URLSearchParams([new Set(['s1', 's2'])]));
dump('generator', new URLSearchParams((function* gen() {
  yield ['g', '1'];
  yield ['h', '2'];
})()));
dump('copy', new URLSearchParams(new URLSearchParams('x=1&y=2')));
dump('lone surrogates', new URLSearchParams([['\ud800', '\udc00x']]));
dump('function', new URLSearchParams(function f() {}));

for (const bad of [[['a']], [['a', 'b', 'c']], [1], ['ab'], [null], { [Symbol.iterator]: 5 }, { [Symbol.iterator]: 'x' }]) {
  try {
    new URLSearchParams(bad);
    console.log('no error');
  } catch (e) {
    console.log(e.name, e.code, e.message);
  }
}

// Methods.
const p = new URLSearchParams('a=1&b=2&a=3&c=4');
console.log(p.get('a'), p.get('z'), p.getAll('a'), p.getAll('z'), p.has('b'), p.has('z'), p.has('a', '3'), p.has('a', '9'));
p.append('d', 'x y');
p.append('a', 4);
dump('after append', p);
p.set('a', 'only');
dump('after set existing', p);
p.set('new', 'n');
dump('after set new', p);
p.delete('b');
dump('after delete', p);
p.append('c', '5');
p.delete('c', '4');
dump('after delete with value', p);
p.delete('c', 'nope');
dump('after delete missing value', p);
console.log(p.toString(), p + '', `${p}`);

const s = new URLSearchParams('z=1&b=2&a=3&b=1&é=x&Z=0&a=0&aa=9&ä=y&😀=1&\uff41=w');
s.sort();
dump('sorted (stable, by code units)', s);

// Serialization of every ASCII character and some others.
let all = '';
for (let c = 0; c < 128; c++) {
  all += String.fromCharCode(c);
}
const enc = new URLSearchParams();
enc.append(all, all);
enc.append('unicode', 'é€😀\u00a0');
console.log(enc.toString());
console.log(JSON.stringify(new URLSearchParams(enc.toString()).get(all) === all));

// Iteration is live: entries added during a loop are visited.
const live = new URLSearchParams('a=1&b=2');
const seen = [];
for (const [k, v] of live) {
  seen.push(k + v);
  if (k === 'a') {
    live.append('c', '3');
  }
}
console.log(seen.join(','));
const fe = [];
live.forEach(function each(value, key, obj) {
  fe.push(key + '=' + value + ':' + (obj === live) + ':' + typeof this);
}, { me: 1 });
console.log(fe.join(' '));
console.log([...live.keys()], [...live.values()], [...live.entries()]);
const it = live.keys();
console.log(it.next(), it[Symbol.iterator]() === it, Object.prototype.toString.call(it));
live.delete('b');
console.log(it.next(), it.next(), it.next());

// Errors.
const errors = [
  () => p.append('only-one'),
  () => p.set(),
  () => p.get(),
  () => p.getAll(),
  () => p.has(),
  () => p.delete(),
  () => p.forEach('no'),
  () => URLSearchParams.prototype.get.call({}, 'a'),
  () => URLSearchParams.prototype.toString.call(null),
  () => p.keys().next.call({}),
];
for (const f of errors) {
  try {
    f();
    console.log('no error');
  } catch (e) {
    console.log(e.name, e.code, e.message);
  }
}
console.log(Object.prototype.toString.call(p), p[Symbol.toStringTag], typeof URLSearchParams.prototype[Symbol.iterator],
  URLSearchParams.prototype[Symbol.iterator] === URLSearchParams.prototype.entries);
console.log(Object.keys(URLSearchParams.prototype).join(','));

// How they are shown.
const u = new URL('https://user:pw@example.com:8080/p/a?x=1&y=two&x=3#frag');
console.log(u);
console.log([u]);
console.log({ nested: { deeper: u } });
console.log({ a: { b: { c: u } } });
console.log(util.inspect(u, { depth: 0 }));
console.log(util.inspect(u, { breakLength: Infinity }));
console.log(u.searchParams);
console.log(new URLSearchParams());
console.log([new URLSearchParams('q=1')], { a: { b: { c: new URLSearchParams('q=1') } } });
const many = new URLSearchParams();
for (let i = 0; i < 8; i++) {
  many.append('key' + i, 'value ' + i);
}
console.log(many);
console.log({ inner: many });
console.log(many.keys());
console.log(many.values());
console.log(many.entries());
console.log([new URLSearchParams('a=1&b=2').entries()]);
const done = new URLSearchParams('a=1').keys();
done.next();
console.log(done, util.inspect(many.entries(), { depth: 0 }));
console.log(util.inspect(new URLSearchParams({ "it's": 'a\nb' })), util.inspect(many, { breakLength: 200 }));
console.log(new URL('file:///tmp/x'), new URL('sc:opaque'));
class MyURL extends URL {}
console.log(new MyURL('http://sub.class/'));
