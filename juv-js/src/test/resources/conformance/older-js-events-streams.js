// Events and streams in the language Rhino takes (no class, async/await, spread calls, const in a
// loop body): constructors and util.inherits, as Node code was written before ES2015.
var EventEmitter = require('events');
var util = require('util');
var stream = require('stream');

function Counter(limit) {
  stream.Readable.call(this, { highWaterMark: 4 });
  this.n = 0;
  this.limit = limit;
}
util.inherits(Counter, stream.Readable);
Counter.prototype._read = function () {
  this.n++;
  this.push(this.n > this.limit ? null : String(this.n));
};

function Upper() {
  stream.Transform.call(this);
}
util.inherits(Upper, stream.Transform);
Upper.prototype._transform = function (chunk, encoding, cb) {
  cb(null, chunk.toString().toUpperCase() + ';');
};

var e = new EventEmitter();
e.once('a', function (x) { console.log('once a', x); });
e.prependListener('a', function (x) { console.log('first a', x); });
console.log('emitted', e.emit('a', 1), e.emit('a', 2), e.emit('b'), e.listenerCount('a'));
try {
  e.emit('error', new Error('boom'));
} catch (err) {
  console.log('thrown', err.message);
}
e.on('error', function (err) { console.log('handled', err.message); });
e.emit('error', new Error('again'));
console.log('instanceof', new Counter(1) instanceof stream.Readable, new Upper() instanceof stream.Duplex);

var out = [];
var sink = new stream.Writable({
  highWaterMark: 2,
  write: function (chunk, encoding, cb) {
    out.push(chunk.toString());
    setImmediate(cb);
  },
});
sink.on('finish', function () { console.log('sink finish'); });
stream.pipeline(new Counter(5), new Upper(), sink, function (err) {
  console.log('pipeline done', err, out.join(''));
});

var letters = stream.Readable.from(['x', 'y', 'z']);
letters.on('data', function (d) { console.log('data', d); });
letters.on('end', function () { console.log('letters end'); });

var w = new stream.Writable({
  highWaterMark: 3,
  write: function (chunk, encoding, cb) { setTimeout(cb, 100); }, // after the pipeline, however slow
});
var oks = [];
for (var i = 0; i < 4; i++) {
  oks.push(w.write('ab'));
}
console.log('write results', oks.join(), w.writableLength, w.writableNeedDrain);
w.on('drain', function () { console.log('drain', w.writableLength); w.end('z', function () { console.log('w ended'); }); });
process.on('exit', function (code) { console.log('exit', code); });
