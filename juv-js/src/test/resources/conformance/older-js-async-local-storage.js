// AsyncLocalStorage in the language Rhino takes: a store follows a callback from where it was
// scheduled (nextTick, promise reactions, queueMicrotask, setTimeout, setImmediate, setInterval, fs,
// net, an EventEmitter does not carry one), run() nests and restores, exit() leaves the store,
// enterWith() replaces it, AsyncResource runs in the context it was made in, bind and snapshot.
// One stage after the other, so the output does not hang on which callback comes first.
var asyncHooks = require('async_hooks');
var AsyncLocalStorage = asyncHooks.AsyncLocalStorage;
var AsyncResource = asyncHooks.AsyncResource;
var EventEmitter = require('events');
var fs = require('fs');
var net = require('net');

var als = new AsyncLocalStorage();
var other = new AsyncLocalStorage();
function show(what) {
  console.log(what + ':', JSON.stringify(als.getStore()), JSON.stringify(other.getStore()));
}

show('main before run');
var stages = [];
function next() {
  var stage = stages.shift();
  if (stage) {
    stage();
  } else {
    show('done, outside');
  }
}

stages.push(function synchronous() {
  var result = als.run({ id: 1 }, function (a, b) {
    show('in run with ' + a + b);
    other.run('o', function () {
      als.run({ id: 2 }, function () { show('nested run'); });
      show('back in outer run');
    });
    als.exit(function () { show('in exit'); });
    return 'returned';
  }, 'x', 'y');
  console.log('run returns', result);
  show('after run');
  next();
});

stages.push(function queues() {
  als.run('queues', function () {
    var left = 3;
    function done(what) {
      show(what);
      if (--left === 0) {
        setImmediate(next);
      }
    }
    process.nextTick(function () { done('nextTick'); });
    Promise.resolve().then(function () { done('promise then'); });
    queueMicrotask(function () { done('queueMicrotask'); });
  });
  show('outside the queues run');
});

stages.push(function timersStage() {
  als.run('timers', function () {
    setTimeout(function () {
      show('setTimeout');
      setImmediate(function () {
        show('setImmediate');
        var n = 0;
        var interval = setInterval(function () {
          show('setInterval ' + (++n));
          if (n === 2) {
            clearInterval(interval);
            next();
          }
        }, 1);
      });
    }, 1);
  });
});

stages.push(function fsStage() {
  als.run('fs', function () {
    fs.readFile(__filename, function (err, data) {
      show('fs.readFile ' + (err === null && data.length > 0));
      fs.stat(__filename, function () {
        show('fs.stat');
        next();
      });
    });
  });
});

stages.push(function netStage() {
  var server = als.run('server', function () {
    return net.createServer(function (socket) {
      show('connection');
      socket.on('data', function () {
        show('server data');
        socket.end('bye');
      });
    });
  });
  server.listen(0, '127.0.0.1', function () {
    als.run('client', function () {
      var client = net.connect(server.address().port, '127.0.0.1', function () {
        show('connect');
        client.write('hi');
      });
      client.on('data', function () { show('client data'); });
      client.on('close', function () {
        show('client close');
        server.close(next);
      });
    });
  });
});

stages.push(function emitterStage() {
  var emitter = new EventEmitter();
  als.run('listener added', function () {
    emitter.on('ping', function () { show('listener (the emitter\'s caller\'s store)'); });
  });
  als.run('emitter', function () { emitter.emit('ping'); });
  next();
});

stages.push(function enterWithStage() {
  setImmediate(function () {
    als.enterWith('entered');
    show('after enterWith');
    setTimeout(function () {
      show('timer after enterWith');
      als.run('r', function () {
        als.enterWith('entered in run');
        show('enterWith in run');
      });
      show('after that run');
      next();
    }, 1);
  });
});

stages.push(function resourceStage() {
  var resource = als.run('resource', function () { return new AsyncResource('Thing'); });
  console.log('asyncId differs from trigger', resource.asyncId() !== resource.triggerAsyncId());
  als.run('caller', function () {
    resource.runInAsyncScope(function (a) {
      show('runInAsyncScope this=' + this.name + ' arg=' + a);
    }, { name: 'thisArg' }, 'A');
    var bound = resource.bind(function (a, b) { show('bound ' + a + b + ' this=' + (this && this.name)); });
    bound.call({ name: 'call' }, 1, 2);
    var staticBound = als.run('static', function () { return AsyncResource.bind(function () { show('AsyncResource.bind'); }); });
    staticBound();
    var storageBound = als.run('storage', function () { return AsyncLocalStorage.bind(function () { show('AsyncLocalStorage.bind'); }); });
    storageBound();
    var snapshot = als.run('snapshot', function () { return AsyncLocalStorage.snapshot(); });
    console.log('snapshot returns', snapshot(function (a) { show('in snapshot ' + a); return 'r'; }, 'arg'));
  });
  console.log('resource returns', resource.runInAsyncScope(function () { return 42; }));
  next();
});

stages.push(function errorsStage() {
  [function () { return new AsyncResource(); },
    function () { return new AsyncResource('T', { triggerAsyncId: -2 }); },
    function () { return new AsyncResource('T').bind(42); }].forEach(function (f) {
    try {
      f();
      console.log('no error');
    } catch (e) {
      console.log(e.name, e.code, e.message);
    }
  });
  als.run('throws', function () {
    try {
      als.run('inner', function () { throw new Error('thrown in run'); });
    } catch (e) {
      show('after a throw in run: ' + e.message);
    }
  });
  als.disable();
  show('disabled');
  als.run('again', function () { show('run after disable'); });
  next();
});

next();
