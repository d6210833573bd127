// process.setUncaughtExceptionCaptureCallback (it takes uncaught exceptions before the
// 'uncaughtException' listeners; one at a time; null removes it), 'uncaughtExceptionMonitor'
// first, the deprecated process.assert (DEP0100), and setSourceMapsEnabled's check (its errors read
// as Node's coded ones: `TypeError [ERR_INVALID_ARG_TYPE]: ...`, a prototype of their own).
// Written in ES5 for Rhino.
process.on('uncaughtExceptionMonitor', function (err, origin) { console.log('monitor', err.message, origin); });
process.on('warning', function (w) { console.log('warning', w.name, w.code, w.message); });
console.log(process.hasUncaughtExceptionCaptureCallback());
try { process.setUncaughtExceptionCaptureCallback(42); } catch (e) { console.log(e.name, e.code, e.message); }
process.setUncaughtExceptionCaptureCallback(function (err) { console.log('captured', err.message); });
console.log(process.hasUncaughtExceptionCaptureCallback());
try { process.setUncaughtExceptionCaptureCallback(function () {}); } catch (e) { console.log(e.name, e.code, e.message); }
process.on('uncaughtException', function (err, origin) { console.log('listener', err.message, origin); });
setTimeout(function () { throw new Error('first'); }, 1);
setTimeout(function () {
  process.setUncaughtExceptionCaptureCallback(null);
  console.log(process.hasUncaughtExceptionCaptureCallback());
  throw new Error('second');
}, 20);
setTimeout(function () { console.log('still running'); }, 40);

console.log(process.assert(1, 'unused'));
try { process.assert(0, 'a message'); } catch (e) { console.log(e.name, e.code, e.message); }
try { process.assert(false); } catch (e) { console.log(e.name, e.code, e.message); }

[undefined, null, 1, 'yes', {}].forEach(function (v) {
  try { process.setSourceMapsEnabled(v); } catch (e) {
    console.log(e.name, e.code, e.message, '|', String(e), Object.getPrototypeOf(e) === TypeError.prototype, e instanceof TypeError);
  }
});
process.setSourceMapsEnabled(false);
console.log(process.sourceMapsEnabled);
