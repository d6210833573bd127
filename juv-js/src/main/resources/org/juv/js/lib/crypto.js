// crypto: hashes (createHash), HMACs (createHmac) and random values (randomBytes, randomFillSync,
// randomInt, randomUUID), plus timingSafeEqual and getHashes, on the JDK's providers through
// CryptoBinding, as Node's are on OpenSSL, and pbkdf2. Same digests, same errors. Not here:
// ciphers, signing, keys, scrypt and hkdf, Diffie-Hellman, webcrypto; Hash and Hmac are plain
// objects, not streams; pbkdf2's callback form derives on the loop thread.
'use strict';

const { Buffer } = require('buffer');
const { invalidArgType } = require('internal/errors');

const binding = internal.host.crypto();

function bytes(data, encoding, name) {
  if (typeof data === 'string') {
    return !encoding || encoding === 'utf8' || encoding === 'utf-8' ? data : Buffer.from(data, encoding);
  }
  if (ArrayBuffer.isView(data)) {
    return data;
  }
  throw invalidArgType(name, 'of type string or an instance of Buffer, TypedArray, or DataView', data);
}

// The encodings CryptoBinding.digestText writes itself (no Buffer made for an ETag's hash).
const TEXT_DIGESTS = new Set(['hex', 'base64', 'base64url', 'latin1']);

/** A finished hash's or HMAC's digest, as a Buffer or in Node's encoding. */
function digestOf(id, outputEncoding) {
  if (TEXT_DIGESTS.has(outputEncoding)) {
    return binding.digestText(id, outputEncoding);
  }
  const out = asBuffer(binding.digest(id));
  return outputEncoding && outputEncoding !== 'buffer' ? out.toString(outputEncoding) : out;
}

function asBuffer(u8) {
  return Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength);
}

function finalized() {
  return internal.codeError(Error, 'ERR_CRYPTO_HASH_FINALIZED', 'Digest already called');
}

class Hash {
  constructor(algorithm, id) {
    if (id === undefined) { // new crypto.Hash(algorithm), as createHash
      if (typeof algorithm !== 'string') {
        throw invalidArgType('algorithm', 'of type string', algorithm);
      }
      id = binding.hash(algorithm);
      if (id < 0) {
        throw new Error('Digest method not supported');
      }
    }
    this._id = id;
    this._finalized = false;
  }

  update(data, inputEncoding) {
    if (this._finalized) {
      throw finalized();
    }
    binding.update(this._id, bytes(data, inputEncoding, 'data'));
    return this;
  }

  digest(outputEncoding) {
    if (this._finalized) {
      throw finalized();
    }
    this._finalized = true;
    return digestOf(this._id, outputEncoding);
  }

  copy() {
    if (this._finalized) {
      throw finalized();
    }
    return new Hash(null, binding.copy(this._id));
  }
}

class Hmac {
  constructor(algorithm, key) {
    if (typeof algorithm !== 'string') {
      throw invalidArgType('hmac', 'of type string', algorithm);
    }
    if (key === null || key === undefined) {
      throw invalidArgType('key', 'of type string or an instance of ArrayBuffer, Buffer, TypedArray, DataView, KeyObject, or CryptoKey', key);
    }
    const id = binding.hmac(algorithm, bytes(key, undefined, 'key'));
    if (id < 0) {
      throw internal.codeError(TypeError, 'ERR_CRYPTO_INVALID_DIGEST', 'Invalid digest: ' + algorithm);
    }
    this._id = id;
    this._finalized = false;
  }

  update(data, inputEncoding) {
    if (this._finalized) {
      throw internal.codeError(Error, 'ERR_CRYPTO_HASH_FINALIZED', 'Digest already called');
    }
    binding.update(this._id, bytes(data, inputEncoding, 'data'));
    return this;
  }

  digest(outputEncoding) {
    // a second call gives an empty digest, not an error
    if (this._finalized) {
      const empty = Buffer.alloc(0);
      return !outputEncoding || outputEncoding === 'buffer' ? empty : empty.toString(outputEncoding);
    }
    this._finalized = true;
    return digestOf(this._id, outputEncoding);
  }
}

const MAX_SIZE = 2 ** 31 - 1;

function checkSize(size) {
  if (typeof size !== 'number') {
    throw invalidArgType('size', 'of type number', size);
  }
  if (!(size >= 0 && size <= MAX_SIZE) || !Number.isInteger(size)) {
    throw internal.codeError(RangeError, 'ERR_OUT_OF_RANGE',
      'The value of "size" is out of range. It must be >= 0 && <= ' + MAX_SIZE + '. Received ' + size);
  }
}

function randomBytes(size, callback) {
  checkSize(size);
  if (callback !== undefined && typeof callback !== 'function') {
    throw invalidArgType('callback', 'of type function', callback);
  }
  const out = asBuffer(binding.randomBytes(size));
  if (callback === undefined) {
    return out;
  }
  setImmediate(callback, null, out); // Node fills it on the thread pool and calls back from the loop
}

function randomFillSync(buf, offset = 0, size) {
  if (!ArrayBuffer.isView(buf) && !(buf instanceof ArrayBuffer)) {
    throw invalidArgType('buf', 'an instance of ArrayBuffer or ArrayBufferView', buf);
  }
  const view = buf instanceof ArrayBuffer ? new Uint8Array(buf) : new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  const n = size === undefined ? view.length - offset : size;
  if (offset < 0 || n < 0 || offset + n > view.length) {
    throw internal.codeError(RangeError, 'ERR_OUT_OF_RANGE', 'The value of "offset + size" is out of range.');
  }
  view.set(binding.randomBytes(n), offset);
  return buf;
}

