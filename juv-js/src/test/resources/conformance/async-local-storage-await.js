// AsyncLocalStorage across await: the store an async function starts with is there after every
// await, whatever settles the awaited promise (a timer, fs.promises, a stream, events.once, a
// promise resolved outside the run), concurrent runs keep their own stores, and Promise.all and
// async iteration keep the caller's; a bound function keeps the length of the one it binds.
const { AsyncLocalStorage, AsyncResource } = require('node:async_hooks');
const { setTimeout: sleep } = require('node:timers/promises');
const fsp = require('node:fs/promises');
const { once, EventEmitter } = require('node:events');
const { Readable } = require('node:stream');

const als = new AsyncLocalStorage();
const show = (what) => console.log(`${what}: ${JSON.stringify(als.getStore())}`);

let resolveOutside;
const settledElsewhere = new Promise((resolve) => { resolveOutside = resolve; });

let oneFinished;
const oneDone = new Promise((resolve) => { oneFinished = resolve; });

// 'two' waits for 'one' to finish (a promise settled in one's context) before it goes on.
async function worker(name, after) {
  show(`${name} start`);
  await null;
  show(`${name} after await null`);
  await after;
  show(`${name} after waiting`);
  await sleep(1);
  show(`${name} after sleep`);
  const text = await fsp.readFile(__filename, 'utf8');
  show(`${name} after readFile (${text.startsWith('//')})`);
  if (name === 'one') {
    oneFinished();
  }
  return name;
}

async function main() {
  show('main');
  const results = await Promise.all([
    als.run('one', () => worker('one', undefined)),
    als.run('two', () => worker('two', oneDone)),
  ]);
  show(`after Promise.all ${results}`);

  await als.run('settled elsewhere', async () => {
    setTimeout(() => resolveOutside('v'), 5);
    const v = await settledElsewhere;
    show(`after a promise resolved in another context (${v})`);
  });

  await als.run('events', async () => {
    const emitter = new EventEmitter();
    setImmediate(() => emitter.emit('go', 1));
    const [value] = await once(emitter, 'go');
    show(`after events.once (${value})`);
  });

  await als.run('iteration', async () => {
    let chunks = 0;
    for await (const chunk of Readable.from(['a', 'b', 'c'])) {
      chunks += chunk.length;
      show(`chunk ${chunk}`);
    }
    show(`after for await (${chunks})`);
  });

  await als.run('rejection', async () => {
    try {
      await fsp.readFile('/no/such/file');
    } catch (e) {
      show(`after a rejected await (${e.code})`);
    }
  });

  const chained = als.run('chain', () => sleep(1).then(() => show('then after sleep')).then(() => 'end'));
  show(`outside the chain ${await chained}`);
}

main().then(() => show('main done'));
console.log('bound length', new AsyncResource('T').bind((a, b) => a + b).length);
