// pipeline(): success with the callback called once after the last stream finishes; failure in
// the middle destroys every stream; generator functions as source and transform; finished() on
// readable, writable and already-finished streams; stream/promises pipeline and finished.
const { Readable, Writable, Transform, PassThrough, pipeline, finished } = require('stream');
const promises = require('stream/promises');
const log = (...a) => console.log(...a);

function sink(name, opts = {}) {
  const w = new Writable({
    objectMode: !!opts.objectMode,
    write(c, e, cb) {
      log(name, 'write', String(c));
      setImmediate(cb);
    },
  });
  for (const ev of ['finish', 'close', 'error']) {
    w.on(ev, (e) => log(name, ev, e ? e.message : ''));
  }
  return w;
}

function source(name, items) {
  const r = Readable.from(items, { objectMode: false });
  for (const ev of ['end', 'close', 'error']) {
    r.on(ev, (e) => log(name, ev, e ? e.message : ''));
  }
  return r;
}

const steps = [
  (done) => {
    const t = new Transform({
      transform(c, e, cb) { cb(null, String(c).toUpperCase()); },
    });
    t.on('close', () => log('t close'));
    const ret = pipeline(source('src', ['a', 'b', 'c']), t, sink('out'), (err) => {
      log('pipeline 1 done', err === undefined ? 'undefined' : err);
      done();
    });
    log('pipeline returns last', ret instanceof Writable);
  },
  (done) => {
    let n = 0;
    const t = new Transform({
      transform(c, e, cb) {
        if (++n === 2) {
          cb(new Error('transform failed'));
        } else {
          cb(null, c);
        }
      },
    });
    t.on('error', (e) => log('t error', e.message));
    t.on('close', () => log('t close'));
    const src = source('src2', ['1', '2', '3', '4']);
    const out = sink('out2');
    pipeline(src, t, out, (err) => {
      log('pipeline 2 done', err.message, 'destroyed', src.destroyed, t.destroyed, out.destroyed);
      done();
    });
  },
  (done) => {
    pipeline(
      async function* () {
        yield 'x';
        yield 'y';
      },
      async function* (input) {
        for await (const chunk of input) {
          yield String(chunk) + '!';
        }
      },
      sink('gen'),
      (err) => {
        log('pipeline 3 done', err);
        done();
      },
    );
  },
  (done) => {
    const out = sink('early');
    const src = new Readable({ read() {} });
    src.on('close', () => log('src4 close'));
    pipeline(src, out, (err) => {
      log('pipeline 4 done', err.code, err.message);
      done();
    });
    src.push('partial');
    setTimeout(() => out.destroy(), 5);
  },
  (done) => {
    const r = new Readable({ read() {} });
    finished(r, (err) => log('finished r', err));
    r.push('z');
    r.push(null);
    r.resume();
    const w = new Writable({ write(c, e, cb) { cb(); } });
    finished(w, (err) => {
      log('finished w', err);
      finished(w, (err2) => {
        log('finished again', err2);
        const x = new PassThrough();
        const cleanup = finished(x, (err3) => log('finished x', err3 && err3.code));
        log('cleanup is fn', typeof cleanup);
        x.destroy();
        setTimeout(done, 5);
      });
    });
    w.end('q');
  },
  async (done) => {
    const collected = [];
    await promises.pipeline(
      Readable.from(['p', 'q', 'r']),
      new Writable({
        objectMode: true,
        write(c, e, cb) { collected.push(c); cb(); },
      }),
    );
    log('promises.pipeline resolved', collected.join(''));
    try {
      await promises.pipeline(
        Readable.from(['s']),
        new Transform({ transform(c, e, cb) { cb(new Error('nope')); } }),
        new PassThrough(),
      );
    } catch (e) {
      log('promises.pipeline rejected', e.message);
    }
    const r = Readable.from(['t']);
    r.resume();
    await promises.finished(r);
    log('promises.finished resolved', r.readableEnded, require('stream').promises === promises);
    done();
  },
];

(function run() {
  const step = steps.shift();
  if (step) {
    log('---');
    step(() => setImmediate(run));
  }
})();
