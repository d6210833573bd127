// perf_hooks, in the language Rhino takes: performance (the module's is the global), now() on a
// clock that started with the process, timeOrigin, eventLoopUtilization before the loop, over an
// idle wait, over a busy stretch and between readings; marks and measures.
var performance = require('perf_hooks').performance;
function busy(ms) {
  var start = Date.now();
  while (Date.now() - start < ms) { /* the loop is not idle */ }
}
console.log('the global is the module\'s', performance === globalThis.performance);
var t0 = performance.now();
console.log('now', typeof t0, t0 > 0, performance.now() >= t0);
console.log('timeOrigin + now is Date.now()', Math.abs(performance.timeOrigin + performance.now() - Date.now()) < 50);
console.log('before the loop', JSON.stringify(performance.eventLoopUtilization()));

// the wait starts from inside the loop, where the loop's cached time is fresh
setImmediate(function () { setTimeout(measureAll, 400); });

function measureAll() {
  var idle = performance.eventLoopUtilization();
  console.log('after an idle wait: idle > 100 ms', idle.idle > 100, '; utilization < 0.5', idle.utilization < 0.5);
  busy(300);
  var busyStretch = performance.eventLoopUtilization(idle);
  console.log('over a busy 300 ms: active >= 290', busyStretch.active >= 290, '; utilization > 0.8', busyStretch.utilization > 0.8);
  var later = performance.eventLoopUtilization();
  var between = performance.eventLoopUtilization(later, idle);
  console.log('between two readings is their difference', Math.abs(between.active - (later.active - idle.active)) < 1e-6);

  performance.mark('a');
  busy(20);
  var b = performance.mark('b', { detail: { note: 'detail kept' } });
  var m = performance.measure('a to b', 'a', 'b');
  console.log('mark', b.entryType, b.name, b.duration, JSON.stringify(b.detail));
  console.log('measure', m.entryType, m.name, m.duration >= 19, m.startTime < b.startTime);
  console.log('entries', performance.getEntries().map(function (e) { return e.entryType + ':' + e.name; }).join(' '));
  performance.clearMarks('a');
  console.log('after clearMarks(a)', performance.getEntriesByType('mark').length, performance.getEntriesByName('a to b').length);
  try {
    performance.measure('x', 'no such mark');
  } catch (e) {
    console.log(e.name, e.code, e.message);
  }
}
