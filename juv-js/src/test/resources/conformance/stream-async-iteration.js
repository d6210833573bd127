// Readable.from over arrays, generators, async generators, strings and promises; for await over
// a Readable (and breaking out of it, which destroys the stream); errors thrown by the source
// and by the stream; the interleaving with process.nextTick, promises and setImmediate.
const { Readable } = require('stream');
const log = (...a) => console.log(...a);

async function main() {
  const a = Readable.from([1, 2, 3]);
  log('from array: objectMode', a.readableObjectMode, 'hwm', a.readableHighWaterMark);
  for await (const x of a) {
    log('array item', x);
  }
  log('after loop: ended', a.readableEnded, 'destroyed', a.destroyed);

  function* gen() {
    log('gen start');
    yield 'g1';
    log('gen middle');
    yield 'g2';
    log('gen end');
  }
  const g = Readable.from(gen());
  g.on('data', (d) => log('gen data', d));
  process.nextTick(() => log('tick'));
  Promise.resolve().then(() => log('promise'));
  await new Promise((resolve) => g.on('close', resolve));
  log('gen closed');

  async function* agen() {
    for (let i = 0; i < 4; i++) {
      await null;
      yield { i };
    }
  }
  const items = [];
  for await (const o of Readable.from(agen())) {
    items.push(o.i);
  }
  log('async gen items', items.join(','));

  const s = Readable.from('whole string');
  s.on('data', (d) => log('string chunk', JSON.stringify(d)));
  await new Promise((resolve) => s.on('end', resolve));

  const p = Readable.from([Promise.resolve('resolved'), 'plain']);
  for await (const v of p) {
    log('promise item', v);
  }

  // Breaking out of for await destroys the stream and returns the generator.
  let cleaned = false;
  async function* endless() {
    try {
      for (let i = 0; ; i++) {
        yield i;
      }
    } finally {
      cleaned = true;
    }
  }
  const e = Readable.from(endless());
  e.on('close', () => log('endless close, cleaned', cleaned));
  for await (const v of e) {
    if (v === 2) {
      break;
    }
    log('endless', v);
  }
  log('after break: destroyed', e.destroyed);
  await new Promise((resolve) => setImmediate(resolve));

  // A byte stream: chunks come out as the reads find them buffered.
  const bytes = new Readable({ read() {} });
  bytes.push('ab');
  bytes.push('cd');
  setImmediate(() => {
    bytes.push('ef');
    bytes.push(null);
  });
  const seen = [];
  for await (const c of bytes) {
    seen.push(c.toString());
  }
  log('byte chunks', JSON.stringify(seen));

  // Errors: thrown by the source, and a stream destroyed with an error.
  async function* failing() {
    yield 'ok';
    throw new Error('source failed');
  }
  try {
    for await (const v of Readable.from(failing())) {
      log('failing item', v);
    }
  } catch (err) {
    log('caught', err.message);
  }
  const d = new Readable({ read() {} });
  d.push('first');
  setTimeout(() => d.destroy(new Error('destroyed mid-way')), 2);
  try {
    for await (const v of d) {
      log('d item', v.toString());
    }
  } catch (err) {
    log('caught', err.message, d.destroyed);
  }
  try {
    Readable.from(42);
  } catch (err) {
    log('from(42)', err.code);
  }
  const nul = Readable.from([null]);
  nul.on('error', (err) => log('null item error', err.code));
  nul.resume();
  await new Promise((resolve) => nul.on('close', resolve));
  log('toArray', JSON.stringify(await Readable.from([5, 6, 7]).toArray()));
}

main().then(() => log('main done'));
