// timers: setTimeout, setInterval and setImmediate as Node has them. Each Timeout is one juv timer
// (the host's), so timers fire in libuv's order, (due time, start order), and each callback is its
// own call from the loop, with the nextTick queue and the promise jobs run after it. Immediates run
// from a check handle after each poll: those queued when the check phase starts, one call each.
'use strict';

const host = internal.host;
const asyncContext = require('internal/async_context');
const TIMEOUT_MAX = 2 ** 31 - 1;
const active = new Map(); // id -> Timeout
let nextId = 0;

class Timeout {
  constructor(callback, after, args, repeat) {
    after *= 1;
    if (!(after >= 1 && after <= TIMEOUT_MAX)) {
      if (after > TIMEOUT_MAX) {
        process.emitWarning(after + ' does not fit into a 32-bit signed integer.'
          + '\nTimeout duration was set to 1.', 'TimeoutOverflowWarning');
      }
      after = 1;
    }
    this._idleTimeout = after;
    this._onTimeout = callback;
    this._timerArgs = args;
    this._context = asyncContext.capture();
    this._repeat = repeat ? after : null;
    this._destroyed = false;
    this._ref = true;
    this._id = ++nextId;
    active.set(this._id, this);
    host.timerStart(this._id, Math.trunc(after));
  }

  ref() {
    if (!this._destroyed && active.get(this._id) === this) { // called on another object: nothing to do, as in Node
      this._ref = true;
      host.timerRef(this._id, true);
    }
    return this;
  }

  unref() {
    if (!this._destroyed && active.get(this._id) === this) {
      this._ref = false;
      host.timerRef(this._id, false);
    }
    return this;
  }

  hasRef() {
    return this._ref;
  }

  refresh() {
    if (!this._destroyed) {
      this._refreshed = true;
      host.timerStart(this._id, Math.trunc(this._idleTimeout));
    }
    return this;
  }

  close() {
    clearTimeout(this);
    return this;
  }

  [Symbol.toPrimitive]() {
    return this._id;
  }
}

function checkCallback(callback) {
  if (typeof callback !== 'function') {
    throw internal.codeError(TypeError, 'ERR_INVALID_ARG_TYPE',
      'The "callback" argument must be of type function. Received ' + internal.describe(callback));
  }
}

function setTimeout(callback, after, ...args) {
  checkCallback(callback);
  return new Timeout(callback, after, args, false);
}

function setInterval(callback, repeat, ...args) {
  checkCallback(callback);
  return new Timeout(callback, repeat, args, true);
}

function clearTimeout(timer) {
  let t = timer;
  if (typeof timer === 'number' || typeof timer === 'string') {
    t = active.get(Number(timer));
  }
  if (t instanceof Timeout && !t._destroyed) {
    t._destroyed = true;
    active.delete(t._id);
    host.timerClose(t._id);
  }
}

// As Node's timer list: whether the timer goes on is decided after its callback, which may have
// cleared it, refreshed it (it runs again), or given it a _repeat (a timeout becomes an interval).
function fire(id) {
  const t = active.get(id);
  if (t === undefined) {
    return;
  }
  if (typeof t._onTimeout !== 'function') { // cleared by hand (timer._onTimeout = null): dropped, as Node's
    t._destroyed = true;
    active.delete(id);
    host.timerClose(id);
    return;
  }
  t._refreshed = false;
  try {
    if (t._context === undefined) {
      t._onTimeout(...t._timerArgs);
    } else {
      t._context.run(() => t._onTimeout(...t._timerArgs));
    }
  } finally {
    if (t._destroyed) {
      // cleared by its callback
    } else if (t._repeat && t._idleTimeout !== -1) { // _idleTimeout -1: unenrolled by hand
      t._idleTimeout = t._repeat;
      host.timerStart(id, Math.trunc(t._repeat)); // from now, as Node restarts an interval after its callback
    } else if (!t._refreshed) {
      t._destroyed = true;
      active.delete(id);
      host.timerClose(id);
    }
  }
}

// ---------------------------------------------------------------- immediates

class Immediate {
  constructor(callback, args) {
    this._onImmediate = callback;
    this._argv = args;
    this._context = asyncContext.capture();
    this._destroyed = false;
    this._ref = true;
  }

  ref() {
    if (!this._ref && !this._destroyed) {
      this._ref = true;
      refCount++;
      update();
    }
    return this;
  }

  unref() {
    if (this._ref && !this._destroyed) {
      this._ref = false;
      refCount--;
      update();
    }
    return this;
  }

  hasRef() {
    return this._ref;
  }
}

let queue = [];
let running = [];
let runningAt = 0;
let count = 0;
let refCount = 0;

