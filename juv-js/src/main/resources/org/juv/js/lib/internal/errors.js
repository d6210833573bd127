// Node's error objects for failed system calls, built from libuv's codes as Node builds them: the
// message names the code and the call, and the properties come in Node's order (errno, code,
// syscall, then what the call was about), so console.log of an error prints what node prints.
// Only the runtime's own modules load this file (`require('internal/errors')` from a program
// looks in node_modules, as in Node).
'use strict';

const table = internal.host.errors();
const names = new Map();
const messages = new Map();
for (let i = 0; i < table.length; i += 3) {
  names.set(table[i], table[i + 1]);
  messages.set(table[i], table[i + 2]);
}

function errname(errno) {
  return names.get(errno) || 'Unknown system error ' + errno;
}

function errmessage(errno) {
  return messages.get(errno) || 'unknown error';
}

// Node keeps the stack of the call that failed; the frames of this helper are left out.
function capture(err, fn) {
  if (Error.captureStackTrace) {
    Error.captureStackTrace(err, fn);
  }
  return err;
}

/** `ENOENT: no such file or directory, open 'x'`, as Node's fs errors (uvException). */
function uvException(errno, syscall, path, dest) {
  const code = errname(errno);
  let message = code + ': ' + errmessage(errno) + ', ' + syscall;
  if (path !== undefined) {
    message += " '" + path + "'";
  }
  if (dest !== undefined) {
    message += " -> '" + dest + "'";
  }
  const err = new Error(message);
  err.errno = errno;
  err.code = code;
  err.syscall = syscall;
  if (path !== undefined) {
    err.path = path;
  }
  if (dest !== undefined) {
    err.dest = dest;
  }
  return capture(err, uvException);
}

/**
 * `connect ECONNREFUSED 127.0.0.1:1` (withMessage false) or
 * `listen EADDRINUSE: address already in use 127.0.0.1:80` (true), as Node's net errors.
 */
function exceptionWithHostPort(errno, syscall, address, port, withMessage) {
  const code = errname(errno);
  let where = '';
  if (address !== undefined && address !== null) {
    where = port !== undefined && port !== null && port > 0 ? address + ':' + port : address;
  }
  const err = new Error(syscall + ' ' + code + (withMessage ? ': ' + errmessage(errno) : '') + (where ? ' ' + where : ''));
  err.errno = errno;
  err.code = code;
  err.syscall = syscall;
  if (address !== undefined && address !== null) {
    err.address = address;
  }
  if (port !== undefined && port !== null && port > 0) {
    err.port = port;
  }
  return capture(err, exceptionWithHostPort);
}

/** `write EPIPE`, `read ECONNRESET`: a stream call's error without an address. */
function errnoException(errno, syscall) {
  const code = errname(errno);
  const err = new Error(syscall + ' ' + code);
  err.errno = errno;
  err.code = code;
  err.syscall = syscall;
  return capture(err, errnoException);
}

/** `getaddrinfo ENOTFOUND example`, as Node's dns errors (EAI_NONAME reads as ENOTFOUND). */
function dnsException(errno, syscall, hostname) {
  let code;
  if (typeof errno === 'string') {
    code = errno; // a resolver's code (ENODATA, ETIMEOUT, ...): no errno, as Node's
    errno = undefined;
  } else {
    code = errname(errno);
    if (code === 'EAI_NONAME' || code === 'EAI_NODATA') {
      code = 'ENOTFOUND';
    } else if (code.startsWith('EAI_')) {
      code = 'E' + code.slice(4);
    }
  }
  const err = new Error(syscall + ' ' + code + (hostname ? ' ' + hostname : ''));
  err.errno = errno;
  err.code = code;
  err.syscall = syscall;
  if (hostname) {
    err.hostname = hostname;
  }
  return capture(err, dnsException);
}

/**
 * Node's ERR_SYSTEM_ERROR for a failed libuv call: `A system error occurred: uv_os_getpriority
 * returned ESRCH (no such process)`, with info, errno and syscall.
 */
function systemError(errno, syscall) {
  const code = errname(errno);
  const message = errmessage(errno);
  const e = internal.codeError(Error, 'ERR_SYSTEM_ERROR',
    'A system error occurred: ' + syscall + ' returned ' + code + ' (' + message + ')');
  e.name = 'SystemError';
  e.info = { errno, code, message, syscall };
  e.errno = errno;
  e.syscall = syscall;
  return e;
}

/** Node's argument errors: `The "path" argument must be of type string. Received ...`. */
function invalidArgType(name, expected, actual) {
  return internal.codeError(TypeError, 'ERR_INVALID_ARG_TYPE',
    'The "' + name + '" argument must be ' + expected + '. Received ' + internal.describe(actual));
}

/** The value a range error shows, as Node's: integers past 2^32 with separators, the rest inspected. */
function outOfRangeReceived(v) {
  if (Number.isInteger(v) && Math.abs(v) > 2 ** 32) {
    return String(v).replace(/\B(?=(\d{3})+$)/g, '_');
  }
  return require('util').inspect(v);
}

/**
 * Node's validateInteger: a number (ERR_INVALID_ARG_TYPE, an "argument", or a "property" when the
 * name has a dot), an integer, from min to max (ERR_OUT_OF_RANGE); returns the value.
 */
function validateInteger(value, name, min, max) {
  if (typeof value !== 'number') {
    throw internal.codeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "' + name + '" '
      + (name.includes('.') ? 'property' : 'argument') + ' must be of type number. Received ' + internal.describe(value));
  }
  if (!Number.isInteger(value)) {
    throw internal.codeError(RangeError, 'ERR_OUT_OF_RANGE',
      'The value of "' + name + '" is out of range. It must be an integer. Received ' + outOfRangeReceived(value));
  }
  if (value < min || value > max) {
    throw internal.codeError(RangeError, 'ERR_OUT_OF_RANGE', 'The value of "' + name + '" is out of range. It must be >= '
      + min + ' && <= ' + max + '. Received ' + outOfRangeReceived(value));
  }
  return value;
}

/**
 * A function that throws ERR_FEATURE_UNAVAILABLE_ON_PLATFORM, for what a module has the name of
 * but juv-js cannot do yet: `what` names it as the message does, `why` says what is missing.
 */
function unavailable(name, what, why) {
  const fn = function () {
    throw internal.codeError(Error, 'ERR_FEATURE_UNAVAILABLE_ON_PLATFORM', what + ' is not available: ' + why);
  };
  Object.defineProperty(fn, 'name', { value: name });
  return fn;
}

/** Node's AbortError: what an aborted operation fails with (code ABORT_ERR, the signal's reason as cause). */
class AbortError extends Error {
  constructor(message = 'The operation was aborted', options = undefined) {
    super(message, options);
    internal.ownPrototype(this, new.target);
    this.code = 'ABORT_ERR';
    this.name = 'AbortError';
  }
}

module.exports = { AbortError, errname, errmessage, systemError, uvException, exceptionWithHostPort, errnoException, dnsException, invalidArgType,
  outOfRangeReceived, validateInteger, unavailable };
