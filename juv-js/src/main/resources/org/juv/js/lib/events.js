// events: EventEmitter as Node's, with its rules for 'error', 'newListener' and 'removeListener'.
'use strict';

const kCapture = Symbol('kCapture');

function EventEmitter(opts) {
  EventEmitter.init.call(this, opts);
}

EventEmitter.prototype._events = undefined;
EventEmitter.prototype._eventsCount = 0;
EventEmitter.prototype._maxListeners = undefined;

let defaultMaxListeners = 10;
Object.defineProperty(EventEmitter, 'defaultMaxListeners', {
  enumerable: true,
  get() { return defaultMaxListeners; },
  set(n) {
    if (typeof n !== 'number' || n < 0 || Number.isNaN(n)) {
      throw internal.codeError(RangeError, 'ERR_OUT_OF_RANGE',
        'The value of "defaultMaxListeners" is out of range. It must be a non-negative number. Received ' + n);
    }
    defaultMaxListeners = n;
  },
});
EventEmitter.errorMonitor = Symbol('events.errorMonitor');
EventEmitter.captureRejections = false;

EventEmitter.init = function init() {
  if (this._events === undefined || this._events === Object.getPrototypeOf(this)._events) {
    this._events = Object.create(null);
    this._eventsCount = 0;
  }
  this._maxListeners = this._maxListeners || undefined;
};

function checkListener(listener) {
  if (typeof listener !== 'function') {
    throw internal.codeError(TypeError, 'ERR_INVALID_ARG_TYPE',
      'The "listener" argument must be of type function. Received ' + internal.describe(listener));
  }
}

function checkMaxListeners(n) {
  if (typeof n !== 'number' || n < 0 || Number.isNaN(n)) {
    throw internal.codeError(RangeError, 'ERR_OUT_OF_RANGE',
      'The value of "setMaxListeners" is out of range. It must be >= 0. Received ' + require('util').inspect(n));
  }
}

EventEmitter.prototype.setMaxListeners = function setMaxListeners(n) {
  checkMaxListeners(n);
  this._maxListeners = n;
  return this;
};

EventEmitter.prototype.getMaxListeners = function getMaxListeners() {
  return this._maxListeners === undefined ? defaultMaxListeners : this._maxListeners;
};

EventEmitter.prototype.emit = function emit(type, ...args) {
  const events = this._events;
  if (type === 'error' && events !== undefined && events[EventEmitter.errorMonitor] !== undefined) {
    this.emit(EventEmitter.errorMonitor, ...args);
  }
  const handler = events === undefined ? undefined : events[type];
  if (handler === undefined) {
    if (type === 'error') {
      const er = args[0];
      if (er instanceof Error) {
        throw er; // unhandled 'error' event
      }
      let shown;
      try {
        shown = require('util').inspect(er);
      } catch (e) {
        shown = String(er);
      }
      const err = internal.codeError(Error, 'ERR_UNHANDLED_ERROR', 'Unhandled error. (' + shown + ')');
      err.context = er;
      throw err;
    }
    return false;
  }
  if (typeof handler === 'function') {
    handler.apply(this, args);
  } else {
    const listeners = handler.slice();
    for (let i = 0; i < listeners.length; i++) {
      listeners[i].apply(this, args);
    }
  }
  return true;
};

function addListener(target, type, listener, prepend) {
  checkListener(listener);
  let events = target._events;
  if (events === undefined) {
    events = target._events = Object.create(null);
    target._eventsCount = 0;
  } else if (events.newListener !== undefined) {
    target.emit('newListener', type, listener.listener ? listener.listener : listener);
    events = target._events;
  }
  const existing = events[type];
  if (existing === undefined) {
    events[type] = listener;
    target._eventsCount++;
  } else if (typeof existing === 'function') {
    events[type] = prepend ? [listener, existing] : [existing, listener];
  } else if (prepend) {
    existing.unshift(listener);
  } else {
    existing.push(listener);
  }
  const list = events[type];
  // the emitter's own limit, as Node reads it (EventEmitter.prototype.on may be called on any object)
  const max = target._maxListeners === undefined ? defaultMaxListeners : target._maxListeners;
  if (Array.isArray(list) && max > 0 && list.length > max && !list.warned) {
    list.warned = true;
    process.emitWarning('Possible EventEmitter memory leak detected. ' + list.length + ' ' + String(type)
      + ' listeners added to ' + (target.constructor && target.constructor.name || 'EventEmitter')
      + '. Use emitter.setMaxListeners() to increase limit', 'MaxListenersExceededWarning');
  }
  return target;
}

