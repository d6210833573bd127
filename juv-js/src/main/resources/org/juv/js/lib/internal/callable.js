// Node's constructors are functions: net.Server(listener) and net.Socket() work without `new`.
// juv-js writes some of them as classes; callable(C) gives a function that stands for the class
// everywhere (same prototype, `instanceof`, `constructor`, statics, `class X extends`) and, called
// without `new`, constructs one.
'use strict';

module.exports = function callable(C) {
  const F = {
    // a function expression, not a method: only it can be called with `new`; it takes C's name
    [C.name]: function (...args) {
      return Reflect.construct(C, args, new.target || F);
    },
  }[C.name];
  Object.defineProperty(F, 'prototype', { value: C.prototype, writable: false });
  Object.defineProperty(F, 'name', { value: C.name }); // the ES5 build for Rhino loses a computed name
  Object.defineProperty(F, 'length', { value: C.length });
  Object.defineProperty(C.prototype, 'constructor', { value: F, writable: true, configurable: true });
  Object.setPrototypeOf(F, Object.getPrototypeOf(C));
  for (const key of Reflect.ownKeys(C)) {
    if (key !== 'prototype' && key !== 'name' && key !== 'length') {
      Object.defineProperty(F, key, Object.getOwnPropertyDescriptor(C, key));
    }
  }
  return F;
};
