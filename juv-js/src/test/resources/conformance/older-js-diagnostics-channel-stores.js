// diagnostics_channel with AsyncLocalStorage, in the language Rhino takes: a channel's bound
// stores are set around runStores() (to the transform's value, or the message), nest with each
// other, are unbound again; a transform that throws leaves its store alone; a bound store makes
// the channel have subscribers; tracing channels run their calls and callbacks in the start and
// asyncStart channels' stores.
var dc = require('diagnostics_channel');
var AsyncLocalStorage = require('async_hooks').AsyncLocalStorage;

var a = new AsyncLocalStorage();
var b = new AsyncLocalStorage();
function stores() { return JSON.stringify([a.getStore(), b.getStore()]); }

var ch = dc.channel('juv:stores');
console.log('subscribers before', ch.hasSubscribers);
ch.bindStore(a);
console.log('subscribers with a store', ch.hasSubscribers);
ch.bindStore(b, function (message) { return 'b:' + message.id; });
ch.subscribe(function (message) { console.log('published', message.id, 'in', stores()); });
var result = ch.runStores({ id: 1 }, function (x, y) {
  console.log('in runStores', stores(), 'this', this.name, x + y);
  return 'ret';
}, { name: 'thisArg' }, 2, 3);
console.log('runStores returns', result, 'after', stores());
console.log('unbind a', ch.unbindStore(a), 'again', ch.unbindStore(a));
ch.runStores({ id: 2 }, function () { console.log('only b', stores()); });
ch.bindStore(a, function () { throw new Error('transform fails'); });
process.on('uncaughtException', function (err) {
  console.log('uncaught', err.message);
});
ch.runStores({ id: 3 }, function () { console.log('a transform that throws', stores()); });

var tc = dc.tracingChannel('juv:traced');
tc.start.bindStore(a, function (context) { return 'start:' + context.n; });
tc.asyncStart.bindStore(b, function (context) { return 'asyncStart:' + context.n; });
tc.subscribe({
  start: function (context) { console.log('start', context.n, stores()); },
  end: function (context) { console.log('end', context.n, stores()); },
  asyncStart: function (context) { console.log('asyncStart', context.n, stores()); },
  asyncEnd: function (context) { console.log('asyncEnd', context.n, stores()); },
  error: function (context) { console.log('error', context.n, context.error.message); },
});
tc.traceSync(function () { console.log('traceSync body', stores()); }, { n: 1 });
tc.traceCallback(function (cb) {
  console.log('traceCallback body', stores());
  setImmediate(function () { cb(null, 'ok'); });
}, 0, { n: 2 }, null, function (err, value) {
  console.log('callback', err, value, stores());
});
