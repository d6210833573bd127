// Deep equality, as Node's documentation states it for assert.deepStrictEqual (strict: Object.is
// for primitives, same prototypes, enumerable own symbols too) and assert.deepEqual (loose: == for
// primitives, prototypes ignored). Both: the same type tag; only enumerable own properties, and
// Errors' name, message, cause and errors always; Dates by time, RegExps by source, flags and
// lastIndex; boxed primitives as objects and by value; typed arrays and ArrayBuffers by content;
// Maps and Sets unordered; recursion stops when both sides come back into a cycle.
// util.isDeepStrictEqual and assert share it.
'use strict';

const { hasOwnProperty, propertyIsEnumerable, toString: objectToString } = Object.prototype;

function isEqual(a, b, strict, seen) {
  if (a === b) {
    return a !== 0 || !strict || Object.is(a, b);
  }
  if (strict) {
    if (typeof a !== 'object') {
      return typeof a === 'number' && Number.isNaN(a) && Number.isNaN(b);
    }
    if (typeof b !== 'object' || a === null || b === null) {
      return false;
    }
    if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) {
      return false;
    }
  } else {
    if (a === null || typeof a !== 'object') {
      if (b === null || typeof b !== 'object') {
        return a == b || (Number.isNaN(a) && Number.isNaN(b)); // eslint-disable-line eqeqeq
      }
      return false;
    }
    if (b === null || typeof b !== 'object') {
      return false;
    }
  }
  if (objectToString.call(a) !== objectToString.call(b)) {
    return false;
  }
  // Cycles: each object on the way down is numbered by the step that reached it; when both sides
  // come back to objects already on the way, they are equal if they come back to the same step.
  // (One side alone coming back goes on: {a: a} equals {a: {a: a}}, as in Node.)
  const stepA = seen.a.get(a);
  if (stepA !== undefined) {
    const stepB = seen.b.get(b);
    if (stepB !== undefined) {
      return stepA === stepB;
    }
  }
  const step = seen.steps++;
  seen.a.set(a, step);
  seen.b.set(b, step);
  try {
    return objectsEqual(a, b, strict, seen);
  } finally {
    seen.a.delete(a);
    seen.b.delete(b);
  }
}

function objectsEqual(a, b, strict, seen) {
  let skipIndices = false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) {
      return false;
    }
  } else if (a instanceof Date) {
    if (Date.prototype.getTime.call(a) !== Date.prototype.getTime.call(b)) {
      return false;
    }
  } else if (a instanceof RegExp) {
    if (a.source !== b.source || a.flags !== b.flags || a.lastIndex !== b.lastIndex) {
      return false;
    }
  } else if (a instanceof Error) {
    if (a.message !== b.message || a.name !== b.name) {
      return false;
    }
    for (const k of ['cause', 'errors']) {
      if (hasOwnProperty.call(a, k) !== hasOwnProperty.call(b, k)
          || (hasOwnProperty.call(a, k) && !isEqual(a[k], b[k], strict, seen))) {
        return false;
      }
    }
  } else if (ArrayBuffer.isView(a)) {
    if (!typedEqual(a, b, strict)) {
      return false;
    }
    skipIndices = !(a instanceof DataView);
  } else if (a instanceof ArrayBuffer || (typeof SharedArrayBuffer === 'function' && a instanceof SharedArrayBuffer)) {
    if (a.byteLength !== b.byteLength || !bytesEqual(new Uint8Array(a), new Uint8Array(b))) {
      return false;
    }
  } else if (a instanceof Set) {
    if (!(b instanceof Set) || !setEqual(a, b, strict, seen)) {
      return false;
    }
  } else if (a instanceof Map) {
    if (!(b instanceof Map) || !mapEqual(a, b, strict, seen)) {
      return false;
    }
  } else if (BOXED_TAGS.has(objectToString.call(a))) {
    const boxA = unbox(a);
    if (boxA !== undefined) {
      const boxB = unbox(b);
      if (boxB === undefined || boxA.T !== boxB.T || !Object.is(boxA.value, boxB.value)) {
        return false;
      }
    }
  }
  return keysEqual(a, b, strict, seen, skipIndices);
}

