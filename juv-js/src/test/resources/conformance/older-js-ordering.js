// Node's ordering classics in the language Rhino takes, one stage after the other so that a slow
// start cannot reorder them: nextTick before promise jobs (queueMicrotask's among them), immediate
// before timeout inside an I/O callback, nested immediates one per loop turn, equal timers in
// creation order, an interval cleared after three runs with its promise jobs after each.
var fs = require('fs');
var log = [];
function note(s) { log.push(s); }

Promise.resolve().then(function () { note('promise 1'); });
queueMicrotask(function () { note('microtask'); });
process.nextTick(function () { note('tick 1'); });
Promise.resolve().then(function () { note('promise 2'); process.nextTick(function () { note('tick in promise'); }); });
process.nextTick(function () { note('tick 2'); });
note('main');

fs.readFile(__filename, function () {
  setTimeout(function () {
    note('io: timeout');
    setImmediate(function () {
      note('immediate');
      setImmediate(function () {
        note('nested immediate');
        timers();
      });
    });
  }, 0);
  setImmediate(function () {
    note('io: immediate');
    process.nextTick(function () { note('io: tick in immediate'); });
  });
  process.nextTick(function () { note('io: tick'); });
});

function timers() {
  setTimeout(function () { note('timeout 100 a'); }, 100);
  setTimeout(function () { note('timeout 100 b'); }, 100);
  setTimeout(function () {
    note('timeout 200');
    interval();
  }, 200);
}

function interval() {
  var runs = 0;
  var handle = setInterval(function () {
    runs++;
    note('interval ' + runs);
    Promise.resolve().then(function () { note('promise after interval ' + runs); });
    if (runs === 3) {
      clearInterval(handle);
    }
  }, 100);
}

var unrefd = setTimeout(function () { note('never: unref'); }, 60000);
unrefd.unref();
console.log('hasRef', unrefd.hasRef());

process.on('exit', function () {
  console.log(log.join('\n'));
});
