// The web platform's EventTarget, Event, AbortController, AbortSignal and DOMException, which
// Node has as globals and GraalJS does not: what timers/promises, streams and programs use of them.
'use strict';

const kListeners = Symbol('kListeners');
const kStop = Symbol('kStop');

class DOMException extends Error {
  constructor(message = '', options = 'Error') {
    super(message);
    internal.ownPrototype(this, new.target);
    const name = typeof options === 'object' && options !== null ? options.name || 'Error' : String(options);
    Object.defineProperty(this, 'name', { value: name, configurable: true, writable: true, enumerable: false });
    if (typeof options === 'object' && options !== null && 'cause' in options) {
      Object.defineProperty(this, 'cause', { value: options.cause, configurable: true, writable: true, enumerable: false });
    }
  }

  get code() {
    return { IndexSizeError: 1, InvalidCharacterError: 5, NotFoundError: 8, NotSupportedError: 9, InvalidStateError: 11, SyntaxError: 12,
      AbortError: 20, TimeoutError: 23, DataCloneError: 25 }[this.name] || 0;
  }
}

class Event {
  constructor(type, options = {}) {
    if (arguments.length === 0) {
      throw internal.codeError(TypeError, 'ERR_MISSING_ARGS', 'The "type" argument must be specified');
    }
    this._type = String(type);
    this._bubbles = !!options.bubbles;
    this._cancelable = !!options.cancelable;
    this._defaultPrevented = false;
    this._target = null;
    this._timeStamp = Number(process.hrtime.bigint()) / 1e6;
    this[kStop] = false;
  }

  get type() { return this._type; }
  get target() { return this._target; }
  get currentTarget() { return this._target; }
  get srcElement() { return this._target; }
  get bubbles() { return this._bubbles; }
  get cancelable() { return this._cancelable; }
  get defaultPrevented() { return this._cancelable && this._defaultPrevented; }
  get timeStamp() { return this._timeStamp; }
  get isTrusted() { return false; }
  preventDefault() { this._defaultPrevented = true; }
  stopPropagation() {}
  stopImmediatePropagation() { this[kStop] = true; }
  composedPath() { return this._target ? [this._target] : []; }
}

class EventTarget {
  constructor() {
    this[kListeners] = new Map();
  }

  addEventListener(type, listener, options = {}) {
    if (listener === null || listener === undefined) {
      return;
    }
    const once = typeof options === 'object' && !!options.once;
    const list = this[kListeners].get(type) || [];
    if (list.some((l) => l.listener === listener)) {
      return;
    }
    const entry = { listener, once };
    list.push(entry);
    this[kListeners].set(type, list);
    if (typeof options === 'object' && options.signal) {
      options.signal.addEventListener('abort', () => this.removeEventListener(type, listener), { once: true });
    }
  }

  removeEventListener(type, listener) {
    const list = this[kListeners].get(type);
    if (list) {
      const i = list.findIndex((l) => l.listener === listener);
      if (i >= 0) {
        list.splice(i, 1);
      }
    }
  }

  dispatchEvent(event) {
    if (!(event instanceof Event)) {
      throw internal.codeError(TypeError, 'ERR_INVALID_ARG_TYPE',
        'The "event" argument must be an instance of Event. Received ' + internal.describe(event));
    }
    event._target = this;
    const handler = this['on' + event.type];
    const list = (this[kListeners].get(event.type) || []).slice();
    if (typeof handler === 'function' && this instanceof AbortSignal) {
      list.unshift({ listener: handler, once: false });
    }
    for (const l of list) {
      if (l.once) {
        this.removeEventListener(event.type, l.listener);
      }
      try {
        if (typeof l.listener === 'function') {
          l.listener.call(this, event);
        } else if (l.listener && typeof l.listener.handleEvent === 'function') {
          l.listener.handleEvent(event);
        }
      } catch (err) {
        internal.nextTick(() => {
          throw err;
        });
      }
      if (event[kStop]) {
        break;
      }
    }
    return !event.defaultPrevented;
  }
}

function abortError() {
  return new DOMException('This operation was aborted', 'AbortError');
}

class AbortSignal extends EventTarget {
  constructor(key) {
    if (key !== kConstruct) {
      throw internal.codeError(TypeError, 'ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor');
    }
    super();
    this._aborted = false;
    this._reason = undefined;
    this.onabort = null;
  }

  get aborted() { return this._aborted; }
  get reason() { return this._reason; }

  throwIfAborted() {
    if (this._aborted) {
      throw this._reason;
    }
  }

  static abort(reason = abortError()) {
    const s = new AbortSignal(kConstruct);
    s._aborted = true;
    s._reason = reason;
    return s;
  }

  static timeout(ms) {
    const s = new AbortSignal(kConstruct);
    const t = setTimeout(() => abortSignal(s, new DOMException('The operation was aborted due to timeout', 'TimeoutError')), ms);
    t.unref();
    return s;
  }

  static any(signals) {
    const s = new AbortSignal(kConstruct);
    for (const x of signals) {
      if (x.aborted) {
        s._aborted = true;
        s._reason = x.reason;
        return s;
      }
    }
    for (const x of signals) {
      x.addEventListener('abort', () => abortSignal(s, x.reason), { once: true });
    }
    return s;
  }
}
const kConstruct = Symbol('kConstruct');

function abortSignal(signal, reason) {
  if (signal._aborted) {
    return;
  }
  signal._aborted = true;
  signal._reason = reason;
  signal.dispatchEvent(new Event('abort'));
}

class AbortController {
  constructor() {
    this._signal = new AbortSignal(kConstruct);
  }

  get signal() { return this._signal; }

  abort(reason = abortError()) {
    abortSignal(this._signal, reason);
  }
}

/** The listeners of `type` on one of these EventTargets, in order (events.getEventListeners). */
function listenersOf(target, type) {
  const list = target[kListeners] && target[kListeners].get(type);
  return list ? list.map((l) => l.listener) : [];
}

/**
 * Node's abort-signal option of a server or socket: `signal` checked (an AbortSignal, or
 * undefined for none; `name` as the error names it), then `onAbort` runs when it aborts: at once or on the next tick
 * (`deferred`, as servers do) if it already has; the listener goes with the target's 'close'.
 */
function onAbortSignal(target, signal, onAbort, deferred, name = 'options.signal') {
  if (signal === undefined) {
    return;
  }
  if (signal === null || typeof signal !== 'object' || !('aborted' in signal)) {
    throw internal.codeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "' + name + '" '
      + (name.includes('.') ? 'property' : 'argument') + ' must be an instance of AbortSignal. Received ' + internal.describe(signal));
  }
  if (signal.aborted) {
    if (deferred) {
      internal.nextTick(onAbort);
    } else {
      onAbort();
    }
    return;
  }
  signal.addEventListener('abort', onAbort, { once: true });
  target.once('close', () => signal.removeEventListener('abort', onAbort));
}

module.exports = { DOMException, Event, EventTarget, AbortSignal, AbortController, listenersOf, onAbortSignal };
