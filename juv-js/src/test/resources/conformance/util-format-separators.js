// util: the numericSeparator option (inspect, formatWithOptions, inspect.defaultOptions) in
// Node's shapes, exponent forms included, and %s: a program's own toString is called, a
// built-in one inspected; assert's messages with util.inspect deleted. Written in ES5 for Rhino.
var util = require('util');
var values = [0, -0, 1, 12, 123, 1234, -1234, 12345.678, 0.0001234, 1234.5678901, 1e21, 1e-7, -1e-7, 1.2345e-10, NaN,
  Infinity, 123456789012345680000, BigInt(10), BigInt('12345678901234567890'), BigInt(-1234), [1234567, { a: 9876543 }],
  new Map([[12345, 67890]])];
values.forEach(function (v) {
  console.log(util.inspect(v, { numericSeparator: true }), '|', util.formatWithOptions({ numericSeparator: true }, '%d %i %s', v, v, v));
});
var saved = util.inspect.defaultOptions.numericSeparator;
util.inspect.defaultOptions.numericSeparator = true;
console.log(util.format('%d %s %i', 118059162071741130342, 118059162071741130342, 123123123), util.inspect(1234567));
util.inspect.defaultOptions.numericSeparator = saved;
console.log(util.format('%d', 1234567), util.inspect(1234567));

function Foo() {}
Foo.prototype.toString = function () { return 'Foo!'; };
function Bar() {}
function C() {}
C.prototype.toString = function () { return 'Custom'; };
function D() {}
D.prototype = Object.create(C.prototype);
Object.defineProperty(D.prototype, 'constructor', { get: function () { throw new Error('no'); }, configurable: true });
console.log(util.format('%s|%s|%s|%s|%s|%s|%s', { toString: function () { return 'own'; } }, { toString: 5 }, new Foo(), new Bar(),
  new D(), new Date(0), [1, [2, [3]]]));
console.log(util.format('%s', new Error('boom')).split('\n')[0], util.format('%s', function named() {}));

// assert keeps the inspect it loaded with: a program that deletes util.inspect still gets messages
var kept = util.inspect;
delete util.inspect;
try { require('assert').strictEqual(1, 2); } catch (e) { console.log(e.code, e.message.split('\n').join('|')); }
util.inspect = kept;
