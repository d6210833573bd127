// perf_hooks.monitorEventLoopDelay, in the language Rhino takes: its argument checks, the empty
// histogram's figures, enable/disable, then what a 10 ms sampler records while a callback holds
// the loop for 150 ms (the figures are timings: only what holds on any machine is printed).
var monitorEventLoopDelay = require('perf_hooks').monitorEventLoopDelay;
[1, null, { resolution: 'x' }, { resolution: 1.5 }, { resolution: 0 }].forEach(function (o) {
  try {
    monitorEventLoopDelay(o);
    console.log('accepted', o);
  } catch (e) {
    console.log(e.name, e.code, e.message);
  }
});
var h = monitorEventLoopDelay({ resolution: 10 });
// (Node's percentile() before the first sample is an artifact of its C histogram, 511: not printed.)
console.log('empty', h.count, h.min, h.max, h.mean, h.stddev, h.exceeds);
console.log('empty percentiles', JSON.stringify(Array.from(h.percentiles)));
console.log('empty toJSON', JSON.stringify(h.toJSON()));
[0, 101, 'a'].forEach(function (p) {
  try {
    h.percentile(p);
  } catch (e) {
    console.log(e.name, e.code, e.message);
  }
});
console.log('enable', h.enable(), h.enable());

function busy(ms) {
  var start = Date.now();
  while (Date.now() - start < ms) { /* the loop is held */ }
}
setTimeout(function () { busy(150); }, 100);
setTimeout(function () {
  console.log('disable', h.disable(), h.disable());
  console.log('samples: some, not too many', h.count > 5, h.count < 60);
  // (Not min: a sample taken in the same timers pass as the busy callback can be near 0.)
  console.log('p50 about the resolution', h.percentile(50) >= 5e6, h.percentile(50) < 40e6, h.min <= h.percentile(50));
  console.log('max shows the held loop', h.max >= 150e6);
  console.log('mean above the resolution', h.mean > 10e6, '; stddev > 0', h.stddev > 0, '; exceeds', h.exceeds);
  console.log('p100 the held one', h.percentile(100) >= 150e6);
  var keys = Array.from(h.percentiles.keys());
  var values = Array.from(h.percentiles.values());
  var rising = values.every(function (v, i) { return i === 0 || v >= values[i - 1]; });
  console.log('percentiles from 0 to 100, rising', keys[0], keys[keys.length - 1], rising, values[0] === h.min);
  var json = h.toJSON();
  console.log('toJSON', Object.keys(json).join(','), json.count === h.count);
  h.reset();
  console.log('reset', h.count, h.max);
  // Disabled, the monitor's timer is gone: nothing keeps the loop, and the process ends here.
}, 400);
