// EventEmitter: order, once, prepend, removal while emitting, 'error' rules, listener counts.
const EventEmitter = require('events');
const e = new EventEmitter();
e.on('x', (a, b) => console.log('first', a, b));
e.prependListener('x', () => console.log('prepended'));
e.once('x', () => console.log('once'));
const removeMe = () => console.log('removed: never');
e.on('x', () => {
  console.log('remover');
  e.removeListener('x', removeMe);
});
e.on('x', removeMe);
console.log('emit returned', e.emit('x', 1, 2));
console.log('second emit');
e.emit('x', 3, 4);
console.log('count', e.listenerCount('x'), e.eventNames());
e.on('newListener', (name) => console.log('newListener', name));
e.on('y', () => {});
try {
  e.emit('error', new Error('bad'));
} catch (err) {
  console.log('thrown', err.message);
}
e.on('error', (err) => console.log('handled', err.message));
e.emit('error', new Error('good'));
EventEmitter.once(e, 'z').then(([v]) => console.log('once promise', v));
e.emit('z', 42);
class Sub extends EventEmitter {}
const s = new Sub();
s.on('q', function () { console.log('this is sub', this instanceof Sub); });
s.emit('q');
console.log(e.getMaxListeners(), EventEmitter.defaultMaxListeners);
