// assert: Node's assertions, with its AssertionError shape (code ERR_ASSERTION, generatedMessage,
// actual, expected, operator). throws/rejects check what was thrown as Node documents it: a class
// (instanceof), a RegExp (against the error's string), a validation function (must return true),
// or an object whose every key must match (deep-strictly, or a RegExp against a string value).
// deepEqual is the legacy loose comparison, deepStrictEqual the strict one; assert.strict (also
// require('assert/strict')) is the same module with the strict comparisons under the legacy names.
'use strict';

// The runtime's util.inspect, which a program that deletes or replaces util's own does not touch
// (Node's assert has its own too).
const inspect = internal.inspect;
const { isDeepStrictEqual, isDeepEqual } = require('internal/comparisons');
const { validateInteger } = require('internal/errors');

const NO_EXCEPTION = Symbol('no exception');

class AssertionError extends Error {
  constructor(options) {
    if (options === null || typeof options !== 'object') {
      throw invalidArgType('options', 'of type object', options);
    }
    const { message, actual, expected, operator, stackStartFn, stackStartFunction, details } = options;
    super(message !== undefined ? String(message) : inspect(actual) + ' ' + operator + ' ' + inspect(expected));
    internal.ownPrototype(this, new.target);
    this.generatedMessage = message === undefined;
    this.code = 'ERR_ASSERTION';
    if (details) {
      // several failures in one error (CallTracker's verify), each under its index
      this.actual = undefined;
      this.expected = undefined;
      this.operator = undefined;
      details.forEach((d, i) => {
        this['message ' + i] = d.message;
        this['actual ' + i] = d.actual;
        this['expected ' + i] = d.expected;
        this['operator ' + i] = d.operator;
        this['stack trace ' + i] = d.stack;
      });
    } else {
      this.actual = actual;
      this.expected = expected;
      this.operator = operator;
    }
    Object.defineProperty(this, 'name', {
      __proto__: null, value: 'AssertionError [ERR_ASSERTION]', enumerable: false, writable: true, configurable: true,
    });
    if (Error.captureStackTrace) {
      Error.captureStackTrace(this, stackStartFn || stackStartFunction);
    }
    this.stack; // eslint-disable-line no-unused-expressions -- the stack's first line names the code
    this.name = 'AssertionError';
  }

  toString() {
    return `${this.name} [${this.code}]: ${this.message}`;
  }
}

function invalidArgType(name, expected, actual) {
  return internal.codeError(TypeError, 'ERR_INVALID_ARG_TYPE',
    'The "' + name + '" argument must be ' + expected + '. Received ' + internal.describe(actual));
}

/**
 * Throws an AssertionError: the user's message if given (or the user's Error itself), else the
 * generated one, with generatedMessage saying which.
 */
function failWith(actual, expected, message, operator, generated, stackStartFn) {
  if (message instanceof Error) {
    throw message;
  }
  const err = new AssertionError({
    actual, expected, operator, message: message !== undefined ? message : generated, stackStartFn,
  });
  err.generatedMessage = message === undefined;
  throw err;
}

function ok(...args) {
  if (args.length === 0) {
    failWith(undefined, true, undefined, '==', 'No value argument passed to `assert.ok()`', ok);
  }
  if (!args[0]) {
    failWith(args[0], true, args[1], '==',
      'The expression evaluated to a falsy value:\n\n  assert.ok(' + inspect(args[0]) + ')\n', ok);
  }
}

const assert = function assert(...args) {
  if (args.length === 0) {
    failWith(undefined, true, undefined, '==', 'No value argument passed to `assert.ok()`', assert);
  }
  if (!args[0]) {
    failWith(args[0], true, args[1], '==',
      'The expression evaluated to a falsy value:\n\n  assert(' + inspect(args[0]) + ')\n', assert);
  }
};
assert.ok = ok;
assert.AssertionError = AssertionError;

let callTrackerWarned = false;

/**
 * assert.CallTracker (deprecated, DEP0173): functions that count their calls, and verify() that
 * each was called as often as expected.
 */
class CallTracker {
  constructor() {
    if (!callTrackerWarned) {
      callTrackerWarned = true;
      process.emitWarning('assert.CallTracker is deprecated.', 'DeprecationWarning', 'DEP0173');
    }
    this._tracked = new Map(); // the tracking function -> { name, expected, calls, stack }
  }

  calls(fn, expected = 1) {
    if (typeof fn === 'number') {
      expected = fn;
      fn = undefined;
    }
    if (fn === undefined) {
      fn = (0, function () {}); // a function without a name, as Node's noop
    }
    validateInteger(expected, 'expected', 1, 4294967295);
    const context = { name: fn.name || 'calls', expected, calls: [], stack: new Error() };
    const tracking = function (...args) {
      context.calls.push(Object.freeze({ thisArg: this, arguments: args }));
      return fn.apply(this, args);
    };
    Object.defineProperty(tracking, 'name', { value: fn.name, configurable: true });
    Object.defineProperty(tracking, 'length', { value: fn.length, configurable: true });
    this._tracked.set(tracking, context);
    return tracking;
  }