EventEmitter.prototype.addListener = function on(type, listener) {
  return addListener(this, type, listener, false);
};
Object.defineProperty(EventEmitter.prototype.addListener, 'name', { value: 'addListener' });
EventEmitter.prototype.on = EventEmitter.prototype.addListener;
EventEmitter.prototype.prependListener = function prependListener(type, listener) {
  return addListener(this, type, listener, true);
};

function onceWrapper(target, type, listener) {
  const state = { fired: false, target, type, listener };
  function wrapped(...args) {
    if (!state.fired) {
      state.target.removeListener(state.type, wrapped);
      state.fired = true;
      return state.listener.apply(state.target, args);
    }
    return undefined;
  }
  wrapped.listener = listener;
  return wrapped;
}

EventEmitter.prototype.once = function once(type, listener) {
  checkListener(listener);
  this.on(type, onceWrapper(this, type, listener));
  return this;
};
EventEmitter.prototype.prependOnceListener = function prependOnceListener(type, listener) {
  checkListener(listener);
  this.prependListener(type, onceWrapper(this, type, listener));
  return this;
};

EventEmitter.prototype.removeListener = function removeListener(type, listener) {
  checkListener(listener);
  const events = this._events;
  if (events === undefined) {
    return this;
  }
  const list = events[type];
  if (list === undefined) {
    return this;
  }
  if (list === listener || list.listener === listener) {
    if (--this._eventsCount === 0) {
      this._events = Object.create(null);
    } else {
      delete events[type];
    }
    if (events.removeListener !== undefined) {
      this.emit('removeListener', type, list.listener || listener);
    }
  } else if (typeof list !== 'function') {
    for (let i = list.length - 1; i >= 0; i--) {
      if (list[i] === listener || list[i].listener === listener) {
        const removed = list[i];
        list.splice(i, 1);
        if (list.length === 1) {
          events[type] = list[0];
        }
        if (events.removeListener !== undefined) {
          this.emit('removeListener', type, removed.listener || listener);
        }
        break;
      }
    }
  }
  return this;
};
EventEmitter.prototype.off = EventEmitter.prototype.removeListener;

EventEmitter.prototype.removeAllListeners = function removeAllListeners(type) {
  const events = this._events;
  if (events === undefined) {
    return this;
  }
  if (events.removeListener === undefined) {
    if (arguments.length === 0) {
      this._events = Object.create(null);
      this._eventsCount = 0;
    } else if (events[type] !== undefined) {
      if (--this._eventsCount === 0) {
        this._events = Object.create(null);
      } else {
        delete events[type];
      }
    }
    return this;
  }
  if (arguments.length === 0) {
    for (const key of Reflect.ownKeys(events)) {
      if (key !== 'removeListener') {
        this.removeAllListeners(key);
      }
    }
    this.removeAllListeners('removeListener');
    this._events = Object.create(null);
    this._eventsCount = 0;
    return this;
  }
  const listeners = events[type];
  if (typeof listeners === 'function') {
    this.removeListener(type, listeners);
  } else if (listeners !== undefined) {
    for (let i = listeners.length - 1; i >= 0; i--) {
      this.removeListener(type, listeners[i]);
    }
  }
  return this;
};

function listeners(target, type, unwrap) {
  const events = target._events;
  const list = events === undefined ? undefined : events[type];
  if (list === undefined) {
    return [];
  }
  if (typeof list === 'function') {
    return unwrap ? [list.listener || list] : [list];
  }
  return unwrap ? list.map((l) => l.listener || l) : list.slice();
}

