// Signals, in the language Rhino takes: a listener gets (name, number) for each signal this
// process sends itself with process.kill (by number and by name); once() takes one and leaves
// no listener; process.kill's checks and errors (an unknown name, a pid that is not a number,
// no such process, a signal no one can catch); a listener does not keep the process alive.
var os = require('os');
console.log('SIGINT is', os.constants.signals.SIGINT, 'SIGTERM is', os.constants.signals.SIGTERM);

var got = [];
var keepAlive = setInterval(function () {}, 1000);

function usr2(name, number) {
  got.push(name + ' ' + number);
  console.log('listener got', name, number, typeof number);
  if (got.length === 1) {
    process.kill(process.pid, 'SIGUSR2'); // a second one, by name
  } else {
    process.removeListener('SIGUSR2', usr2);
    console.log('SIGUSR2 listeners left:', process.listenerCount('SIGUSR2'));
    onceStage();
  }
}
process.on('SIGUSR2', usr2);
console.log('kill returns', process.kill(process.pid, os.constants.signals.SIGUSR2)); // by number

function onceStage() {
  process.once('SIGWINCH', function (name) {
    console.log('once got', name, '; listeners now', process.listenerCount('SIGWINCH'));
    errorsStage();
  });
  process.kill(process.pid, 'SIGWINCH');
}

function errorsStage() {
  console.log('kill(pid, 0):', process.kill(process.pid, 0));
  [function () { process.kill(process.pid, 'SIGNOPE'); },
    function () { process.kill('abc'); },
    function () { process.kill(2147483647, 0); },
    function () { process.on('SIGKILL', function () {}); }].forEach(function (f) {
    try {
      f();
      console.log('no error');
    } catch (e) {
      console.log(e.name, e.code, e.message, e.errno === undefined ? '' : e.errno, e.syscall || '');
    }
  });
  console.log('SIGKILL listeners after the failure:', process.listenerCount('SIGKILL'));
  process.removeAllListeners('SIGKILL');
  clearInterval(keepAlive);
  process.on('SIGINT', function () { console.log('not expected'); });
  console.log('a SIGINT listener does not keep the process alive');
}