  _context(tracked) {
    const context = this._tracked.get(tracked);
    if (context === undefined) {
      throw internal.codeError(TypeError, 'ERR_INVALID_ARG_VALUE',
        "The argument 'tracked' is not a tracked function. Received " + inspect(tracked));
    }
    return context;
  }

  getCalls(tracked) {
    return Object.freeze(this._context(tracked).calls.slice());
  }

  reset(tracked) {
    if (tracked === undefined) {
      for (const context of this._tracked.values()) {
        context.calls = [];
      }
      return;
    }
    this._context(tracked).calls = [];
  }

  report() {
    const errors = [];
    for (const c of this._tracked.values()) {
      if (c.calls.length !== c.expected) {
        errors.push({
          message: 'Expected the ' + c.name + ' function to be executed ' + c.expected + ' time(s) but was executed '
            + c.calls.length + ' time(s).',
          actual: c.calls.length, expected: c.expected, operator: c.name, stack: c.stack,
        });
      }
    }
    return errors;
  }

  verify() {
    const errors = this.report();
    if (errors.length === 0) {
      return;
    }
    const message = errors.length === 1 ? errors[0].message : 'Functions were not called the expected number of times';
    throw new AssertionError({ message, details: errors });
  }
}
assert.CallTracker = CallTracker;

assert.fail = function fail(actual, expected, message, operator, stackStartFn) {
  const argsLen = arguments.length;
  if (argsLen === 0) {
    failWith(undefined, undefined, undefined, 'fail', 'Failed', fail);
  }
  if (argsLen === 1) {
    failWith(undefined, undefined, actual, 'fail', 'Failed', fail);
  }
  if (!warnedFail) {
    warnedFail = true;
    process.emitWarning('assert.fail() with more than one argument is deprecated. '
      + 'Please use assert.strictEqual() instead or only pass a message.', 'DeprecationWarning', 'DEP0094');
  }
  if (argsLen === 2) {
    operator = '!=';
  }
  failWith(actual, expected, message, operator === undefined ? 'fail' : operator,
    inspect(actual) + ' ' + (operator === undefined ? '!=' : operator) + ' ' + inspect(expected),
    stackStartFn || fail);
};
let warnedFail = false;

function bothNaN(a, b) {
  return Number.isNaN(a) && Number.isNaN(b);
}

assert.equal = function equal(actual, expected, message) {
  if (!(actual == expected || bothNaN(actual, expected))) { // eslint-disable-line eqeqeq
    failWith(actual, expected, message, '==', inspect(actual) + ' == ' + inspect(expected), equal);
  }
};
assert.notEqual = function notEqual(actual, expected, message) {
  if (actual == expected || bothNaN(actual, expected)) { // eslint-disable-line eqeqeq
    failWith(actual, expected, message, '!=', inspect(actual) + ' != ' + inspect(expected), notEqual);
  }
};
assert.strictEqual = function strictEqual(actual, expected, message) {
  if (!Object.is(actual, expected)) {
    failWith(actual, expected, message, 'strictEqual',
      'Expected values to be strictly equal:\n\n' + inspect(actual) + ' !== ' + inspect(expected) + '\n', strictEqual);
  }
};
assert.notStrictEqual = function notStrictEqual(actual, expected, message) {
  if (Object.is(actual, expected)) {
    failWith(actual, expected, message, 'notStrictEqual',
      'Expected "actual" to be strictly unequal to: ' + inspect(expected), notStrictEqual);
  }
};
assert.deepEqual = function deepEqual(actual, expected, message) {
  if (!isDeepEqual(actual, expected)) {
    failWith(actual, expected, message, 'deepEqual', 'Expected values to be loosely deep-equal:\n\n'
      + inspect(actual) + '\n\nshould loosely deep-equal\n\n' + inspect(expected), deepEqual);
  }
};
assert.notDeepEqual = function notDeepEqual(actual, expected, message) {
  if (isDeepEqual(actual, expected)) {
    failWith(actual, expected, message, 'notDeepEqual',
      '"actual" deepEqual "expected":\n\n' + inspect(expected), notDeepEqual);
  }
};
assert.deepStrictEqual = function deepStrictEqual(actual, expected, message) {
  if (!isDeepStrictEqual(actual, expected)) {
    failWith(actual, expected, message, 'deepStrictEqual', 'Expected values to be strictly deep-equal:\n'
      + inspect(actual) + '\n\nshould equal\n\n' + inspect(expected), deepStrictEqual);
  }
};
assert.notDeepStrictEqual = function notDeepStrictEqual(actual, expected, message) {
  if (isDeepStrictEqual(actual, expected)) {
    failWith(actual, expected, message, 'notDeepStrictEqual',
      'Expected "actual" not to be strictly deep-equal to: ' + inspect(expected), notDeepStrictEqual);
  }
};

