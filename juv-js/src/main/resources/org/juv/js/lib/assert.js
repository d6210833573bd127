// assert: the common assertions, with Node's AssertionError shape (code ERR_ASSERTION).
'use strict';

const util = require('util');

class AssertionError extends Error {
  constructor(options) {
    super(options.message);
    this.name = 'AssertionError';
    this.code = 'ERR_ASSERTION';
    this.actual = options.actual;
    this.expected = options.expected;
    this.operator = options.operator;
    this.generatedMessage = !options.userMessage;
  }
}

function fail(actual, expected, message, operator, defaultMessage) {
  if (message instanceof Error) {
    throw message;
  }
  throw new AssertionError({
    message: message !== undefined ? message : defaultMessage,
    userMessage: message !== undefined,
    actual,
    expected,
    operator,
  });
}

function ok(value, message) {
  if (!value) {
    fail(value, true, message, '==', 'The expression evaluated to a falsy value:\n\n  assert.ok(' + util.inspect(value) + ')\n');
  }
}

const assert = ok;
assert.ok = ok;
assert.AssertionError = AssertionError;
assert.fail = (message) => fail(undefined, undefined, message === undefined ? 'Failed' : message, 'fail', 'Failed');
assert.equal = (a, b, m) => {
  if (!(a == b)) { // eslint-disable-line eqeqeq
    fail(a, b, m, '==', util.inspect(a) + ' == ' + util.inspect(b));
  }
};
assert.notEqual = (a, b, m) => {
  if (a == b) { // eslint-disable-line eqeqeq
    fail(a, b, m, '!=', util.inspect(a) + ' != ' + util.inspect(b));
  }
};
assert.strictEqual = (a, b, m) => {
  if (!Object.is(a, b)) {
    fail(a, b, m, 'strictEqual', 'Expected values to be strictly equal:\n\n' + util.inspect(a) + ' !== ' + util.inspect(b) + '\n');
  }
};
assert.notStrictEqual = (a, b, m) => {
  if (Object.is(a, b)) {
    fail(a, b, m, 'notStrictEqual', 'Expected "actual" to be strictly unequal to: ' + util.inspect(b));
  }
};
assert.deepStrictEqual = (a, b, m) => {
  if (!util.isDeepStrictEqual(a, b)) {
    fail(a, b, m, 'deepStrictEqual', 'Expected values to be strictly deep-equal:\n' + util.inspect(a) + '\n\nshould equal\n\n' + util.inspect(b));
  }
};
assert.deepEqual = assert.deepStrictEqual;
assert.notDeepStrictEqual = (a, b, m) => {
  if (util.isDeepStrictEqual(a, b)) {
    fail(a, b, m, 'notDeepStrictEqual', 'Expected "actual" not to be strictly deep-equal to: ' + util.inspect(b));
  }
};
assert.throws = (fn, expected, message) => {
  try {
    fn();
  } catch (e) {
    if (typeof expected === 'function' && expected.prototype !== undefined && !(e instanceof expected)) {
      throw e;
    }
    if (expected instanceof RegExp && !expected.test(String(e))) {
      fail(e, expected, message, 'throws', 'The error message does not match the regular expression');
    }
    if (expected && typeof expected === 'object' && !(expected instanceof RegExp)) {
      for (const k of Object.keys(expected)) {
        if (!util.isDeepStrictEqual(e[k], expected[k])) {
          fail(e, expected, message, 'throws', 'Expected values to be strictly deep-equal: ' + k);
        }
      }
    }
    return;
  }
  fail(undefined, expected, typeof expected === 'string' ? expected : message, 'throws', 'Missing expected exception.');
};
assert.doesNotThrow = (fn, message) => {
  try {
    fn();
  } catch (e) {
    fail(e, undefined, message, 'doesNotThrow', 'Got unwanted exception.\nActual message: "' + e.message + '"');
  }
};
assert.rejects = async (promiseOrFn, expected, message) => {
  try {
    await (typeof promiseOrFn === 'function' ? promiseOrFn() : promiseOrFn);
  } catch (e) {
    return;
  }
  fail(undefined, expected, message, 'rejects', 'Missing expected rejection.');
};
assert.match = (s, re, m) => {
  if (!re.test(s)) {
    fail(s, re, m, 'match', 'The input did not match the regular expression ' + re + '. Input:\n\n' + util.inspect(s) + '\n');
  }
};
assert.strict = assert;
module.exports = assert;
