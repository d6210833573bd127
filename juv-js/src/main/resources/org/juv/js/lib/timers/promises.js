// timers/promises: setTimeout, setImmediate and setInterval as promises and an async iterator,
// with Node's `signal` (an AbortSignal rejects with an AbortError) and `ref` options.
'use strict';

const timers = require('timers');

function abortError(signal) {
  const err = new Error('The operation was aborted');
  err.name = 'AbortError';
  err.code = 'ABORT_ERR';
  if (signal && signal.reason !== undefined) {
    err.cause = signal.reason;
  }
  return err;
}

function checkOptions(options) {
  if (options === null || typeof options !== 'object') {
    throw internal.codeError(TypeError, 'ERR_INVALID_ARG_TYPE',
      'The "options" argument must be of type object. Received ' + internal.describe(options));
  }
}

function later(schedule, cancel, value, options = {}) {
  checkOptions(options);
  const { signal, ref = true } = options;
  if (signal && signal.aborted) {
    return Promise.reject(abortError(signal));
  }
  return new Promise((resolve, reject) => {
    let onAbort;
    const handle = schedule(() => {
      if (signal) {
        signal.removeEventListener('abort', onAbort);
      }
      resolve(value);
    });
    if (!ref && handle.unref) {
      handle.unref();
    }
    if (signal) {
      onAbort = () => {
        cancel(handle);
        reject(abortError(signal));
      };
      signal.addEventListener('abort', onAbort, { once: true });
    }
  });
}

function setTimeout(after, value, options) {
  return later((fn) => timers.setTimeout(fn, after), timers.clearTimeout, value, options);
}

function setImmediate(value, options) {
  return later((fn) => timers.setImmediate(fn), timers.clearImmediate, value, options);
}

async function* setInterval(after, value, options = {}) {
  checkOptions(options);
  const { signal, ref = true } = options;
  if (signal && signal.aborted) {
    throw abortError(signal);
  }
  let pending = 0;
  let wake = null;
  const handle = timers.setInterval(() => {
    pending++;
    if (wake) {
      wake();
      wake = null;
    }
  }, after);
  if (!ref) {
    handle.unref();
  }
  let onAbort;
  if (signal) {
    onAbort = () => {
      if (wake) {
        wake();
        wake = null;
      }
    };
    signal.addEventListener('abort', onAbort, { once: true });
  }
  try {
    for (;;) {
      if (pending === 0) {
        await new Promise((resolve) => (wake = resolve));
      }
      if (signal && signal.aborted) {
        throw abortError(signal);
      }
      pending--;
      yield value;
    }
  } finally {
    timers.clearInterval(handle);
    if (signal) {
      signal.removeEventListener('abort', onAbort);
    }
  }
}

const scheduler = {
  wait: (delay, options) => setTimeout(delay, undefined, options),
  yield: () => setImmediate(),
};

module.exports = { setTimeout, setImmediate, setInterval, scheduler };