// ------------------------------------------------------------------ throws, rejects and their negations

/** Checks a thrown value against throws()'s or rejects()'s `error` argument. */
function checkError(actual, expected, message, fn) {
  if (typeof expected !== 'function') {
    if (expected instanceof RegExp) {
      const str = String(actual);
      if (RegExp.prototype.exec.call(expected, str) === null) {
        failWith(actual, expected, message, fn.name, 'The input did not match the regular expression '
          + inspect(expected) + '. Input:\n\n' + inspect(str) + '\n', fn);
      }
      return;
    }
    if (typeof actual !== 'object' || actual === null) {
      failWith(actual, expected, message, fn.name, 'Expected values to be strictly deep-equal:\n'
        + inspect(actual) + '\n\nshould equal\n\n' + inspect(expected), fn);
    }
    const keys = Object.keys(expected);
    if (expected instanceof Error) {
      keys.push('name', 'message');
    } else if (keys.length === 0) {
      throw internal.codeError(TypeError, 'ERR_INVALID_ARG_VALUE',
        "The argument 'error' may not be an empty object. Received {}");
    }
    for (const key of keys) {
      const want = expected[key];
      if (typeof actual[key] === 'string' && want instanceof RegExp && RegExp.prototype.exec.call(want, actual[key]) !== null) {
        continue;
      }
      if (!(key in actual) || !isDeepStrictEqual(actual[key], want)) {
        failWith(actual, expected, message, fn.name, 'Expected values to be strictly deep-equal:\n+ actual - expected\n\n'
          + '+   ' + key + ': ' + inspect(actual[key]) + '\n-   ' + key + ': ' + inspect(want) + '\n', fn);
      }
    }
    return;
  }
  if (expected.prototype !== undefined && actual instanceof expected) {
    return;
  }
  if (Error.isPrototypeOf(expected)) {
    const received = actual instanceof Error
      ? (actual.constructor && actual.constructor.name) + '"\n\nError message:\n\n' + actual.message
      : inspect(actual, { depth: -1 }) + '"';
    failWith(actual, expected, message, fn.name,
      'The error is expected to be an instance of "' + expected.name + '". Received "' + received, fn);
  }
  const result = expected.call({}, actual);
  if (result !== true) {
    failWith(actual, expected, message, fn.name, 'The validation function is expected to return "true". Received ' + inspect(result)
      + (actual instanceof Error ? '\n\nCaught error:\n\n' + actual : ''), fn);
  }
}

function checkExpectedArgument(expected, message, argsLength) {
  if (typeof expected === 'string') {
    if (argsLength === 3) {
      throw invalidArgType('error', 'of type function or an instance of Error, RegExp, or Object', expected);
    }
    return { expected: undefined, message: expected };
  }
  if (expected !== undefined && expected !== null && typeof expected !== 'object' && typeof expected !== 'function') {
    throw invalidArgType('error', 'of type function or an instance of Error, RegExp, or Object', expected);
  }
  return { expected, message };
}

function missing(fn, kind, expected, message) {
  const details = (expected && expected.name ? ' (' + expected.name + ')' : '') + (message ? ': ' + message : '.');
  const err = new AssertionError({
    actual: undefined, expected, operator: fn.name, message: 'Missing expected ' + kind + details, stackStartFn: fn,
  });
  err.generatedMessage = false;
  throw err;
}

assert.throws = function throws(fn, ...rest) {
  if (typeof fn !== 'function') {
    throw invalidArgType('fn', 'of type function', fn);
  }
  const { expected, message } = checkExpectedArgument(rest[0], rest[1], rest.length + 1);
  let actual = NO_EXCEPTION;
  try {
    fn();
  } catch (e) {
    actual = e;
  }
  if (actual === NO_EXCEPTION) {
    missing(throws, 'exception', expected, message);
  }
  if (expected !== undefined) {
    checkError(actual, expected, message, throws);
  }
};

function isThenable(p) {
  return p instanceof Promise || (p !== null && typeof p === 'object' && typeof p.then === 'function'
    && typeof p.catch === 'function');
}

