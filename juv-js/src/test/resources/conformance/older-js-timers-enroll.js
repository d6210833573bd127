// Node's deprecated timers.enroll(): any object with an _onTimeout gets a timeout of its own,
// started by active() (again: from now), unreferenced by _unrefActive(), stopped by unenroll();
// an interval stops when its _idleTimeout becomes -1, as in Node. (The times are far apart so
// that a slow start cannot change their order.)
var timers = require('timers');
var order = [];
var a = { _onTimeout: function () { order.push('a ' + (this === a)); } };
var b = { _onTimeout: function () { order.push('b'); } };
var c = { _onTimeout: function () { order.push('c: never'); } };
timers.enroll(a, 300);
timers.enroll(b, 200);
timers.enroll(c, 250);
console.log('enrolled:', a._idleTimeout, b._idleTimeout, c._idleTimeout);
timers.active(a);
timers.active(b);
timers.active(c);
timers.unenroll(c);
console.log('unenrolled:', c._idleTimeout);
try {
  timers.enroll({}, -1);
} catch (e) {
  console.log(e.code, e.message);
}
var ticks = 0;
var iv = setInterval(function () {
  order.push('interval ' + (++ticks));
  if (ticks === 2) {
    iv._idleTimeout = -1;
  }
}, 5);
var lonely = { _onTimeout: function () { order.push('unreferenced: never'); } };
timers.enroll(lonely, 1000);
timers._unrefActive(lonely);
setTimeout(function () {
  console.log(order.join(', '));
}, 450);