function randomFill(buf, offset, size, callback) {
  if (typeof offset === 'function') {
    callback = offset;
    offset = 0;
    size = undefined;
  } else if (typeof size === 'function') {
    callback = size;
    size = undefined;
  }
  randomFillSync(buf, offset, size);
  setImmediate(callback, null, buf);
}

function randomUUID() {
  const b = binding.randomBytes(16);
  b[6] = (b[6] & 0x0f) | 0x40; // version 4
  b[8] = (b[8] & 0x3f) | 0x80; // RFC 4122 variant
  const hex = asBuffer(b).toString('hex');
  return hex.slice(0, 8) + '-' + hex.slice(8, 12) + '-' + hex.slice(12, 16) + '-' + hex.slice(16, 20) + '-' + hex.slice(20);
}

/** An integer in [min, max), without modulo bias (rejection sampling over 48 bits), as Node's. */
function randomInt(min, max, callback) {
  if (typeof max === 'undefined' || typeof max === 'function') {
    callback = max;
    max = min;
    min = 0;
  }
  if (!Number.isSafeInteger(min)) {
    throw invalidArgType('min', 'a safe integer', min);
  }
  if (!Number.isSafeInteger(max)) {
    throw invalidArgType('max', 'a safe integer', max);
  }
  if (max <= min) {
    throw internal.codeError(RangeError, 'ERR_OUT_OF_RANGE',
      'The value of "max" is out of range. It must be greater than the value of "min" (' + min + '). Received ' + max);
  }
  const range = max - min;
  if (range > 2 ** 48) {
    throw internal.codeError(RangeError, 'ERR_OUT_OF_RANGE',
      'The value of "max - min" is out of range. It must be <= 281474976710655. Received ' + range);
  }
  const limit = 2 ** 48 - (2 ** 48 % range);
  let x;
  do {
    x = asBuffer(binding.randomBytes(6)).readUIntBE(0, 6);
  } while (x >= limit);
  const n = min + (x % range);
  if (typeof callback !== 'function') {
    return n;
  }
  setImmediate(callback, null, n);
}

function timingSafeEqual(a, b) {
  if (!ArrayBuffer.isView(a) && !(a instanceof ArrayBuffer)) {
    throw invalidArgType('buf1', 'an instance of ArrayBuffer, Buffer, TypedArray, or DataView', a);
  }
  if (!ArrayBuffer.isView(b) && !(b instanceof ArrayBuffer)) {
    throw invalidArgType('buf2', 'an instance of ArrayBuffer, Buffer, TypedArray, or DataView', b);
  }
  const x = a instanceof ArrayBuffer ? new Uint8Array(a) : new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const y = b instanceof ArrayBuffer ? new Uint8Array(b) : new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  if (x.length !== y.length) {
    throw internal.codeError(RangeError, 'ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH', 'Input buffers must have the same byte length');
  }
  let diff = 0;
  for (let i = 0; i < x.length; i++) {
    diff |= x[i] ^ y[i];
  }
  return diff === 0;
}

function pbkdf2Sync(password, salt, iterations, keylen, digest) {
  const pw = bytes(password, undefined, 'password');
  const sa = bytes(salt, undefined, 'salt');
  if (typeof iterations !== 'number') {
    throw invalidArgType('iterations', 'of type number', iterations);
  }
  if (!(iterations >= 1 && iterations <= MAX_SIZE) || !Number.isInteger(iterations)) {
    throw internal.codeError(RangeError, 'ERR_OUT_OF_RANGE',
      'The value of "iterations" is out of range. It must be >= 1 && <= ' + MAX_SIZE + '. Received ' + iterations);
  }
  if (typeof keylen !== 'number') {
    throw invalidArgType('keylen', 'of type number', keylen);
  }
  if (!(keylen >= 0 && keylen <= MAX_SIZE) || !Number.isInteger(keylen)) {
    throw internal.codeError(RangeError, 'ERR_OUT_OF_RANGE',
      'The value of "keylen" is out of range. It must be >= 0 && <= ' + MAX_SIZE + '. Received ' + keylen);
  }
  if (typeof digest !== 'string') {
    throw invalidArgType('digest', 'of type string', digest);
  }
  const key = binding.pbkdf2(pw, sa, iterations, keylen, digest);
  if (key === null) {
    throw internal.codeError(TypeError, 'ERR_CRYPTO_INVALID_DIGEST', 'Invalid digest: ' + digest);
  }
  return asBuffer(key);
}

/** As pbkdf2Sync, called back from the check phase (Node derives on the thread pool). */
function pbkdf2(password, salt, iterations, keylen, digest, callback) {
  if (typeof digest === 'function') {
    callback = digest;
    digest = undefined;
  }
  if (typeof callback !== 'function') {
    throw invalidArgType('callback', 'of type function', callback);
  }
  const key = pbkdf2Sync(password, salt, iterations, keylen, digest);
  setImmediate(callback, null, key);
}

module.exports = {
  createHash: (algorithm, options) => new Hash(algorithm),
  createHmac: (algorithm, key, options) => new Hmac(algorithm, key),
  getHashes: () => Array.from(binding.hashes()),
  Hash,
  Hmac,
  pbkdf2,
  pbkdf2Sync,
  randomBytes,
  pseudoRandomBytes: randomBytes,
  randomFill,
  randomFillSync,
  randomInt,
  randomUUID,
  timingSafeEqual,
};
