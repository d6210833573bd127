// timers/promises with await: setTimeout and setImmediate values, setInterval as an async
// iterator, AbortController cancelling a timer, AbortSignal.abort and EventTarget basics.
const tp = require('timers/promises');
const { setTimeout: sleep, setImmediate: immediate, setInterval: every } = require('node:timers/promises');

console.log(tp === require('timers').promises, typeof AbortController, typeof EventTarget);

async function main() {
  console.log('slept', await sleep(20, 'value'));
  console.log('immediate', await immediate('now'));
  let n = 0;
  for await (const v of every(10, 'tick')) {
    console.log('interval', ++n, v);
    if (n === 3) {
      break;
    }
  }
  const ac = new AbortController();
  const p = sleep(10000, 'never', { signal: ac.signal });
  setTimeout(() => ac.abort(), 10);
  try {
    await p;
  } catch (e) {
    console.log('aborted:', e.name, e.code, e.message, ac.signal.aborted, ac.signal.reason.name);
  }
  try {
    await sleep(5, 'x', { signal: AbortSignal.abort('why') });
  } catch (e) {
    console.log('pre-aborted:', e.name, e.cause);
  }
  const target = new EventTarget();
  target.addEventListener('ping', (e) => console.log('event', e.type, e instanceof Event, e.target === target), { once: true });
  console.log(target.dispatchEvent(new Event('ping')), target.dispatchEvent(new Event('ping')));
  const s = new AbortController().signal;
  s.addEventListener('abort', () => console.log('never'));
  console.log(s.aborted, s.reason);
  await tp.scheduler.wait(5);
  console.log('done');
}

sleep(1).then(() => console.log('first timer resolved'));
main();