async function settle(promiseFn) {
  let promise;
  if (typeof promiseFn === 'function') {
    promise = promiseFn();
    if (!isThenable(promise)) {
      throw internal.codeError(TypeError, 'ERR_INVALID_RETURN_VALUE', 'Expected instance of Promise to be returned '
        + 'from the "promiseFn" function but got ' + (promise !== null && typeof promise === 'object'
          ? 'instance of ' + (promise.constructor ? promise.constructor.name : 'Object') : internal.describe(promise)) + '.');
    }
  } else if (isThenable(promiseFn)) {
    promise = promiseFn;
  } else {
    throw invalidArgType('promiseFn', 'of type function or an instance of Promise', promiseFn);
  }
  try {
    await promise;
  } catch (e) {
    return e;
  }
  return NO_EXCEPTION;
}

assert.rejects = async function rejects(promiseFn, ...rest) {
  const actual = await settle(promiseFn);
  const { expected, message } = checkExpectedArgument(rest[0], rest[1], rest.length + 1);
  if (actual === NO_EXCEPTION) {
    missing(rejects, 'rejection', expected, message);
  }
  if (expected !== undefined) {
    checkError(actual, expected, message, rejects);
  }
};

function matchesError(actual, expected) {
  if (typeof expected !== 'function') {
    if (expected instanceof RegExp) {
      return RegExp.prototype.exec.call(expected, String(actual)) !== null;
    }
    throw invalidArgType('expected', 'of type function or an instance of RegExp', expected);
  }
  if (expected.prototype !== undefined && actual instanceof expected) {
    return true;
  }
  if (Error.isPrototypeOf(expected)) {
    return false;
  }
  return expected.call({}, actual) === true;
}

function unwanted(fn, kind, actual, error, message) {
  if (typeof error === 'string') {
    message = error;
    error = undefined;
  }
  if (!error || matchesError(actual, error)) {
    const e = new AssertionError({ actual, expected: error, operator: fn.name, stackStartFn: fn,
      message: 'Got unwanted ' + kind + (message ? ': ' + message : '.') + '\nActual message: "' + (actual && actual.message) + '"' });
    e.generatedMessage = false;
    throw e;
  }
  throw actual;
}

assert.doesNotThrow = function doesNotThrow(fn, error, message) {
  if (typeof fn !== 'function') {
    throw invalidArgType('fn', 'of type function', fn);
  }
  try {
    fn();
  } catch (e) {
    unwanted(doesNotThrow, 'exception', e, error, message);
  }
};

assert.doesNotReject = async function doesNotReject(promiseFn, error, message) {
  const actual = await settle(promiseFn);
  if (actual !== NO_EXCEPTION) {
    unwanted(doesNotReject, 'rejection', actual, error, message);
  }
};

assert.ifError = function ifError(err) {
  if (err !== null && err !== undefined) {
    let message = 'ifError got unwanted exception: ';
    if (typeof err === 'object' && typeof err.message === 'string') {
      message += err.message.length === 0 && err.constructor ? err.constructor.name : err.message;
    } else {
      message += inspect(err);
    }
    const e = new AssertionError({ actual: err, expected: null, operator: 'ifError', message, stackStartFn: ifError });
    e.generatedMessage = false;
    throw e;
  }
};

function matching(fn, string, regexp, message, wanted) {
  if (!(regexp instanceof RegExp)) {
    throw invalidArgType('regexp', 'an instance of RegExp', regexp);
  }
  if (typeof string !== 'string' || (RegExp.prototype.exec.call(regexp, string) !== null) !== wanted) {
    const generated = typeof string !== 'string'
      ? 'The "string" argument must be of type string. Received type ' + typeof string + ' (' + inspect(string) + ')'
      : (wanted ? 'The input did not match the regular expression ' : 'The input was expected to not match the regular expression ')
        + inspect(regexp) + '. Input:\n\n' + inspect(string) + '\n';
    failWith(string, regexp, message, fn.name, generated, fn);
  }
}

assert.match = function match(string, regexp, message) {
  matching(match, string, regexp, message, true);
};
assert.doesNotMatch = function doesNotMatch(string, regexp, message) {
  matching(doesNotMatch, string, regexp, message, false);
};

// ------------------------------------------------------------------ strict mode

const strict = function strict(...args) {
  if (args.length === 0) {
    failWith(undefined, true, undefined, '==', 'No value argument passed to `assert.ok()`', strict);
  }
  if (!args[0]) {
    failWith(args[0], true, args[1], '==',
      'The expression evaluated to a falsy value:\n\n  assert(' + inspect(args[0]) + ')\n', strict);
  }
};
Object.assign(strict, assert, {
  equal: assert.strictEqual,
  deepEqual: assert.deepStrictEqual,
  notEqual: assert.notStrictEqual,
  notDeepEqual: assert.notDeepStrictEqual,
});
assert.strict = strict;
strict.strict = strict;
module.exports = assert;
