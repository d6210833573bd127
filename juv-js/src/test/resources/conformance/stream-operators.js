// Node's stream operators: map with concurrency (at most that many calls at once, results in the
// source's order whatever order they finish in), filter, forEach, toArray, reduce, some, every,
// find, flatMap, drop and take; abort signals (the caller's, and the one each call gets); the
// argument errors. Written in ES5 with promises for Rhino.
'use strict';
var Readable = require('stream').Readable;

function delay(ms, value) {
  return new Promise(function (resolve) { setTimeout(function () { resolve(value); }, ms); });
}

function rejected(label) {
  return function (e) { console.log(label + ':', e.name, e.code, e.message); };
}

function attempt(label, f) {
  try {
    f();
    console.log(label + ': no error');
  } catch (e) {
    rejected(label)(e);
  }
}

var steps = [
  function () {
    var running = 0;
    var most = 0;
    var finished = [];
    return Readable.from([1, 2, 3, 4, 5, 6]).map(function (x) {
      running++;
      most = Math.max(most, running);
      return delay(x % 2 === 0 ? 5 : 30).then(function () {
        running--;
        finished.push(x);
        return x * 10;
      });
    }, { concurrency: 3 }).toArray().then(function (out) {
      console.log('map, concurrency 3:', out, 'at most in flight:', most, 'finished first:', finished[0]);
    });
  },
  function () {
    var order = [];
    return Readable.from([3, 1, 2]).map(function (x) {
      return delay(x * 5).then(function () { order.push(x); return x; });
    }).toArray().then(function (out) {
      console.log('map, one at a time:', out, order);
    });
  },
  function () {
    return Readable.from([1, 2, 3, 4, 5, 6]).filter(function (x) { return delay(1, x % 2 === 0); }, { concurrency: 2 })
      .toArray().then(function (out) { console.log('filter:', out); });
  },
  function () {
    var seen = [];
    return Readable.from(['a', 'b', 'c']).forEach(function (x) { seen.push(x); })
      .then(function (r) { console.log('forEach:', seen, r); });
  },
  function () {
    return Readable.from([1, 2, 3, 4]).reduce(function (a, b) { return a + b; }, 10)
      .then(function (r) { console.log('reduce with an initial value:', r); });
  },
  function () {
    return Readable.from([]).reduce(function (a, b) { return a + b; }).then(null, rejected('reduce of nothing'));
  },
  function () {
    var stream = Readable.from([1, 2, 3]);
    return stream.reduce(function (a, b) { return a + b; }, 0, { signal: AbortSignal.abort() })
      .then(null, function (e) { console.log('reduce, aborted already:', e.name, 'stream destroyed:', stream.destroyed); });
  },
  function () {
    return Promise.all([
      Readable.from([1, 2, 3]).some(function (x) { return x > 2; }),
      Readable.from([1, 2, 3]).some(function (x) { return x > 5; }),
      Readable.from([1, 2, 3]).every(function (x) { return x > 0; }),
      Readable.from([1, 2, 3]).every(function (x) { return x > 1; }),
      Readable.from([1, 2, 3]).find(function (x) { return x > 1; }),
      Readable.from([1, 2, 3]).find(function (x) { return x > 5; }),
    ]).then(function (r) { console.log('some, every, find:', r); });
  },
  function () {
    return Readable.from([1, 2]).flatMap(function (x) { return [x, x * 100]; }).toArray()
      .then(function (out) { console.log('flatMap:', out); });
  },
  function () {
    return Promise.all([
      Readable.from([1, 2, 3, 4, 5]).drop(2).toArray(),
      Readable.from([1, 2, 3, 4, 5]).take(2).toArray(),
      Readable.from([1, 2, 3, 4, 5]).drop(1.5).toArray(),
      Readable.from([1, 2, 3, 4, 5]).take(NaN).toArray(),
    ]).then(function (r) { console.log('drop and take:', JSON.stringify(r)); });
  },
  function () {
    // the caller aborts while two calls wait on their own signal: both hear it, the result rejects
    var ac = new AbortController();
    var calls = 0;
    var heard = 0;
    var p = Readable.from([1, 2, 3, 4]).forEach(function (x, opts) {
      calls++;
      return new Promise(function (resolve) {
        opts.signal.addEventListener('abort', function () { heard++; resolve(); });
      });
    }, { signal: ac.signal, concurrency: 2, highWaterMark: 0 });
    setTimeout(function () { ac.abort(); }, 20);
    return p.then(null, function (e) { console.log('forEach aborted:', e.name, 'calls', calls, 'heard', heard); });
  },
  function () {
    var s = Readable.from([1, 2, 3]);
    return s.map(function (x) {
      if (x === 2) {
        throw new Error('boom');
      }
      return x;
    }).toArray().then(null, rejected('map whose function throws'));
  },
  function () {
    attempt('map of a number', function () { Readable.from([1]).map(1); });
    attempt('map with concurrency Foo', function () { Readable.from([1]).map(function (x) { return x; }, { concurrency: 'Foo' }); });
    attempt('map with concurrency 0', function () { Readable.from([1]).map(function (x) { return x; }, { concurrency: 0 }); });
    attempt('map with options 1', function () { Readable.from([1]).map(function (x) { return x; }, 1); });
    attempt('drop -1', function () { Readable.from([1]).drop(-1); });
    return Promise.all([
      Readable.from([1]).forEach(1).then(null, rejected('forEach of a number')),
      Readable.from([1]).toArray({ signal: true }).then(null, rejected('toArray with a signal that is not one')),
      Readable.from([1]).reduce('5').then(null, rejected('reduce of a string')),
    ]);
  },
  function () {
    console.log('not enumerable:', Object.keys(Readable.prototype).indexOf('map'), 'no prototype:',
      Object.prototype.hasOwnProperty.call(Readable.prototype.map, 'prototype'), Readable.prototype.map.name);
    return Promise.resolve();
  },
];

(function next() {
  var step = steps.shift();
  if (step) {
    step().then(next);
  }
})();