EventEmitter.prototype.listeners = function (type) {
  return listeners(this, type, true);
};
EventEmitter.prototype.rawListeners = function (type) {
  return listeners(this, type, false);
};
Object.defineProperty(EventEmitter.prototype.listeners, 'name', { value: 'listeners' });
Object.defineProperty(EventEmitter.prototype.rawListeners, 'name', { value: 'rawListeners' });
EventEmitter.prototype.listenerCount = function listenerCount(type, listener) {
  const events = this._events;
  const list = events === undefined ? undefined : events[type];
  if (list === undefined) {
    return 0;
  }
  const all = typeof list === 'function' ? [list] : list;
  // with a listener: how many times that one is registered (a once() wrapper counts as its listener)
  return listener === undefined || listener === null ? all.length
    : all.filter((l) => l === listener || l.listener === listener).length;
};
EventEmitter.listenerCount = (emitter, type) => emitter.listenerCount(type);
EventEmitter.prototype.eventNames = function eventNames() {
  return this._eventsCount > 0 ? Reflect.ownKeys(this._events) : [];
};

EventEmitter.once = function once(emitter, name) {
  if (!(emitter instanceof EventEmitter) && emitter !== null && typeof emitter === 'object'
      && typeof emitter.addEventListener === 'function') {
    // an EventTarget: resolves with [event], once
    return new Promise((resolve) => emitter.addEventListener(name, (...args) => resolve(args), { once: true }));
  }
  return new Promise((resolve, reject) => {
    const onError = (err) => {
      emitter.removeListener(name, resolver);
      reject(err);
    };
    const resolver = (...args) => {
      if (name !== 'error') {
        emitter.removeListener('error', onError);
      }
      resolve(args);
    };
    emitter.once(name, resolver);
    if (name !== 'error') {
      emitter.once('error', onError);
    }
  });
};

// events.getMaxListeners / setMaxListeners / getEventListeners, for emitters (an EventTarget's
// limit is kept too: juv-js's EventTarget does not warn, as Node's does past it).
const kMaxEventTargetListeners = Symbol('events.maxEventTargetListeners');

function isEventTarget(t) {
  return t !== null && typeof t === 'object' && typeof t.addEventListener === 'function'
    && typeof t.dispatchEvent === 'function';
}

function checkEmitterOrTarget(t) {
  if (!(t instanceof EventEmitter) && !isEventTarget(t)) {
    throw internal.codeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "emitter" argument must be an instance of '
      + 'EventEmitter or EventTarget. Received ' + internal.describe(t));
  }
}

EventEmitter.getMaxListeners = function getMaxListeners(emitterOrTarget) {
  checkEmitterOrTarget(emitterOrTarget);
  if (emitterOrTarget instanceof EventEmitter) {
    return emitterOrTarget.getMaxListeners();
  }
  const n = emitterOrTarget[kMaxEventTargetListeners];
  return n === undefined ? defaultMaxListeners : n;
};

EventEmitter.setMaxListeners = function setMaxListeners(n = defaultMaxListeners, ...targets) {
  checkMaxListeners(n);
  if (targets.length === 0) {
    defaultMaxListeners = n;
    return;
  }
  for (const t of targets) {
    checkEmitterOrTarget(t);
    if (t instanceof EventEmitter) {
      t.setMaxListeners(n);
    } else {
      t[kMaxEventTargetListeners] = n;
    }
  }
};

EventEmitter.getEventListeners = function getEventListeners(emitter, type) {
  if (emitter instanceof EventEmitter) {
    return emitter.listeners(type);
  }
  checkEmitterOrTarget(emitter);
  return require('internal/event_target').listenersOf(emitter, type);
};

EventEmitter.EventEmitter = EventEmitter;
EventEmitter.usingDomains = false;
EventEmitter[kCapture] = false;
module.exports = EventEmitter;
