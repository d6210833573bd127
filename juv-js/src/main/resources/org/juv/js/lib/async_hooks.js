// async_hooks: AsyncLocalStorage and AsyncResource, as Node has them, on the context of
// internal/async_context (the loop's callbacks, ticks, timers, immediates, I/O events, and promise
// jobs run in the context they were scheduled in). The hooks themselves (createHook,
// executionAsyncId, triggerAsyncId, executionAsyncResource) need the engine to report every
// resource's life, which neither engine does: they throw ERR_FEATURE_UNAVAILABLE_ON_PLATFORM.
'use strict';

const context = require('internal/async_context');
const { invalidArgType, unavailable } = require('internal/errors');

const TOP_LEVEL_ID = 1; // Node's id for the main script's execution
let lastAsyncId = TOP_LEVEL_ID;
let executing = TOP_LEVEL_ID; // the innermost runInAsyncScope's resource id

class AsyncResource {
  constructor(type, options = {}) {
    if (typeof type !== 'string') {
      throw invalidArgType('type', 'of type string', type);
    }
    let triggerAsyncId = options;
    if (typeof options !== 'number') {
      triggerAsyncId = options === null || options.triggerAsyncId === undefined ? executing : options.triggerAsyncId;
    }
    if (!Number.isSafeInteger(triggerAsyncId) || triggerAsyncId < -1) {
      throw internal.codeError(RangeError, 'ERR_INVALID_ASYNC_ID', 'Invalid triggerAsyncId value: ' + triggerAsyncId);
    }
    this._snapshot = new context.Snapshot();
    this._asyncId = ++lastAsyncId;
    this._triggerAsyncId = triggerAsyncId;
  }

  /** Calls fn with thisArg and args in the context this resource was created in. */
  runInAsyncScope(fn, thisArg, ...args) {
    const outer = executing;
    executing = this._asyncId;
    try {
      return this._snapshot.run(() => fn.apply(thisArg, args));
    } finally {
      executing = outer;
    }
  }

  emitDestroy() {
    return this;
  }

  asyncId() {
    return this._asyncId;
  }

  triggerAsyncId() {
    return this._triggerAsyncId;
  }

  /** fn, to be run in this resource's context: with thisArg, or with the this of each call. */
  bind(fn, thisArg) {
    if (typeof fn !== 'function') {
      throw invalidArgType('fn', 'of type function', fn);
    }
    const resource = this;
    const bound = thisArg === undefined
      ? function (...args) {
        return resource.runInAsyncScope(fn, this, ...args);
      }
      : function (...args) {
        return resource.runInAsyncScope(fn, thisArg, ...args);
      };
    Object.defineProperties(bound, {
      length: { configurable: true, enumerable: false, value: fn.length, writable: false },
      asyncResource: { configurable: true, enumerable: true, value: this, writable: true },
    });
    return bound;
  }

  static bind(fn, type, thisArg) {
    return new AsyncResource(type || (typeof fn === 'function' && fn.name) || 'bound-anonymous-fn').bind(fn, thisArg);
  }
}

// A store per context: run() gives the callback a cell of its own, which enterWith() replaces the
// store of; code outside every run() shares the storage's root cell.
class AsyncLocalStorage {
  constructor() {
    this._variable = context.variable();
    this._root = { store: undefined };
    this._enabled = true;
  }

  static bind(fn) {
    return AsyncResource.bind(fn);
  }

  /** A function that runs its argument fn(...args) in the context of this call. */
  static snapshot() {
    const snapshot = new context.Snapshot();
    return function runInAsyncScope(fn, ...args) {
      return snapshot.run(fn, ...args);
    };
  }

  disable() {
    this._enabled = false;
    this._root.store = undefined;
  }

  getStore() {
    if (!this._enabled) {
      return undefined;
    }
    const cell = this._variable.get();
    return (cell === undefined ? this._root : cell).store;
  }

  /** The store for the rest of this synchronous run and for what it schedules. */
  enterWith(store) {
    this._enabled = true;
    const cell = this._variable.get();
    (cell === undefined ? this._root : cell).store = store;
  }

  run(store, callback, ...args) {
    this._enabled = true;
    return this._variable.run({ store }, callback, ...args);
  }

  /** Runs callback outside this storage's context: getStore() gives undefined in it. */
  exit(callback, ...args) {
    return this._variable.run({ store: undefined }, callback, ...args);
  }
}

const why = 'juv-js\'s engines do not report the life of every asynchronous resource (AsyncLocalStorage and AsyncResource work)';
module.exports = {
  AsyncLocalStorage,
  AsyncResource,
  createHook: unavailable('createHook', 'async_hooks.createHook', why),
  executionAsyncId: unavailable('executionAsyncId', 'async_hooks.executionAsyncId', why),
  triggerAsyncId: unavailable('triggerAsyncId', 'async_hooks.triggerAsyncId', why),
  executionAsyncResource: unavailable('executionAsyncResource', 'async_hooks.executionAsyncResource', why),
};
