// util.format and console.log of values, as Node lays them out.
const util = require('util');
console.log('%s is %d years and %i days, %j %%', 'Bob', 42.5, 42.5, { a: 1 });
console.log('str', 5, true, null, undefined, 10n, -0, Symbol('s'));
console.log({ a: 1, b: 'x', c: [1, 2], d: { e: { f: { g: 1 } } } });
console.log({ aaaaaaaaaa: 1111111111, bbbbbbbbbbbbbb: 222222222222, ccccccccccccccc: 33333333333, dddddddd: 4444444444444, e: 'eeeeeeeeeeeeeeeeeeeee' });
console.log([1, 2, 3, 4, 5, 6, 7]);
console.log(['a', 'b'], new Map([[1, 2]]), new Set([1]), function foo() {}, class A {}, [undefined, null], {}, []);
console.log([, 1], { 'a-b': 1, 2: 3 }, "it's", 'say "hi"', 'tab\there');
console.log(new Date(0), /re/g, [[1, [2, [3, [4]]]]]);
console.log(util.inspect('x'), util.inspect({ nested: { deeper: { deepest: { gone: 1 } } } }, { depth: 0 }));
console.log(Array.from({ length: 30 }, (_, i) => i * 3));
console.log(['apple', 'banana', 'cherry', 'date', 'elderberry', 'fig', 'grape', 'honeydew']);
class Point { constructor(x, y) { this.x = x; this.y = y; } }
console.log(new Point(1, 2), Object.create(null));
console.log(util.inspect(new Error('e')).split('\n')[0]);
const circ = { name: 'c' };
circ.self = circ;
console.log(util.format('%s', 'only'), util.format('no args %s'), util.format(1, 2));
