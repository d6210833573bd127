// assert.CallTracker (deprecated, DEP0173 once): tracked functions keep their name and length and
// record each call; report, verify (one failure or several, each under its index), getCalls,
// reset, and the checks of calls and getCalls. Written in ES5 for Rhino.
var assert = require('assert');
process.on('warning', function (w) { console.log('warning', w.code, w.message); });
var tracker = new assert.CallTracker();
new assert.CallTracker();
function add(a, b) { return a + b; }
var tracked = tracker.calls(add, 2);
var anonymous = tracker.calls(1);
console.log(tracked.name, tracked.length, tracked === add, anonymous.name, anonymous.length);
console.log(tracked.call({ who: 'me' }, 1, 2));
console.log(JSON.stringify(tracker.getCalls(tracked)), Object.isFrozen(tracker.getCalls(tracked)));
tracker.report().forEach(function (r) {
  console.log(r.message, r.actual, r.expected, r.operator, r.stack instanceof Error);
});
try { tracker.verify(); } catch (e) {
  console.log(e.name, e.code, e.message, e.generatedMessage, e.actual, Object.keys(e).join(','));
}
anonymous();
try { tracker.verify(); } catch (e) {
  console.log(e.name, e.code, e.message, Object.keys(e).join(','));
}
tracked(3, 4);
tracker.verify();
console.log('verified');
tracker.reset(tracked);
console.log(tracker.getCalls(tracked).length, tracker.getCalls(anonymous).length);
tracker.reset();
console.log(tracker.getCalls(anonymous).length);
[function () { tracker.calls(add, 0); }, function () { tracker.calls(add, 'x'); }, function () { tracker.getCalls(add); },
  function () { tracker.reset(add); }].forEach(function (f) {
  try { f(); console.log('no error'); } catch (e) { console.log(e.name, e.code, e.message); }
});
