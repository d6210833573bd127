// The Node runtime's JavaScript side, on juv. Evaluated once per process; its value is a
// function that takes the engine's uncatchable exit and returns `dispatch`, the one entry point
// from the loop: Java calls it for every loop callback (a timer, the immediates, an I/O event),
// and for the main module, beforeExit and exit. After each call the nextTick queue runs here,
// then the engine's promise jobs (on return to Java), again until both are empty, as Node does.
(function bootstrap(engineExit, trackRejections) {
  'use strict';
  const host = globalThis.__juv;
  delete globalThis.__juv;
  // GraalJS's AsyncContext (the proposal's), under internal/async_context: Node has no such global.
  const engineAsyncContext = globalThis.AsyncContext;
  delete globalThis.AsyncContext;
  // Rhino has no Symbol.asyncIterator: the well-known symbol is made here, so that async
  // iteration works there too (by hand in a program, through the ES5 build's helpers in the
  // runtime's own for-await and async generators: a Readable's iterator, for one).
  if (typeof Symbol.asyncIterator !== 'symbol') {
    Object.defineProperty(Symbol, 'asyncIterator', { value: Symbol('Symbol.asyncIterator') });
  }
  // The engine's shell globals are not Node's: a program sees only what Node has.
  for (const name of ['print', 'printErr', 'quit', 'exit', 'read', 'readbuffer', 'readline', 'load',
    'loadWithNewGlobal', 'console', 'Graal', 'Polyglot', 'arguments', 'scriptArgs', 'setTimeout',
    'setInterval', 'clearTimeout', 'clearInterval', 'setImmediate', 'clearImmediate']) {
    delete globalThis[name];
  }

  const TIMER = 0;
  const IMMEDIATES_START = 1;
  const IMMEDIATE_NEXT = 2;
  const TICKS = 3;
  const HANDLE = 4;
  const MAIN = 5;
  const BEFORE_EXIT = 6;
  const EXIT = 7;

  // ---------------------------------------------------------------- what lib modules see

  const handles = new Map(); // id -> object with onevent(event, ...args)
  const handleContexts = new Map(); // id -> the async context its events run in, once there is one
  let nextHandleId = 0;
  const requestClasses = new Map(); // name -> the class of internal.request's objects
  const internal = {
    host,
    nextTick,
    uncaught,
    codeError,
    describe,
    inspect,
    engineAsyncContext,
    /**
     * Registers an object to receive a handle's events, run in the async context of this call
     * (unless `ownContext` is false: an accepted socket's start in the empty one, as under Node);
     * returns its id for the host.
     */
    register(object, ownContext = true) {
      const id = ++nextHandleId;
      handles.set(id, object);
      const snapshot = ownContext ? asyncContext.capture() : undefined;
      if (snapshot !== undefined) {
        handleContexts.set(id, snapshot);
      }
      return id;
    },
    /** Sends a registered id's events to another object (an accepted socket, say). */
    handleOwner(id, object) {
      handles.set(id, object);
    },
    unregister(id) {
      handles.delete(id);
      handleContexts.delete(id);
    },
    /**
     * A request's registry entry, an instance of Node's request class `type` (FSReqCallback,
     * GetAddrInfoReqWrap) whose onevent is given: process._getActiveRequests lists them.
     */
    request(type, onevent) {
      let C = requestClasses.get(type);
      if (C === undefined) {
        C = function () {};
        Object.defineProperty(C, 'name', { value: type });
        requestClasses.set(type, C);
      }
      const r = new C();
      r.onevent = onevent;
      return r;
    },
    /** The registered requests in flight, oldest first. */
    activeRequests() {
      const list = [];
      for (const o of handles.values()) {
        if (o !== null && typeof o === 'object' && requestClasses.get(o.constructor.name) === o.constructor) {
          list.push(o);
        }
      }
      return list;
    },
    /** The object registered under a host id, or undefined. */
    owner(id) {
      return handles.get(id);
    },
    /**
     * Gives a subclass of a built-in (Error) instance its class's prototype, after super(): a
     * no-op where classes are native; in the ES5 the build makes for Rhino, super() returns a
     * plain Error.
     */
    ownPrototype(object, newTarget) {
      if (newTarget && Object.getPrototypeOf(object) !== newTarget.prototype) {
        Object.setPrototypeOf(object, newTarget.prototype);
      }
    },
    stackText,
  };

  /** An error's stack headed by `Name: message`, as V8 writes it (Rhino's has only the frames). */
  function stackText(err) {
    const stack = String(err.stack);
    const head = String(err.name) + (err.message ? ': ' + err.message : '');
    return stack.startsWith(head) ? stack : head + '\n' + stack;
  }

  // ---------------------------------------------------------------- built-in modules

  const builtins = new Map(); // name -> module
  // A name whose file is missing (lib/NAME.js) is refused as Node refuses an unknown built-in.
  const builtinNames = ['assert', 'assert/strict', 'async_hooks', 'buffer', 'child_process', 'crypto', 'dgram', 'diagnostics_channel', 'dns', 'dns/promises', 'events', 'fs',
    'fs/promises', 'http', 'http2', 'https', 'net', 'os', 'path', 'path/posix', 'path/win32', 'perf_hooks', 'process', 'querystring', 'stream', 'stream/promises', 'string_decoder',
    'timers', 'timers/promises', 'tls', 'tty', 'url', 'util', 'util/types', 'worker_threads', 'zlib'];

  function builtin(name) {
    const bare = name.startsWith('node:') ? name.slice(5) : name;
    let m = builtins.get(bare);
    if (m) {
      return m.exports;
    }
    const source = host.internalSource('lib/' + bare + '.js');
    if (source === null) {
      return undefined;
    }
    m = { exports: {}, id: bare };
    builtins.set(bare, m);
    const fn = host.compile('(function (exports, require, module, internal) {' + source + '\n})', 'node:' + bare);
    fn.call(m.exports, m.exports, builtin, m, internal);
    return m.exports;
  }

  const asyncContext = builtin('internal/async_context');

  // ---------------------------------------------------------------- nextTick and dispatch

  const ticks = [];
  let tickHead = 0;
  let inDispatch = false; // until dispatch()'s own runTicks() has emptied the queue

  function nextTick(callback, ...args) {
    if (typeof callback !== 'function') {
      throw codeError(TypeError, 'ERR_INVALID_ARG_TYPE',
        'The "callback" argument must be of type function. Received ' + describe(callback));
    }
    // Inside a dispatch, its own runTicks() runs the queue before it returns; Java needs to hear of
    // a tick queued outside one (by a promise job, which runs after the dispatch returns)
    if (!inDispatch && tickHead === ticks.length) {
      host.tickPending();
    }
    ticks.push({ callback, args, context: asyncContext.capture() });
  }

  function runTicks() {
    while (tickHead < ticks.length) {
      const t = ticks[tickHead];
      ticks[tickHead++] = undefined;
      try {
        if (t.context === undefined) {
          t.callback(...t.args);
        } else {
          t.context.run(t.callback, ...t.args);
        }
      } catch (e) {
        uncaught(e);
      }
    }
    ticks.length = 0;
    tickHead = 0;
  }

  // ---------------------------------------------------------------- unhandled rejections

  // The engine names each promise still rejected with no handler once the jobs have run; they are
  // reported after the next ticks, as Node's processTicksAndRejections does: 'unhandledRejection'
  // if someone listens, else an uncaught exception (Node 15+'s default, --unhandled-rejections=throw).
  const rejections = [];
  trackRejections((reason, promise) => {
    if (rejections.length === 0) {
      host.rejectionPending();
    }
    rejections.push({ reason, promise });
  });

  function processRejections() {
    while (rejections.length > 0) {
      const { reason, promise } = rejections.shift();
      if (process.listenerCount('unhandledRejection') > 0) {
        try {
          process.emit('unhandledRejection', reason, promise);
        } catch (e) {
          uncaught(e);
        }
        continue;
      }
      let err = reason;
      if (!(reason instanceof Error)) {
        err = codeError(Error, 'ERR_UNHANDLED_REJECTION', 'This error originated either by throwing inside of an '
          + 'async function without a catch block, or by rejecting a promise which was not handled with .catch(). '
          + 'The promise rejected with the reason "' + inspect(reason) + '".');
        err.name = 'UnhandledPromiseRejection';
      }
      uncaught(err, 'unhandledRejection');
    }
  }

  // An event's arguments are named, not gathered (...args) and spread again: this runs once per
  // callback from the loop, interpreted. NodeHost.dispatch refuses more than these eight.
  function dispatch(kind, id, a, b, c, d, e, f, g, h) {
    let result;
    inDispatch = true;
    try {
      switch (kind) {
        case TIMER: timers.fire(id); break;
        case IMMEDIATES_START: result = timers.startImmediates(); break;
        case IMMEDIATE_NEXT: timers.nextImmediate(); break;
        case TICKS: break;
        case HANDLE: {
          const handle = handles.get(id);
          if (handle) {
            const context = handleContexts.size === 0 ? undefined : handleContexts.get(id);
            // an event may answer with a boolean or a string (an HTTP server: whether it takes an
            // upgrade, what its 'clientError' listeners wrote)
            const answer = context === undefined ? handle.onevent(a, b, c, d, e, f, g, h)
              : context.run(() => handle.onevent(a, b, c, d, e, f, g, h));
            if (typeof answer === 'boolean' || typeof answer === 'string') {
              result = answer;
            }
          }
          break;
        }
        case MAIN: runMain(id); break;
        case BEFORE_EXIT: process.emit('beforeExit', process.exitCode === undefined ? 0 : process.exitCode); break;
        case EXIT: {
          const code = process.exitCode === undefined ? 0 : process.exitCode;
          process._exiting = true;
          process.emit('exit', code);
          inDispatch = false; // ticks queued by 'exit' listeners never run, as in Node
          return process.exitCode === undefined ? code : process.exitCode;
        }
        default: throw new Error('unknown dispatch ' + kind);
      }
    } catch (err) {
      uncaught(err);
    }
    runTicks();
    inDispatch = false;
    processRejections();
    return result;
  }

  // Node's order: 'uncaughtExceptionMonitor', then the capture callback if one is set, else the
  // 'uncaughtException' listeners; with neither, the exception is printed and fatal.
  function uncaught(err, origin = 'uncaughtException') {
    try {
      process.emit('uncaughtExceptionMonitor', err, origin);
      if (captureFn !== null) {
        captureFn(err);
        return;
      }
      if (process.listenerCount('uncaughtException') > 0) {
        process.emit('uncaughtException', err, origin);
        return;
      }
    } catch (inner) {
      // a handler that throws: Node prints that error and exits with 7, without 'exit' events
      printUncaught(inner);
      reallyExit(7);
      return;
    }
    fatal(err);
  }

  /** A thrown value on stderr as Node prints one that ends the process: its stack, or inspected. */
  function printUncaught(value) {
    let text;
    try {
      text = value instanceof Error || (value && value.stack) ? stackText(value) : 'Uncaught ' + inspect(value);
    } catch (e) {
      text = String(value);
    }
    host.writeStderr(text + '\n\nNode.js ' + process.version + '\n');
  }

  /** An exception nothing took: printed as Node prints it, 'exit' with 1, the end. */
  function fatal(err) {
    printUncaught(err);
    process.exitCode = 1;
    if (!process._exiting) {
      process._exiting = true;
      try {
        process.emit('exit', 1);
      } catch (e) {
        // an exit listener that throws: the process ends anyway
      }
    }
    reallyExit(1);
  }

  function reallyExit(code) {
    engineExit(code | 0);
  }

  // ---------------------------------------------------------------- small helpers

  // Node's internal errors: `TypeError [ERR_X]: message` from toString and at the head of the
  // stack, through a prototype of their own between the error and TypeError.prototype (one per
  // error type), as Node's NodeError classes.
  const codeErrorPrototypes = new Map();
  function codeErrorPrototype(Type) {
    let proto = codeErrorPrototypes.get(Type);
    if (proto === undefined) {
      proto = Object.create(Type.prototype, {
        toString: {
          value: function toString() {
            return this.name + ' [' + this.code + ']: ' + this.message;
          },
          writable: true,
          configurable: true,
        },
      });
      codeErrorPrototypes.set(Type, proto);
    }
    return proto;
  }

  function codeError(Type, code, message) {
    const e = new Type(message);
    e.code = code;
    // The stack is read before the prototype changes and kept as data: Rhino computes it
    // through its own error prototype, which is no longer the first in the chain after.
    const head = e.name + ': ';
    let stack = e.stack;
    if (typeof stack === 'string' && stack.startsWith(head)) {
      stack = e.name + ' [' + code + ']: ' + stack.slice(head.length);
    }
    Object.defineProperty(e, 'stack', { value: stack, writable: true, configurable: true });
    Object.setPrototypeOf(e, codeErrorPrototype(Type));
    return e;
  }

  function describe(v) {
    if (v === null || v === undefined) {
      return String(v);
    }
    if (typeof v === 'function') {
      return 'function ' + v.name;
    }
    if (typeof v === 'object') {
      return 'an instance of ' + (v.constructor && v.constructor.name || 'Object');
    }
    return 'type ' + typeof v + ' (' + inspect(v) + ')';
  }

  let utilModule;
  let utilInspect;
  function util() {
    if (utilModule === undefined) {
      utilModule = builtin('util');
      utilInspect = utilModule.inspect;
    }
    return utilModule;
  }
  /**
   * util.inspect as the runtime loaded it (internal.inspect): a program may delete or replace
   * util's own, and the runtime's messages do not change for it, as Node's do not.
   */
  function inspect(value, options) {
    util();
    return utilInspect(value, options);
  }


  // ---------------------------------------------------------------- process

  const EventEmitter = builtin('events');
  const process = new EventEmitter();
  Object.defineProperty(globalThis, 'process', { value: process, writable: true, configurable: true, enumerable: false });
  const argv = Array.from(host.argv());
  process.argv = ['/usr/local/bin/node', ...argv];
  process.argv0 = 'node';
  process.execArgv = [];
  process.execPath = '/usr/local/bin/node';
  process.title = 'node';
  process.version = 'v20.20.2';
  process.versions = { node: '20.20.2', juv: '0.1.0', engine: 'graaljs' };
  process.platform = 'linux';
  process.arch = 'x64';
  process.release = { name: 'node' };
  process.pid = Number(host.pid());
  process.ppid = host.osFigure('ppid');
  process.exitCode = undefined;
  const envFlat = host.env();
  const env = {};
  for (let i = 0; i < envFlat.length; i += 2) {
    env[envFlat[i]] = envFlat[i + 1];
  }
  // As Node's process.env: values are stored as strings, symbol keys are never stored, and only
  // plain writable, enumerable, configurable data properties may be defined. A name the C library's
  // setenv refuses (empty, or with '=') is dropped without an error, as Node drops it.
  function envName(key) {
    return key !== '' && !key.includes('=');
  }
  function envDefineError(message) {
    return codeError(TypeError, 'ERR_INVALID_OBJECT_DEFINE_PROPERTY', "'process.env' " + message);
  }
  process.env = new Proxy(env, {
    get(target, key) {
      return typeof key === 'symbol' ? undefined : target[key];
    },
    set(target, key, value) {
      if (typeof key === 'symbol') {
        throw new TypeError('Cannot convert a Symbol value to a string');
      }
      const text = `${value}`;
      if (envName(key)) {
        target[key] = text;
      }
      return true;
    },
    has(target, key) {
      return typeof key !== 'symbol' && key in target;
    },
    deleteProperty(target, key) {
      if (typeof key !== 'symbol') {
        delete target[key];
      }
      return true;
    },
    defineProperty(target, key, descriptor) {
      if ('get' in descriptor || 'set' in descriptor) {
        throw envDefineError('does not accept an accessor(getter/setter) descriptor');
      }
      if (!descriptor.configurable || !descriptor.writable || !descriptor.enumerable) {
        throw envDefineError('only accepts a configurable, writable, and enumerable data descriptor');
      }
      if (typeof key === 'symbol') {
        throw new TypeError('Cannot convert a Symbol value to a string');
      }
      const text = `${descriptor.value}`;
      if (envName(key)) {
        target[key] = text;
      }
      return true;
    },
  });
  process.cwd = () => host.cwd();
  // process.chdir, config, features (for programs that ask how this node was built, as Node's
  // test/common does): the runtime keeps its own working directory, which fs and require use.
  process.chdir = function chdir(directory) {
    if (typeof directory !== 'string') {
      throw codeError(TypeError, 'ERR_INVALID_ARG_TYPE',
        'The "directory" argument must be of type string. Received ' + describe(directory));
    }
    const before = host.cwd();
    const result = host.chdir(directory);
    if (result < 0) {
      throw builtin('internal/errors').uvException(result, 'chdir', before, directory);
    }
  };
  process.config = {
    target_defaults: { cflags: [], default_configuration: 'Release', defines: [], include_dirs: [], libraries: [] },
    variables: { v8_enable_i18n_support: typeof Intl === 'object' ? 1 : 0, node_shared_openssl: false },
  };
  process.features = {
    inspector: false, debug: false, uv: true, ipv6: true,
    tls_alpn: false, tls_sni: false, tls_ocsp: false, tls: false, cached_builtins: true,
  };
  process.nextTick = nextTick;
  process.exit = function exit(code) {
    if (code !== undefined) {
      process.exitCode = code;
    }
    const c = process.exitCode === undefined ? 0 : process.exitCode;
    if (!process._exiting) {
      process._exiting = true;
      process.emit('exit', c);
    }
    reallyExit(process.exitCode === undefined ? c : process.exitCode);
  };
  process.reallyExit = reallyExit;
  process.abort = () => reallyExit(134);
  process.hrtime = function hrtime(prev) {
    const now = BigInt(host.hrtime());
    let s = Number(now / 1000000000n);
    let ns = Number(now % 1000000000n);
    if (prev) {
      s -= prev[0];
      ns -= prev[1];
      if (ns < 0) {
        s--;
        ns += 1e9;
      }
    }
    return [s, ns];
  };
  process.hrtime.bigint = () => BigInt(host.hrtime());
  process.uptime = () => Number(BigInt(host.hrtime()) - startTime) / 1e9;
  const startTime = BigInt(host.hrtime());
  internal.startTime = startTime; // performance.now()'s origin
  process.memoryUsage = function memoryUsage() {
    const m = host.memoryUsage();
    return { rss: m[0], heapTotal: m[1], heapUsed: m[2], external: 0, arrayBuffers: 0 };
  };
  process.memoryUsage.rss = () => host.memoryUsage()[0];
  // process.getuid() and its kin (POSIX): the real and effective ids, the supplementary groups
  // (Node's getgroups adds the effective group when it is not among them).
  process.getuid = function getuid() { return host.credentials()[0]; };
  process.geteuid = function geteuid() { return host.credentials()[1]; };
  process.getgid = function getgid() { return host.credentials()[2]; };
  process.getegid = function getegid() { return host.credentials()[3]; };
  process.getgroups = function getgroups() {
    const c = Array.from(host.credentials());
    const groups = c.slice(4);
    if (!groups.includes(c[3])) {
      groups.push(c[3]);
    }
    return groups;
  };

  // process.umask(mask): Node's parseFileMode (an octal string or a 32-bit unsigned integer),
  // then umask(2); with no argument it only reads the mask.
  process.umask = function umask(mask) {
    if (mask === undefined) {
      return host.umask(-1);
    }
    if (typeof mask === 'string') {
      if (!/^[0-7]+$/.test(mask)) {
        throw codeError(TypeError, 'ERR_INVALID_ARG_VALUE',
          "The argument 'mask' must be a 32-bit unsigned integer or an octal string. Received " + inspect(mask));
      }
      mask = parseInt(mask, 8);
    }
    if (typeof mask !== 'number') {
      throw codeError(TypeError, 'ERR_INVALID_ARG_TYPE',
        'The "mask" argument must be of type number. Received ' + describe(mask === null ? undefined : mask));
    }
    if (!Number.isInteger(mask)) {
      throw codeError(RangeError, 'ERR_OUT_OF_RANGE',
        'The value of "mask" is out of range. It must be an integer. Received ' + inspect(mask));
    }
    if (mask < 0 || mask > 4294967295) {
      throw codeError(RangeError, 'ERR_OUT_OF_RANGE',
        'The value of "mask" is out of range. It must be >= 0 && <= 4294967295. Received '
        + (Math.abs(mask) > 2 ** 32 ? String(mask).replace(/\B(?=(\d{3})+$)/g, '_') : String(mask)));
    }
    return host.umask(mask & 0o777);
  };
  // process.setUncaughtExceptionCaptureCallback(fn): fn takes uncaught exceptions instead of
  // 'uncaughtException' (see uncaught()); one at a time, null to remove it.
  let captureFn = null;
  process.setUncaughtExceptionCaptureCallback = function setUncaughtExceptionCaptureCallback(fn) {
    if (fn === null) {
      captureFn = null;
      return;
    }
    if (typeof fn !== 'function') {
      throw codeError(TypeError, 'ERR_INVALID_ARG_TYPE',
        'The "fn" argument must be of type function or null. Received ' + describe(fn));
    }
    if (captureFn !== null) {
      throw codeError(Error, 'ERR_UNCAUGHT_EXCEPTION_CAPTURE_ALREADY_SET',
        '`process.setupUncaughtExceptionCapture()` was called while a capture callback was already active');
    }
    captureFn = fn;
  };
  process.hasUncaughtExceptionCaptureCallback = () => captureFn !== null;
  // process.assert: deprecated (DEP0100), an ERR_ASSERTION for a falsy value.
  let processAssertWarned = false;
  process.assert = function assert(value, message) {
    if (!processAssertWarned) {
      processAssertWarned = true;
      process.emitWarning('process.assert() is deprecated. Please use the `assert` module instead.', 'DeprecationWarning',
        'DEP0100');
    }
    if (!value) {
      throw codeError(Error, 'ERR_ASSERTION', message || 'assertion error');
    }
  };
  // process.setSourceMapsEnabled: recorded (process.sourceMapsEnabled) but not applied: juv-js's
  // stack traces never read source maps.
  let sourceMapsEnabled = false;
  process.setSourceMapsEnabled = function setSourceMapsEnabled(val) {
    if (typeof val !== 'boolean') {
      throw codeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "val" argument must be of type boolean. Received ' + describe(val));
    }
    sourceMapsEnabled = val;
  };
  Object.defineProperty(process, 'sourceMapsEnabled', { get: () => sourceMapsEnabled, enumerable: true, configurable: true });
  // What keeps the loop alive, as Node lists it: the requests in flight (fs and lookups), the
  // referenced handles that are not closing, oldest first (the host's, by id), then one
  // 'Timeout' per referenced timer and one 'Immediate' per referenced immediate.
  const activeHandles = () => { // [id, name] pairs from the host's "id:name" strings
    const a = host.activeHandles();
    const list = [];
    for (let i = 0; i < a.length; i++) {
      const entry = String(a[i]);
      const colon = entry.indexOf(':');
      list.push([Number(entry.slice(0, colon)), entry.slice(colon + 1)]);
    }
    return list;
  };
  process._getActiveRequests = () => internal.activeRequests();
  process._getActiveHandles = () => {
    const list = [];
    for (const [id] of activeHandles()) {
      const owner = internal.owner(id);
      if (owner !== undefined && list.indexOf(owner) < 0) {
        list.push(owner);
      }
    }
    return list;
  };
  process.getActiveResourcesInfo = () => {
    const info = internal.activeRequests().map((r) => r.constructor.name);
    for (const [, name] of activeHandles()) {
      info.push(name);
    }
    const counts = builtin('timers')._internal.refedCounts();
    for (let i = 0; i < counts[0]; i++) {
      info.push('Timeout');
    }
    for (let i = 0; i < counts[1]; i++) {
      info.push('Immediate');
    }
    return info;
  };
  // Signals as Node's: the first listener for a signal's name starts a juv Signal handle (not
  // keeping the process alive), the last one removed stops it, which gives the signal back to its
  // default (the JVM's: SIGINT, SIGTERM and SIGHUP end the process). Listeners get (name, number).
  const signalIds = new Map(); // name -> registered id
  const signalNumber = (name) => (typeof name === 'string' && name.startsWith('SIG')
    ? builtin('internal/signals')[name] : undefined);
  process.on('newListener', (type) => {
    const signum = signalNumber(type);
    if (signum !== undefined && !signalIds.has(type)) {
      const id = internal.register({ onevent: (event, n) => process.emit(type, type, n) });
      const err = host.signalStart(id, signum);
      if (err < 0) {
        internal.unregister(id);
        throw builtin('internal/errors').errnoException(err, 'uv_signal_start');
      }
      signalIds.set(type, id);
    }
  });
  process.on('removeListener', (type) => {
    const id = signalIds.get(type);
    if (id !== undefined && process.listenerCount(type) === 0) {
      signalIds.delete(type);
      host.signalStop(id);
      internal.unregister(id);
    }
  });
  // As Node's, kill goes through process._kill (Node's own tests replace it, to send nothing).
  process._kill = (pid, signum) => host.kill(pid, signum);
  process.kill = function kill(pid, sig) {
    if (pid != (pid | 0)) { // loosely, as Node checks it: "1" passes, 1.5 does not
      throw codeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "pid" argument must be of type number. Received ' + describe(pid));
    }
    let err;
    if (sig === (sig | 0)) {
      err = process._kill(pid, sig);
    } else {
      const name = sig || 'SIGTERM';
      const signum = signalNumber(name);
      if (signum === undefined) {
        throw codeError(TypeError, 'ERR_UNKNOWN_SIGNAL', 'Unknown signal: ' + name);
      }
      err = process._kill(pid, signum);
    }
    if (err) {
      throw builtin('internal/errors').errnoException(err, 'kill');
    }
    return true;
  };
  // Node's signature: (warning, type, code, ctor) or (warning, { type, code, detail, ctor }); a
  // string becomes an Error named after the type, with the code; deprecations obey noDeprecation
  // and throwDeprecation. Listeners of 'warning' get it on the next tick, and it is printed.
  process.emitWarning = function emitWarning(warning, type, code, ctor) {
    let detail;
    if (type !== null && typeof type === 'object' && !Array.isArray(type)) {
      ({ ctor, code, detail } = type);
      type = type.type || 'Warning';
    } else if (typeof type === 'function') {
      ctor = type;
      code = undefined;
      type = 'Warning';
    }
    if (type !== undefined && typeof type !== 'string') {
      throw codeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "type" argument must be of type string. Received ' + describe(type));
    }
    if (typeof code === 'function') {
      ctor = code;
      code = undefined;
    } else if (code !== undefined && typeof code !== 'string') {
      throw codeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "code" argument must be of type string. Received ' + describe(code));
    }
    if (typeof warning === 'string') {
      warning = new Error(warning);
      warning.name = String(type || 'Warning');
      if (code !== undefined) {
        warning.code = code;
      }
      if (typeof detail === 'string') {
        warning.detail = detail;
      }
      if (Error.captureStackTrace) {
        Error.captureStackTrace(warning, ctor || process.emitWarning);
      }
    } else if (!(warning instanceof Error)) {
      throw codeError(TypeError, 'ERR_INVALID_ARG_TYPE',
        'The "warning" argument must be of type string or an instance of Error. Received ' + describe(warning));
    }
    if (warning.name === 'DeprecationWarning') {
      if (process.noDeprecation) {
        return;
      }
      if (process.throwDeprecation) {
        throw warning;
      }
    }
    nextTick(() => {
      process.emit('warning', warning);
      let text = '(node:' + process.pid + ') ' + (warning.code ? '[' + warning.code + '] ' : '')
        + warning.name + ': ' + warning.message + '\n';
      if (typeof warning.detail === 'string') {
        text += warning.detail + '\n';
      }
      if (!traceHintShown) { // once per process, after the first warning printed, as Node's
        traceHintShown = true;
        text += '(Use `node ' + (warning.name === 'DeprecationWarning' ? '--trace-deprecation' : '--trace-warnings')
          + ' ...` to show where the warning was created)\n';
      }
      host.writeStderr(text);
    });
  };
  let traceHintShown = false;
  process.binding = () => { throw new Error('No such module'); };
  /**
   * process.stdout and stderr: written at once, as Node writes to files and pipes. A write that
   * fails (EPIPE once a pipe's reader has gone) destroys the stream and emits 'error' on the next
   * tick, as Node's: with no listener, the program ends with that error; later writes are dropped.
   */
  function stream(write, fd) {
    const s = new EventEmitter();
    s.fd = fd;
    s.isTTY = false;
    s.writable = true;
    s.destroyed = false;
    s._writeText = function (text) {
      if (s.destroyed) {
        return;
      }
      const r = write(text);
      if (r < 0) {
        s.destroyed = true;
        s.writable = false;
        const err = builtin('internal/errors').errnoException(r, 'write');
        nextTick(() => s.emit('error', err));
      }
    };
    s.write = function (chunk, encoding, cb) {
      if (typeof encoding === 'function') {
        cb = encoding;
      }
      s._writeText(typeof chunk === 'string' ? chunk : host.decode(chunk, 'utf8'));
      if (typeof cb === 'function') {
        nextTick(cb);
      }
      return true;
    };
    s.end = function (chunk, encoding, cb) {
      if (typeof chunk === 'function') {
        cb = chunk;
      } else if (chunk !== undefined && chunk !== null) {
        s.write(chunk, encoding);
      }
      if (typeof (typeof encoding === 'function' ? encoding : cb) === 'function') {
        nextTick(typeof encoding === 'function' ? encoding : cb);
      }
      return s;
    };
    return s;
  }
  const stdoutStream = stream((s) => host.writeStdout(s), 1); // the console's, whatever process.stdout becomes
  const stderrStream = stream((s) => host.writeStderr(s), 2);
  process.stdout = stdoutStream;
  process.stderr = stderrStream;
  // process.stdin, made when first used, as Node's: a net.Socket over descriptor 0 (a terminal,
  // a pipe, a FIFO or a file: NetBinding.openFd), paused until read, keeping the process alive
  // only while it reads; a descriptor it cannot open (closed, a socket) gives an empty stream.
  let stdin = null;
  Object.defineProperty(process, 'stdin', {
    configurable: true,
    enumerable: true,
    get() {
      if (stdin === null) {
        const net = builtin('net');
        const socket = new net.Socket({ readable: true, writable: false, manualStart: true }); // reads once listened to, as Node's
        const id = internal.register(socket);
        if (host.net().openFd(id, 0) === 0) {
          socket._attach(id);
        } else {
          internal.unregister(id);
          socket.push(null);
        }
        socket.fd = 0;
        // As Node's: a pause stops reading the descriptor (a tick later, once the stream has
        // stopped), so that a paused stdin does not keep the process alive.
        let paused = false;
        socket.on('pause', () => nextTick(() => {
          if (!socket.readableFlowing) {
            paused = true; // until 'resume': the stream's read-ahead must not start reading again
            if (socket._id && socket._reading) {
              socket._readableState.reading = false;
              socket._reading = false;
              host.net().readStop(socket._id);
            }
          }
        }));
        socket.on('resume', () => {
          paused = false;
        });
        const read = socket._read;
        socket._read = function _read(n) {
          if (!paused) {
            read.call(this, n);
          }
        };
        const kind = host.guessHandle(0);
        if (kind === 'tty') {
          socket.isTTY = true; // as tty.ReadStream's
        } else if (kind === 'file') {
          socket._silentClose = true; // Node reads a file through fs.ReadStream, autoClose off: no 'close'
        }
        stdin = socket;
      }
      return stdin;
    },
  });

  // ---------------------------------------------------------------- globals

  const timers = builtin('timers')._internal;
  globalThis.setTimeout = timers.setTimeout;
  globalThis.clearTimeout = timers.clearTimeout;
  globalThis.setInterval = timers.setInterval;
  globalThis.clearInterval = timers.clearInterval;
  globalThis.setImmediate = timers.setImmediate;
  globalThis.clearImmediate = timers.clearImmediate;
  globalThis.queueMicrotask = function queueMicrotask(callback) {
    if (typeof callback !== 'function') {
      throw codeError(TypeError, 'ERR_INVALID_ARG_TYPE',
        'The "callback" argument must be of type function. Received ' + describe(callback));
    }
    Promise.resolve().then(() => {
      try {
        callback();
      } catch (e) {
        uncaught(e);
      }
    });
  };
  globalThis.global = globalThis;
  /** A global that Node defines and a module of ours provides, loaded on first use. */
  function lazyGlobal(name, get) {
    Object.defineProperty(globalThis, name, {
      configurable: true,
      enumerable: false,
      get() {
        const value = get();
        Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
        return value;
      },
      set(value) {
        Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
      },
    });
  }
  lazyGlobal('URL', () => builtin('url').URL);
  lazyGlobal('URLSearchParams', () => builtin('url').URLSearchParams);
  lazyGlobal('TextEncoder', () => builtin('util').TextEncoder);
  lazyGlobal('performance', () => builtin('perf_hooks').performance);
  lazyGlobal('TextDecoder', () => builtin('util').TextDecoder);
  lazyGlobal('structuredClone', () => builtin('internal/structured_clone').structuredClone);
  for (const name of ['EventTarget', 'Event', 'AbortController', 'AbortSignal', 'DOMException']) {
    lazyGlobal(name, () => builtin('internal/event_target')[name]);
  }
  lazyGlobal('Buffer', () => builtin('buffer').Buffer); // an accessor in Node too
  const consoleUtil = util();
  globalThis.console = {
    log: (...args) => stdoutStream._writeText(consoleUtil.format(...args) + '\n'),
    info: (...args) => stdoutStream._writeText(consoleUtil.format(...args) + '\n'),
    debug: (...args) => stdoutStream._writeText(consoleUtil.format(...args) + '\n'),
    error: (...args) => stderrStream._writeText(consoleUtil.format(...args) + '\n'),
    warn: (...args) => stderrStream._writeText(consoleUtil.format(...args) + '\n'),
    trace: (...args) => stderrStream._writeText('Trace: ' + consoleUtil.format(...args) + '\n' + new Error().stack.split('\n').slice(1).join('\n') + '\n'),
    dir: (obj, options) => stdoutStream._writeText(consoleUtil.inspect(obj, options) + '\n'),
    assert: (value, ...args) => {
      if (!value) {
        stderrStream._writeText('Assertion failed' + (args.length ? ': ' + consoleUtil.format(...args) : '') + '\n');
      }
    },
    time: (label = 'default') => { consoleTimers.set(label, process.hrtime.bigint()); },
    timeEnd: (label = 'default') => {
      const start = consoleTimers.get(label);
      if (start !== undefined) {
        consoleTimers.delete(label);
        stdoutStream._writeText(label + ': ' + (Number(process.hrtime.bigint() - start) / 1e6).toFixed(3) + 'ms\n');
      }
    },
  };
  const consoleTimers = new Map();
  // As in Node, console is a global that `for (const k in globalThis)` does not list.
  Object.defineProperty(globalThis, 'console', { enumerable: false });

  // ---------------------------------------------------------------- CommonJS modules

  const path = builtin('path');
  const cache = Object.create(null);

  class Module {
    constructor(id, parent) {
      this.id = id;
      this.filename = id;
      this.exports = {};
      this.parent = parent;
      this.loaded = false;
      this.children = [];
      this.paths = [];
    }
  }

  function makeRequire(module) {
    function require(request) {
      if (typeof request !== 'string' || request === '') {
        throw codeError(TypeError, 'ERR_INVALID_ARG_VALUE',
          "The argument 'id' must be a non-empty string. Received " + inspect(request));
      }
      if (request.startsWith('node:') || (builtinNames.includes(request) && !request.startsWith('.'))) {
        const b = builtinNames.includes(request.startsWith('node:') ? request.slice(5) : request) ? builtin(request) : undefined;
        if (b === undefined) {
          throw codeError(Error, 'ERR_UNKNOWN_BUILTIN_MODULE', 'No such built-in module: ' + request);
        }
        return b;
      }
      const filename = resolve(request, module);
      const cached = cache[filename];
      if (cached) {
        return cached.exports;
      }
      const child = new Module(filename, module);
      module.children.push(child);
      cache[filename] = child;
      try {
        load(child);
      } catch (e) {
        delete cache[filename];
        throw e;
      }
      return child.exports;
    }
    require.resolve = (request) => builtinNames.includes(request)
      || (request.startsWith('node:') && builtinNames.includes(request.slice(5))) ? request : resolve(request, module);
    require.cache = cache;
    require.main = mainModule;
    return require;
  }

  function resolve(request, parent) {
    const base = parent ? path.dirname(parent.filename) : host.cwd();
    let found;
    if (request.startsWith('./') || request.startsWith('../') || request === '.' || request === '..' || request.startsWith('/')) {
      found = fileOrDirectory(path.resolve(base, request));
    } else {
      for (let dir = base; ; dir = path.dirname(dir)) {
        if (path.basename(dir) !== 'node_modules') {
          found = fileOrDirectory(path.join(dir, 'node_modules', request));
          if (found) {
            break;
          }
        }
        if (dir === '/') {
          break;
        }
      }
    }
    if (!found) {
      const e = codeError(Error, 'MODULE_NOT_FOUND', "Cannot find module '" + request + "'"
        + (parent ? '\nRequire stack:\n- ' + parent.filename : ''));
      e.requireStack = parent ? [parent.filename] : [];
      throw e;
    }
    return host.realpath(found);
  }

  const invalidMains = new Set(); // package.json files whose "main" named nothing, warned of

  function fileOrDirectory(p) {
    const file = withExtension(p, true);
    if (file) {
      return file;
    }
    if (host.stat(p) === 2) {
      const index = withExtension(path.join(p, 'index'), false);
      const json = path.join(p, 'package.json');
      const pkg = host.readFile(json);
      const main = pkg === null ? undefined : JSON.parse(pkg).main;
      if (typeof main === 'string' && main !== '') { // an empty "main" means index, as in Node
        // as Node's tryPackage: the file, with an extension, or its index; no package.json of its own
        const file = path.resolve(p, main);
        const m = withExtension(file, true) || withExtension(path.join(file, 'index'), false);
        if (m) {
          return m;
        }
        if (!index) {
          const e = codeError(Error, 'MODULE_NOT_FOUND', "Cannot find module '" + file
            + "'. Please verify that the package.json has a valid \"main\" entry");
          e.path = json;
          throw e;
        }
        if (!invalidMains.has(json)) { // once, as Node's resolution cache asks once
          invalidMains.add(json);
          process.emitWarning("Invalid 'main' field in '" + json + "' of '" + main
            + "'. Please either fix that or report it to the module author", 'DeprecationWarning', 'DEP0128');
        }
      }
      return index;
    }
    return undefined;
  }

  /** A file with one of the extensions require knows, or (asIs) as it is first. */
  function withExtension(f, asIs) {
    if (asIs && host.stat(f) === 1) {
      return f;
    }
    for (const ext of ['.js', '.json', '.cjs']) {
      if (host.stat(f + ext) === 1) {
        return f + ext;
      }
    }
    return undefined;
  }

  function load(module) {
    const source = host.readFile(module.filename);
    if (module.filename.endsWith('.json')) {
      try {
        module.exports = JSON.parse(source);
      } catch (e) {
        e.message = module.filename + ': ' + e.message;
        throw e;
      }
    } else {
      const body = source.startsWith('#!') ? '//' + source : source;
      const fn = host.compile('(function (exports, require, module, __filename, __dirname) {' + body + '\n})', module.filename);
      fn.call(module.exports, module.exports, makeRequire(module), module, module.filename, path.dirname(module.filename));
    }
    module.loaded = true;
  }

  let mainModule;

  function runMain(filename) {
    const real = host.realpath(filename);
    mainModule = new Module('.', null);
    mainModule.filename = real;
    cache[real] = mainModule;
    process.mainModule = mainModule;
    load(mainModule);
  }

  return dispatch;
})
