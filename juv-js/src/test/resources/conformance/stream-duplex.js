// Duplex: the two sides independent (allowHalfOpen), separate object modes and marks, closing
// only when both sides are done; Duplex.from over a Readable, a { readable, writable } pair, an
// iterable, an async generator function (a transform), an async function and a Promise.
const { Readable, Writable, Duplex, PassThrough, pipeline } = require('stream');
const log = (...a) => console.log(...a);

function trace(name, s) {
  for (const ev of ['end', 'finish', 'close', 'error']) {
    s.on(ev, (e) => log(name, ev, e ? e.message : ''));
  }
}

// Half open: the readable side ends, the writable side goes on.
const d = new Duplex({
  readableObjectMode: true,
  writableHighWaterMark: 3,
  read() {},
  write(chunk, enc, cb) {
    log('d _write', chunk.toString(), enc);
    setImmediate(cb);
  },
});
trace('d', d);
log('d modes', d.readableObjectMode, d.writableObjectMode, d.readableHighWaterMark, d.writableHighWaterMark);
d.on('data', (o) => log('d data', JSON.stringify(o)));
d.push({ a: 1 });
d.push(null);
setImmediate(() => {
  log('d after end: readable', d.readable, 'writable', d.writable, 'destroyed', d.destroyed);
  log('d write', d.write('abcd'));
  d.end('e');
});
d.on('close', part2);

function part2() {
  const src = Readable.from(['a', 'b']);
  src.on('close', () => log('src close'));
  const r = Duplex.from(src);
  r.on('data', (x) => log('r data', String(x)));
  trace('r', r);
  log('r sides', r.readable, r.writable);

  const got = [];
  const w = new Writable({ write(c, e, cb) { got.push(String(c)); cb(); } });
  const rr = new PassThrough();
  const pair = Duplex.from({ readable: rr, writable: w });
  pair.on('data', (x) => log('pair data', String(x)));
  trace('pair', pair);
  pair.write('to-w');
  rr.end('from-r');
  pair.end();
  pair.on('finish', () => log('pair wrote', got.join(',')));
  log('same duplex', Duplex.from(pair) === pair);
  let closed = 0;
  const done = () => { if (++closed === 2) setImmediate(part3); };
  r.on('close', done);
  pair.on('close', done);
}

function part3() {
  const upper = Duplex.from(async function* (source) {
    for await (const chunk of source) {
      yield String(chunk).toUpperCase();
    }
  });
  upper.on('data', (x) => log('upper data', x));
  trace('upper', upper);
  upper.write('a');
  upper.write('b');
  upper.end('c');
  upper.on('close', () => {
    const got = [];
    const sink = Duplex.from(async function (source) {
      for await (const c of source) {
        got.push(String(c));
      }
    });
    trace('sink', sink);
    sink.on('finish', () => log('sink got', got.join(',')));
    sink.write('x');
    sink.end('y');
    sink.on('close', part4);
  });
}

function part4() {
  pipeline(
    Readable.from(['p', 'q']),
    Duplex.from(async function* (s) {
      for await (const c of s) {
        yield c + '!';
      }
    }),
    new Writable({ objectMode: true, write(c, e, cb) { log('piped', c); cb(); } }),
    (err) => log('pipeline', err),
  );
  const fromPromise = Duplex.from(Promise.resolve('value'));
  fromPromise.on('data', (v) => log('promise duplex', v));
  trace('fromPromise', fromPromise);
  const fromArray = Duplex.from([1, 2]);
  fromArray.on('data', (v) => log('array duplex', v));
  trace('fromArray', fromArray);
}
