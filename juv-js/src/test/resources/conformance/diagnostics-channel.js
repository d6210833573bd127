// diagnostics_channel: named channels and tracing channels (what Express's router publishes to),
// in the language Rhino takes too.
var dc = require('diagnostics_channel');

var ch = dc.channel('my-channel');
console.log(ch === dc.channel('my-channel'), ch.name, ch.hasSubscribers, dc.hasSubscribers('my-channel'));
function onMessage(message, name) { console.log('got', JSON.stringify(message), name); }
ch.subscribe(onMessage);
console.log(ch.hasSubscribers, dc.hasSubscribers('my-channel'));
ch.publish({ a: 1 });
dc.subscribe('my-channel', function second(m) { console.log('second', m.a); });
ch.publish({ a: 2 });
console.log(ch.unsubscribe(onMessage), ch.unsubscribe(onMessage));
ch.publish({ a: 3 });

var tc = dc.tracingChannel('work');
console.log(tc.start.name, tc.asyncEnd.name, tc.hasSubscribers);
var events = [];
function record(kind) {
  return function (ctx) { events.push(kind + ':' + (ctx.error ? 'error ' + ctx.error.message : ctx.result === undefined ? '-' : ctx.result)); };
}
tc.subscribe({ start: record('start'), end: record('end'), asyncStart: record('asyncStart'), asyncEnd: record('asyncEnd'), error: record('error') });
console.log(tc.hasSubscribers, tc.traceSync(function (x) { return x * 2; }, {}, null, 21));
try {
  tc.traceSync(function () { throw new Error('boom'); }, {});
} catch (e) {
  console.log('caught', e.message);
}
console.log(events.join(' '));
events = [];
tc.tracePromise(function () { return Promise.resolve('ok'); }, {}).then(function (v) {
  console.log('promise', v, events.join(' '));
  events = [];
  tc.traceCallback(function (cb) { setTimeout(function () { cb(null, 'done'); }, 10); }, -1, {}, null, function (err, v2) {
    console.log('callback', err, v2);
    setImmediate(function () { console.log(events.join(' ')); });
  });
});
console.log('sync end');