function ownKeys(o, strict, skipIndices) {
  let keys = Object.keys(o);
  if (skipIndices) {
    keys = keys.filter((k) => !/^(0|[1-9][0-9]*)$/.test(k));
  }
  if (strict) {
    for (const s of Object.getOwnPropertySymbols(o)) {
      if (propertyIsEnumerable.call(o, s)) {
        keys.push(s);
      }
    }
  }
  return keys;
}

function keysEqual(a, b, strict, seen, skipIndices) {
  const ka = ownKeys(a, strict, skipIndices);
  const kb = ownKeys(b, strict, skipIndices);
  if (ka.length !== kb.length) {
    return false;
  }
  for (const k of ka) {
    if (!propertyIsEnumerable.call(b, k)) {
      return false;
    }
  }
  for (const k of ka) {
    if (!isEqual(a[k], b[k], strict, seen)) {
      return false;
    }
  }
  return true;
}

function bytesEqual(x, y) {
  if (x.length !== y.length) {
    return false;
  }
  for (let i = 0; i < x.length; i++) {
    if (x[i] !== y[i]) {
      return false;
    }
  }
  return true;
}

function typedEqual(a, b, strict) {
  if (a.byteLength !== b.byteLength) {
    return false;
  }
  if (!strict && (a instanceof Float32Array || a instanceof Float64Array)) {
    for (let i = 0; i < a.length; i++) {
      if (a[i] !== b[i]) { // loose: 0 equals -0; NaN equals nothing
        return false;
      }
    }
    return true;
  }
  return bytesEqual(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
}

const BOXED_TAGS = new Set(['[object Number]', '[object String]', '[object Boolean]', '[object BigInt]', '[object Symbol]']);
const BOXES = [Number, String, Boolean, BigInt, Symbol].filter((T) => typeof T === 'function');

/** A boxed primitive's type and value (by its internal slot, not its prototype), or undefined. */
function unbox(v) {
  for (const T of BOXES) {
    try {
      return { T, value: T.prototype.valueOf.call(v) };
    } catch (e) {
      // not this kind of box
    }
  }
  return undefined;
}

function setEqual(a, b, strict, seen) {
  if (a.size !== b.size) {
    return false;
  }
  const unmatched = [];
  for (const v of a) {
    if (!b.has(v)) {
      unmatched.push(v);
    }
  }
  if (unmatched.length === 0) {
    return true;
  }
  const candidates = [];
  for (const v of b) {
    if (!a.has(v)) {
      candidates.push(v);
    }
  }
  for (const v of unmatched) {
    const i = candidates.findIndex((c) => isEqual(v, c, strict, seen));
    if (i < 0) {
      return false;
    }
    candidates.splice(i, 1);
  }
  return true;
}

function mapEqual(a, b, strict, seen) {
  if (a.size !== b.size) {
    return false;
  }
  const unmatched = [];
  for (const [k, v] of a) {
    if (b.has(k)) {
      if (!isEqual(v, b.get(k), strict, seen)) {
        return false;
      }
    } else {
      unmatched.push([k, v]);
    }
  }
  if (unmatched.length === 0) {
    return true;
  }
  const candidates = [];
  for (const [k, v] of b) {
    if (!a.has(k)) {
      candidates.push([k, v]);
    }
  }
  for (const [k, v] of unmatched) {
    const i = candidates.findIndex(([ck, cv]) => isEqual(k, ck, strict, seen) && isEqual(v, cv, strict, seen));
    if (i < 0) {
      return false;
    }
    candidates.splice(i, 1);
  }
  return true;
}

function newSeen() {
  return { a: new Map(), b: new Map(), steps: 0 };
}

module.exports = {
  isDeepStrictEqual: (a, b) => isEqual(a, b, true, newSeen()),
  isDeepEqual: (a, b) => isEqual(a, b, false, newSeen()),
};