function update() {
  host.immediates(count, refCount);
}

function setImmediate(callback, ...args) {
  checkCallback(callback);
  const i = new Immediate(callback, args);
  queue.push(i);
  count++;
  refCount++;
  if (count === 1 || refCount === 1) {
    update();
  }
  return i;
}

function clearImmediate(immediate) {
  if (immediate instanceof Immediate && !immediate._destroyed) {
    immediate._destroyed = true;
    count--;
    if (immediate._ref) {
      refCount--;
    }
    update();
  }
}

/** The check phase begins: the immediates queued so far run now; later ones next iteration. */
function startImmediates() {
  running = queue;
  runningAt = 0;
  queue = [];
  return running.length;
}

function nextImmediate() {
  const i = running[runningAt];
  running[runningAt++] = undefined;
  if (runningAt === running.length) {
    running = [];
    runningAt = 0;
  }
  if (i === undefined || i._destroyed) {
    return;
  }
  i._destroyed = true;
  count--;
  if (i._ref) {
    refCount--;
  }
  if (count === 0 || refCount === 0) {
    update();
  }
  if (i._context === undefined) {
    i._onImmediate(...i._argv);
  } else {
    i._context.run(() => i._onImmediate(...i._argv));
  }
}

// ---------------------------------------------------------------- enroll (deprecated, Node's)

// timers.enroll(item, ms) gives any object with an _onTimeout a timeout of its own; active(item)
// starts it (again), _unrefActive(item) starts it unreferenced, unenroll(item) stops it. Each
// start is a Timeout of this module's, so the item's timer fires in libuv's order with the rest.
const kEnrolled = Symbol('enrolled');

function stopEnrolled(item) {
  const t = item[kEnrolled];
  if (t !== undefined) {
    delete item[kEnrolled];
    clearTimeout(t);
  }
}

function enroll(item, msecs) {
  if (typeof msecs !== 'number') {
    throw internal.codeError(TypeError, 'ERR_INVALID_ARG_TYPE',
      'The "msecs" argument must be of type number. Received ' + internal.describe(msecs));
  }
  if (!(msecs >= 0 && msecs !== Infinity)) {
    throw internal.codeError(RangeError, 'ERR_OUT_OF_RANGE',
      'The value of "msecs" is out of range. It must be a non-negative finite number. Received ' + msecs);
  }
  stopEnrolled(item);
  item._idleTimeout = Math.min(msecs, TIMEOUT_MAX);
}

function unenroll(item) {
  if (item instanceof Timeout) {
    clearTimeout(item); // a timer of setTimeout's or setInterval's
  }
  stopEnrolled(item);
  item._idleTimeout = -1;
}

function startEnrolled(item, ref) {
  stopEnrolled(item);
  const ms = item._idleTimeout;
  if (ms === undefined || ms < 0) {
    return;
  }
  const t = new Timeout(function enrolled() {
    delete item[kEnrolled];
    item._onTimeout();
  }, ms, [], false);
  if (!ref) {
    t.unref();
  }
  item[kEnrolled] = t;
}

function deprecated(fn, message, code) {
  let warned = false;
  return function (...args) {
    if (!warned) {
      warned = true;
      process.emitWarning(message, 'DeprecationWarning', code);
    }
    return fn(...args);
  };
}

/** The timers and immediates that keep the process alive: process.getActiveResourcesInfo's counts. */
function refedCounts() {
  let timeouts = 0;
  for (const t of active.values()) {
    if (t._ref) {
      timeouts++;
    }
  }
  return [timeouts, refCount];
}

module.exports = {
  setTimeout,
  clearTimeout,
  setInterval,
  clearInterval: clearTimeout,
  setImmediate,
  clearImmediate,
  enroll: deprecated(enroll, 'timers.enroll() is deprecated. Please use setTimeout instead.', 'DEP0095'),
  unenroll: deprecated(unenroll, 'timers.unenroll() is deprecated. Please use clearTimeout instead.', 'DEP0096'),
  active: deprecated((item) => startEnrolled(item, true),
    'timers.active() is deprecated. Please use timeout.refresh() instead.', 'DEP0126'),
  _unrefActive: deprecated((item) => startEnrolled(item, false),
    'timers._unrefActive() is deprecated. Please use timeout.refresh() instead.', 'DEP0127'),
};
Object.defineProperty(module.exports, 'promises', { enumerable: true, get: () => require('timers/promises') });
Object.defineProperty(module.exports, '_internal', {
  enumerable: false,
  value: {
    setTimeout, clearTimeout, setInterval, clearInterval: clearTimeout, setImmediate, clearImmediate, fire,
    startImmediates, nextImmediate, refedCounts,
  },
});
