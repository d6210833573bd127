// fs.promises.writeFile and appendFile as Node's: bytes, strings in an encoding, and iterables of
// pieces (arrays, iterators, async iterators, a Readable) written piece by piece; argument errors
// as rejections; an abort signal checked before and between the writes (AbortError, the signal's
// reason as cause); a FileHandle written from where it stands. Written in ES5 for Rhino.
'use strict';
var fs = require('fs');
var fsp = fs.promises;
var os = require('os');
var path = require('path');
var Readable = require('stream').Readable;

var dir = fs.mkdtempSync(path.join(os.tmpdir(), 'juv-writefile-'));
var file = path.join(dir, 'f.txt');

function iterableOf(values) {
  var o = {};
  o[Symbol.iterator] = function () {
    var i = 0;
    return { next: function () { return i < values.length ? { value: values[i++], done: false } : { value: undefined, done: true }; } };
  };
  return o;
}

function asyncIterableOf(values) {
  var o = {};
  o[Symbol.asyncIterator] = function () {
    var i = 0;
    return { next: function () { return Promise.resolve(i < values.length ? { value: values[i++], done: false } : { value: undefined, done: true }); } };
  };
  return o;
}

function show(label) {
  return function () {
    console.log(label + ':', JSON.stringify(fs.readFileSync(file, 'latin1')));
  };
}

function rejected(label) {
  return function (e) {
    console.log(label + ' rejected:', e.name, e.code, e.message.split('\n')[0], e.cause ? 'cause ' + e.cause.name : '');
  };
}

var steps = [
  function () { return fsp.writeFile(file, Buffer.from('bytes')).then(show('buffer')); },
  function () { return fsp.writeFile(file, 'caf\u00e9', 'latin1').then(show('string in latin1')); },
  function () { return fsp.writeFile(file, ['a', Buffer.from('b'), new Uint8Array([99])]).then(show('array of pieces')); },
  function () { return fsp.writeFile(file, iterableOf(['\u00fcmlaut', ' ', 'sechzig']), { encoding: 'latin1' }).then(show('iterator, latin1')); },
  function () { return fsp.writeFile(file, asyncIterableOf(['x', 'y', 'z'])).then(show('async iterator')); },
  function () { return fsp.writeFile(file, Readable.from(['r', 'e', 'a', 'd'])).then(show('Readable')); },
  function () { return fsp.appendFile(file, 'ing', { flag: null }).then(show('appended')); },
  function () { return fsp.writeFile(file, 42).then(show('42'), rejected('a number')); },
  function () { return fsp.writeFile(file, iterableOf([42])).then(show('42 inside'), rejected('a number inside an iterator')); },
  function () { return fsp.writeFile(file, 'a', 7).then(show('options 7'), rejected('options 7')); },
  function () { return fsp.writeFile(file, 'a', 'klingon').then(show('klingon'), rejected('an unknown encoding')); },
  function () { return fsp.writeFile(file, 'a', { signal: 'no' }).then(show('signal no'), rejected('a signal that is not one')); },
  function () {
    return fsp.writeFile(file, 'never', { signal: AbortSignal.abort() }).then(show('aborted'), rejected('an aborted signal'));
  },
  function () {
    var ac = new AbortController();
    process.nextTick(function () { ac.abort(); });
    return fsp.writeFile(path.join(dir, 'g.txt'), Buffer.alloc(3000, 97), { signal: ac.signal })
      .then(show('aborted soon'), rejected('a signal aborted on the next tick'));
  },
  function () {
    var ac = new AbortController();
    var pieces = asyncIterableOf(['one', 'two', 'three']);
    var it = pieces[Symbol.asyncIterator]();
    var wrapped = {};
    wrapped[Symbol.asyncIterator] = function () {
      return { next: function () {
        return it.next().then(function (r) {
          if (r.value === 'two') {
            ac.abort();
          }
          return r;
        });
      } };
    };
    return fsp.writeFile(file, wrapped, { signal: ac.signal }).then(show('aborted between pieces'),
      function (e) {
        rejected('aborted between pieces')(e);
        show('what was written before the abort')();
      });
  },
  function () {
    return fsp.open(file, 'w').then(function (h) {
      return h.writeFile('handle ').then(function () { return h.appendFile(iterableOf(['then', ' more'])); })
        .then(function () { return fsp.writeFile(h, 'x'); })
        .then(function () { return h.close(); });
    }).then(show('through a FileHandle'));
  },
];

(function next() {
  var step = steps.shift();
  if (step) {
    step().then(next);
  } else {
    fs.rmSync(dir, { recursive: true });
  }
})();
