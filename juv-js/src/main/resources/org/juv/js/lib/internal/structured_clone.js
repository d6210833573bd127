// structuredClone(value, { transfer }): the HTML structured clone, as Node's global does it for
// plain data: primitives, wrapper objects, Date, RegExp, ArrayBuffer (copied, or moved when it is
// in transfer), typed arrays and DataView (over their cloned buffer), Map, Set, arrays, errors and
// plain objects (own enumerable string keys; the prototype is not kept), cycles and shared
// references included. Anything else (a function, a symbol, a Promise, a WeakMap) is a
// DataCloneError. Moving a buffer needs ArrayBuffer.prototype.transfer (ES2024), which GraalJS
// has and Rhino has not.
'use strict';

const { DOMException } = require('internal/event_target');

const ERROR_TYPES = { Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError };

function cloneError(what) {
  return new DOMException(what + ' could not be cloned.', 'DataCloneError');
}

function tagOf(value) {
  return Object.prototype.toString.call(value).slice(8, -1);
}

/** How V8 names what it cannot clone: a function or symbol by its text, an object by its tag. */
function describe(value) {
  return typeof value === 'function' || typeof value === 'symbol' ? String(value) : '#<' + tagOf(value) + '>';
}

function structuredClone(value, options) {
  if (arguments.length === 0) {
    throw internal.codeError(TypeError, 'ERR_MISSING_ARGS', 'The value argument must be specified');
  }
  if (options !== undefined && options !== null && typeof options !== 'object' && typeof options !== 'function') {
    throw internal.codeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The options argument must be either an object or undefined');
  }
  const transfer = options === undefined || options === null ? undefined : options.transfer;
  if (transfer === undefined || transfer === null) {
    return cloneValue(value, new Map(), []);
  }
  if (typeof transfer !== 'object' || typeof transfer[Symbol.iterator] !== 'function') {
    throw internal.codeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'Optional transferList argument must be an iterable');
  }
  const moving = [];
  for (const item of transfer) {
    if (!(item instanceof ArrayBuffer)) {
      throw internal.codeError(TypeError, 'ERR_INVALID_TRANSFER_OBJECT', 'Found invalid object in transferList');
    }
    if (moving.includes(item)) {
      throw new DOMException('Transfer list contains duplicate ArrayBuffer', 'DataCloneError');
    }
    if (typeof item.transfer !== 'function') {
      throw new DOMException('Moving an ArrayBuffer (ArrayBuffer.prototype.transfer) is not available on this engine',
        'DataCloneError');
    }
    moving.push(item);
  }
  // Clone first (so that a failure leaves every buffer in place), then move.
  const result = cloneValue(value, new Map(), moving);
  for (const item of moving) {
    if (item.detached !== true) {
      item.transfer();
    }
  }
  return result;
}

function cloneValue(value, memo, moving) {
  if (typeof value === 'symbol' || typeof value === 'function') {
    throw cloneError(describe(value));
  }
  if (value === null || typeof value !== 'object') {
    return value;
  }
  if (memo.has(value)) {
    return memo.get(value);
  }
  const tag = tagOf(value);
  let out;
  switch (tag) {
    case 'Boolean': case 'Number': case 'String': case 'BigInt':
      out = Object(value.valueOf());
      break;
    case 'Date':
      out = new Date(value.getTime());
      break;
    case 'RegExp':
      out = new RegExp(value.source, value.flags);
      break;
    case 'ArrayBuffer':
      if (value.detached === true) {
        if (!moving.includes(value)) {
          throw new DOMException('An ArrayBuffer is detached and could not be cloned.', 'DataCloneError');
        }
        out = new ArrayBuffer(0); // moving a detached buffer moves nothing, as V8 does
        out.transfer();
        break;
      }
      // A buffer being moved is copied here and detached when the whole clone succeeded.
      out = value.slice(0);
      break;
    case 'Map':
      out = new Map();
      memo.set(value, out);
      for (const [k, v] of value) {
        out.set(cloneValue(k, memo, moving), cloneValue(v, memo, moving));
      }
      return out;
    case 'Set':
      out = new Set();
      memo.set(value, out);
      for (const v of value) {
        out.add(cloneValue(v, memo, moving));
      }
      return out;
    case 'Array':
      out = new Array(value.length);
      memo.set(value, out);
      copyKeys(value, out, memo, moving);
      return out;
    case 'Error': {
      const Type = ERROR_TYPES[value.name] || Error;
      out = Object.create(Type.prototype);
      memo.set(value, out);
      const message = Object.getOwnPropertyDescriptor(value, 'message');
      if (message) {
        Object.defineProperty(out, 'message', { value: String(value.message), writable: true, configurable: true });
      }
      if (typeof value.stack === 'string') {
        Object.defineProperty(out, 'stack', { value: value.stack, writable: true, configurable: true });
      }
      if (Object.prototype.hasOwnProperty.call(value, 'cause')) {
        Object.defineProperty(out, 'cause', { value: cloneValue(value.cause, memo, moving), writable: true, configurable: true });
      }
      return out;
    }
    case 'Object':
      out = {};
      memo.set(value, out);
      copyKeys(value, out, memo, moving);
      return out;
    default:
      if (ArrayBuffer.isView(value)) {
        const buffer = cloneValue(value.buffer, memo, moving);
        out = tag === 'DataView' ? new DataView(buffer, value.byteOffset, value.byteLength)
          : new globalThis[tag](buffer, value.byteOffset, value.length);
        break;
      }
      throw cloneError(describe(value));
  }
  memo.set(value, out);
  return out;
}

function copyKeys(from, to, memo, moving) {
  for (const key of Object.keys(from)) {
    to[key] = cloneValue(from[key], memo, moving);
  }
}

module.exports = { structuredClone };
