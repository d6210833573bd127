// The asynchronous context that AsyncLocalStorage and AsyncResource carry from the code that
// schedules a callback to the callback: a Variable holds a value for the duration of run(), a
// Snapshot captures every Variable's value and restores them for the duration of its run(), as the
// TC39 AsyncContext proposal has them.
//
// On GraalJS these are the engine's own (option js.async-context): promise jobs, `await`
// included, run in the context of the code that registered them, as under Node. Rhino has no such
// thing, so this file keeps the context itself, and promise reactions get theirs from then()
// (Rhino's scripts have no `await` to miss). Either way the loop's callbacks (ticks, timers,
// immediates, I/O events) are run in the context captured when they were scheduled, through
// capture() below, by bootstrap and the lib modules.
'use strict';

let Variable;
let Snapshot;
let patchThen; // Rhino: makes promise reactions keep their context
let used = false; // no Variable yet: every context is the empty one, and capture() skips the snapshot

const engine = internal.engineAsyncContext;
if (engine) {
  Variable = engine.Variable;
  Snapshot = engine.Snapshot;
} else {
  let current = new Map(); // Variable -> value; replaced, never changed in place

  Variable = class Variable {
    run(value, fn, ...args) {
      const before = current;
      current = new Map(before);
      current.set(this, value);
      try {
        return fn(...args);
      } finally {
        current = before;
      }
    }

    get() {
      return current.get(this);
    }
  };

  Snapshot = class Snapshot {
    constructor() {
      this._context = current;
    }

    run(fn, ...args) {
      const before = current;
      current = this._context;
      try {
        return fn(...args);
      } finally {
        current = before;
      }
    }
  };

  // A reaction runs in the context then() was called in, as a promise job does under Node;
  // installed with the first Variable, so that a program without one pays nothing.
  patchThen = () => {
    const original = Promise.prototype.then;
    const inContext = (context, fn) => (typeof fn !== 'function' || context.size === 0 ? fn : function (value) {
      const before = current;
      current = context;
      try {
        return fn(value);
      } finally {
        current = before;
      }
    });
    Object.defineProperty(Promise.prototype, 'then', {
      value: function then(onFulfilled, onRejected) {
        return original.call(this, inContext(current, onFulfilled), inContext(current, onRejected));
      },
      writable: true,
      configurable: true,
      enumerable: false,
    });
  };
}

/** A new Variable; from the first one on, capture() takes snapshots. */
function variable() {
  if (!used && patchThen) {
    patchThen();
  }
  used = true;
  return new Variable();
}

/**
 * The current context, for a callback the loop will run later; undefined while no Variable exists
 * (the context is then the empty one, which is also where the loop's callbacks start).
 */
function capture() {
  return used ? new Snapshot() : undefined;
}

module.exports = { variable, capture, Snapshot };
