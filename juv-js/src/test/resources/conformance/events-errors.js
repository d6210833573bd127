// EventEmitter's error rules and less common paths: 'error' with no listener throws (with the
// value or a wrapper), errorMonitor sees errors first, listeners removed during an emit still
// run once, once() wrappers, listener order with prepend, events.once rejecting on 'error'.
const EventEmitter = require('events');
const { once, errorMonitor } = EventEmitter;

const e = new EventEmitter();
try {
  e.emit('error', new Error('plain'));
} catch (err) {
  console.log('thrown:', err.message);
}
try {
  e.emit('error', 'a string');
} catch (err) {
  console.log('wrapped:', err.code, err.message, err.context);
}
try {
  e.emit('error');
} catch (err) {
  console.log('no value:', err.code, err.message);
}
e.on(errorMonitor, (err) => console.log('monitor:', err.message));
e.on('error', (err) => console.log('handler:', err.message));
e.emit('error', new Error('seen twice'));

const f = new EventEmitter();
const order = [];
function a() { order.push('a'); f.removeListener('x', b); }
function b() { order.push('b'); }
f.on('x', a);
f.on('x', b);
f.prependListener('x', () => order.push('first'));
f.prependOnceListener('x', () => order.push('once-first'));
f.emit('x');
f.emit('x');
console.log(order.join(' '), f.listenerCount('x'), f.rawListeners('x').length);
const wrapped = f.once('y', function y() {});
console.log(f.rawListeners('y')[0].listener.name, f.listeners('y')[0].name, wrapped === f);
console.log(f.eventNames(), EventEmitter.defaultMaxListeners, f.getMaxListeners());
f.on('newListener', (name) => console.log('newListener', name));
f.on('z', () => {});
console.log(f.emit('nothing'), f.emit('z'));

(async () => {
  const g = new EventEmitter();
  setTimeout(() => g.emit('ready', 1, 2), 5);
  console.log('once resolved with', await once(g, 'ready'));
  setTimeout(() => g.emit('error', new Error('failed')), 5);
  try {
    await once(g, 'never');
  } catch (err) {
    console.log('once rejected:', err.message);
  }
})();
