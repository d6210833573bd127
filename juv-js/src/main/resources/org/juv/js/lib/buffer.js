// buffer: Buffer as a Uint8Array subclass, as in Node: from/alloc/concat, toString and write in
// utf8, hex, base64, latin1 and ascii, slice/subarray sharing memory, equals/compare, the
// integer readers and writers.
'use strict';

const host = internal.host;
const { invalidArgType, outOfRangeReceived, validateInteger } = require('internal/errors');
const kMaxLength = 2 ** 32;

function normalizeEncoding(enc) {
  if (enc === undefined || enc === null) {
    return 'utf8';
  }
  const e = String(enc).toLowerCase();
  switch (e) {
    case 'utf8': case 'utf-8': return 'utf8';
    case 'hex': return 'hex';
    case 'base64': return 'base64';
    case 'base64url': return 'base64url';
    case 'latin1': case 'binary': return 'latin1';
    case 'ascii': return 'ascii';
    case 'ucs2': case 'ucs-2': case 'utf16le': case 'utf-16le': return 'utf16le';
    default: throw internal.codeError(TypeError, 'ERR_UNKNOWN_ENCODING', 'Unknown encoding: ' + enc);
  }
}

class FastBuffer extends Uint8Array {
  // What a typed array's species-creating methods (slice, subarray, map) call: never through
  // Uint8Array's constructor, which an engine without classes cannot call on `this`.
  constructor(arg, encodingOrOffset, length) {
    return typeof arg === 'number' ? Buffer.alloc(arg) : Buffer.from(arg, encodingOrOffset, length);
  }

  static from(value, encodingOrOffset, length) {
    if (typeof value === 'string') {
      return fromString(value, encodingOrOffset);
    }
    if (isAnyArrayBuffer(value)) {
      // Node's fromArrayBuffer: numbers as given (NaN is 0), a length of 0 or less is 0.
      let offset = encodingOrOffset === undefined ? 0 : +encodingOrOffset;
      if (Number.isNaN(offset)) {
        offset = 0;
      }
      const room = value.byteLength - offset;
      if (room < 0) {
        throw outOfBufferBounds('offset');
      }
      let len = room;
      if (length !== undefined) {
        len = +length;
        if (len > room) {
          throw outOfBufferBounds('length');
        }
        if (!(len > 0)) {
          len = 0;
        }
      }
      return asBuffer(new Uint8Array(value, offset, len));
    }
    if (ArrayBuffer.isView(value)) {
      const b = Buffer.allocUnsafe(value.length);
      for (let i = 0; i < value.length; i++) {
        b[i] = value[i] & 255;
      }
      return b;
    }
    if (Array.isArray(value)) {
      const b = Buffer.allocUnsafe(value.length);
      for (let i = 0; i < value.length; i++) {
        b[i] = value[i] & 255;
      }
      return b;
    }
    if (value !== null && typeof value === 'object') {
      if (value.type === 'Buffer' && Array.isArray(value.data)) {
        return Buffer.from(value.data);
      }
      if (typeof value.length === 'number') {
        return Buffer.from(Array.from(value));
      }
      if (value.length !== undefined || isAnyArrayBuffer(value.buffer)) {
        return Buffer.alloc(0); // array-like in shape only, as Node's fromObject
      }
    }
    throw internal.codeError(TypeError, 'ERR_INVALID_ARG_TYPE',
      'The first argument must be of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object. Received '
      + internal.describe(value));
  }

  static alloc(size, fill, encoding) {
    checkSize(size);
    const b = asBuffer(new Uint8Array(size));
    if (fill !== undefined && fill !== 0) {
      b.fill(fill, 0, b.length, encoding);
    }
    return b;
  }

  static allocUnsafe(size) {
    checkSize(size);
    return asBuffer(new Uint8Array(size));
  }

  static allocUnsafeSlow(size) {
    return Buffer.allocUnsafe(size);
  }

  static isBuffer(b) {
    return b instanceof Buffer;
  }

  static isEncoding(enc) {
    try {
      normalizeEncoding(enc);
      return typeof enc === 'string';
    } catch (e) {
      return false;
    }
  }

  static byteLength(value, encoding) {
    if (typeof value !== 'string') {
      return value.byteLength;
    }
    // UTF-8, the common case (an HTTP body's Content-Length), is counted without encoding
    return encoding === undefined || encoding === 'utf8' ? host.utf8Length(value) : fromString(value, encoding).length;
  }

  static concat(list, totalLength) {
    const total = totalLength === undefined ? list.reduce((n, b) => n + b.length, 0) : totalLength;
    const out = Buffer.alloc(total);
    let at = 0;
    for (const b of list) {
      if (at >= total) {
        break;
      }
      const n = Math.min(b.length, total - at);
      out.set(n === b.length ? b : b.subarray(0, n), at);
      at += n;
    }
    return out;
  }

  static compare(a, b) {
    checkUint8Array(a, 'buf1');
    checkUint8Array(b, 'buf2');
    return compareRange(a, 0, a.length, b, 0, b.length);
  }

  // start and end as Node reads them: compared as given ('Infinity' is past the end), then
  // truncated, anything not a number meaning 0
  toString(encoding, start, end) {
    const len = this.length;
    let s;
    if (start <= 0) {
      s = 0;
    } else if (start >= len) {
      return '';
    } else {
      s = Math.trunc(start) || 0;
    }
    const e = end === undefined || end > len ? len : Math.trunc(end) || 0;
    if (e <= s) {
      return '';
    }
    if (encoding === null) { // here, unlike Buffer.from's, null is no encoding at all, as in Node
      throw internal.codeError(TypeError, 'ERR_UNKNOWN_ENCODING', 'Unknown encoding: null');
    }
    const view = s === 0 && e === this.length ? this : this.subarray(s, e);
    switch (normalizeEncoding(encoding)) {
      case 'utf8': return host.decode(view, 'utf8');
      case 'latin1': return host.decode(view, 'latin1');
      case 'ascii': {
        let out = '';
        for (let i = 0; i < view.length; i++) {
          out += String.fromCharCode(view[i] & 127);
        }
        return out;
      }
      case 'hex': {
        let out = '';
        for (let i = 0; i < view.length; i++) {
          out += (view[i] < 16 ? '0' : '') + view[i].toString(16);
        }
        return out;
      }
      case 'base64': return toBase64(view, false);
      case 'base64url': return toBase64(view, true);
      case 'utf16le': {
        let out = '';
        for (let i = 0; i + 1 < view.length; i += 2) {
          out += String.fromCharCode(view[i] | (view[i + 1] << 8));
        }
        return out;
      }
      default: return '';
    }
  }

  toJSON() {
    return { type: 'Buffer', data: Array.from(this) };
  }

  equals(other) {
    if (!(other instanceof Uint8Array)) {
      throw internal.codeError(TypeError, 'ERR_INVALID_ARG_TYPE',
        'The "otherBuffer" argument must be an instance of Buffer or Uint8Array. Received ' + internal.describe(other));
    }
    return this.compare(other) === 0;
  }

  // As Node's: each offset given must be an integer in range (no coercion, null included), and an
  // empty source or target range decides before any byte is compared.
  compare(target, targetStart, targetEnd, sourceStart, sourceEnd) {
    checkUint8Array(target, 'target');
    targetStart = targetStart === undefined ? 0 : checkOffset(targetStart, 'targetStart', kMaxLength);
    targetEnd = targetEnd === undefined ? target.length : checkOffset(targetEnd, 'targetEnd', target.length);
    sourceStart = sourceStart === undefined ? 0 : checkOffset(sourceStart, 'sourceStart', kMaxLength);
    sourceEnd = sourceEnd === undefined ? this.length : checkOffset(sourceEnd, 'sourceEnd', this.length);
    if (sourceStart >= sourceEnd) {
      return targetStart >= targetEnd ? 0 : -1;
    }
    if (targetStart >= targetEnd) {
      return 1;
    }
    return compareRange(this, sourceStart, sourceEnd, target, targetStart, targetEnd);
  }

  slice(start, end) {
    return this.subarray(start, end);
  }

  subarray(start, end) {
    return asBuffer(Uint8Array.prototype.subarray.call(this, start, end));
  }

  // write(string[, offset[, length]][, encoding]), with Node's checks of offset and length
  write(string, offset, length, encoding) {
    if (offset === undefined) {
      offset = 0;
    } else if (length === undefined && typeof offset === 'string') {
      encoding = offset;
      offset = 0;
    } else {
      checkOffset(offset, 'offset', this.length);
      if (typeof length === 'string') {
        encoding = length;
        length = undefined;
      } else if (length !== undefined) {
        checkOffset(length, 'length', this.length);
      }
    }
    const bytes = fromString(string, encoding);
    let n = Math.min(bytes.length, this.length - offset, length === undefined ? Infinity : length);
    if (n < bytes.length) { // only whole characters, as Node: no half of a UTF-16 unit or UTF-8 sequence
      const enc = String(encoding || 'utf8').toLowerCase();
      if (enc === 'ucs2' || enc === 'ucs-2' || enc === 'utf16le' || enc === 'utf-16le') {
        n -= n % 2;
      } else if (enc === 'utf8' || enc === 'utf-8') {
        while (n > 0 && (bytes[n] & 0xc0) === 0x80) {
          n--;
        }
      }
    }
    this.set(bytes.subarray(0, n), offset);
    return n;
  }

  fill(value, offset, end, encoding) {
    if (typeof offset === 'string') {
      encoding = offset;
      offset = 0;
      end = this.length;
    }
    const s = offset === undefined ? 0 : offset;
    const e = end === undefined ? this.length : end;
    if (typeof value === 'number') {
      Uint8Array.prototype.fill.call(this, value & 255, s, e);
      return this;
    }
    const bytes = typeof value === 'string' ? fromString(value, encoding) : value;
    if (bytes.length === 0) {
      Uint8Array.prototype.fill.call(this, 0, s, e);
      return this;
    }
    for (let i = s, j = 0; i < e; i++, j = (j + 1) % bytes.length) {
      this[i] = bytes[j];
    }
    return this;
  }

  // As Node's: positions become integers (what is not a number is 0), a negative one or a
  // source start past the end is ERR_OUT_OF_RANGE, and the copy stops at either end.
  copy(target, targetStart, sourceStart, sourceEnd) {
    checkUint8Array(target, 'target');
    const ts = targetStart === undefined ? 0 : copyPosition(targetStart, 'targetStart', Infinity);
    const ss = sourceStart === undefined ? 0 : copyPosition(sourceStart, 'sourceStart', this.length);
    const se = sourceEnd === undefined ? this.length : copyPosition(sourceEnd, 'sourceEnd', Infinity);
    if (ts >= target.length || ss >= se) {
      return 0;
    }
    const n = Math.min(se - ss, target.length - ts, this.length - ss);
    target.set(this.subarray(ss, ss + n), ts);
    return n;
  }

  indexOf(value, byteOffset, encoding) {
    const needle = typeof value === 'number' ? [value & 255] : typeof value === 'string' ? fromString(value, encoding) : value;
    const from = byteOffset === undefined ? 0 : byteOffset < 0 ? Math.max(0, this.length + byteOffset) : byteOffset;
    outer: for (let i = from; i <= this.length - needle.length; i++) {
      for (let j = 0; j < needle.length; j++) {
        if (this[i + j] !== needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  includes(value, byteOffset, encoding) {
    return this.indexOf(value, byteOffset, encoding) !== -1;
  }

  // Numbers in and out, with Node's checks: the offset a number (ERR_INVALID_ARG_TYPE), an
  // integer inside the buffer (ERR_OUT_OF_RANGE, or ERR_BUFFER_OUT_OF_BOUNDS when the buffer is
  // too short for the width at all), the value inside the width's range.
  readUInt8(o = 0) { checkBounds(this, o, 1); return this[o]; }
  readInt8(o = 0) { checkBounds(this, o, 1); return (this[o] << 24) >> 24; }
  readUInt16LE(o = 0) { checkBounds(this, o, 2); return this[o] | (this[o + 1] << 8); }
  readUInt16BE(o = 0) { checkBounds(this, o, 2); return (this[o] << 8) | this[o + 1]; }
  readInt16LE(o = 0) { return (this.readUInt16LE(o) << 16) >> 16; }
  readInt16BE(o = 0) { return (this.readUInt16BE(o) << 16) >> 16; }
  readUInt32LE(o = 0) { checkBounds(this, o, 4); return (this[o] | (this[o + 1] << 8) | (this[o + 2] << 16)) + this[o + 3] * 0x1000000; }
  readUInt32BE(o = 0) { checkBounds(this, o, 4); return this[o] * 0x1000000 + ((this[o + 1] << 16) | (this[o + 2] << 8) | this[o + 3]); }
  readInt32LE(o = 0) { checkBounds(this, o, 4); return this[o] | (this[o + 1] << 8) | (this[o + 2] << 16) | (this[o + 3] << 24); }
  readInt32BE(o = 0) { checkBounds(this, o, 4); return (this[o] << 24) | (this[o + 1] << 16) | (this[o + 2] << 8) | this[o + 3]; }
  writeUInt8(v, o = 0) { checkOffsetType(o); v = checkInt(this, +v, o, 1, 0, 0xff); this[o] = v; return o + 1; }
  writeInt8(v, o = 0) { checkOffsetType(o); v = checkInt(this, +v, o, 1, -0x80, 0x7f); this[o] = v & 255; return o + 1; }
  writeUInt16LE(v, o = 0) { v = checkInt(this, +v, o, 2, 0, 0xffff); this[o] = v; this[o + 1] = v >>> 8; return o + 2; }
  writeUInt16BE(v, o = 0) { v = checkInt(this, +v, o, 2, 0, 0xffff); this[o] = v >>> 8; this[o + 1] = v; return o + 2; }
  writeInt16LE(v, o = 0) { v = checkInt(this, +v, o, 2, -0x8000, 0x7fff); this[o] = v; this[o + 1] = v >>> 8; return o + 2; }
  writeInt16BE(v, o = 0) { v = checkInt(this, +v, o, 2, -0x8000, 0x7fff); this[o] = v >>> 8; this[o + 1] = v; return o + 2; }
  writeUInt32LE(v, o = 0) { v = checkInt(this, +v, o, 4, 0, 0xffffffff); return put32(this, v, o, true); }
  writeUInt32BE(v, o = 0) { v = checkInt(this, +v, o, 4, 0, 0xffffffff); return put32(this, v, o, false); }
  writeInt32LE(v, o = 0) { v = checkInt(this, +v, o, 4, -0x80000000, 0x7fffffff); return put32(this, v, o, true); }
  writeInt32BE(v, o = 0) { v = checkInt(this, +v, o, 4, -0x80000000, 0x7fffffff); return put32(this, v, o, false); }

  // floats, doubles and 64-bit integers go through a DataView on the same bytes
  readFloatLE(o = 0) { checkBounds(this, o, 4); return view(this).getFloat32(o, true); }
  readFloatBE(o = 0) { checkBounds(this, o, 4); return view(this).getFloat32(o, false); }
  readDoubleLE(o = 0) { checkBounds(this, o, 8); return view(this).getFloat64(o, true); }
  readDoubleBE(o = 0) { checkBounds(this, o, 8); return view(this).getFloat64(o, false); }
  readBigInt64LE(o = 0) { checkBounds(this, o, 8); return view(this).getBigInt64(o, true); }
  readBigInt64BE(o = 0) { checkBounds(this, o, 8); return view(this).getBigInt64(o, false); }
  readBigUInt64LE(o = 0) { checkBounds(this, o, 8); return view(this).getBigUint64(o, true); }
  readBigUInt64BE(o = 0) { checkBounds(this, o, 8); return view(this).getBigUint64(o, false); }
  writeFloatLE(v, o = 0) { v = +v; checkBounds(this, o, 4); view(this).setFloat32(o, v, true); return o + 4; }
  writeFloatBE(v, o = 0) { v = +v; checkBounds(this, o, 4); view(this).setFloat32(o, v, false); return o + 4; }
  writeDoubleLE(v, o = 0) { v = +v; checkBounds(this, o, 8); view(this).setFloat64(o, v, true); return o + 8; }
  writeDoubleBE(v, o = 0) { v = +v; checkBounds(this, o, 8); view(this).setFloat64(o, v, false); return o + 8; }
  writeBigInt64LE(v, o = 0) { checkBounds(this, o, 8); checkBig(v, -(2n ** 63n), 2n ** 63n - 1n, '-(2n ** 63n)', '2n ** 63n'); view(this).setBigInt64(o, v, true); return o + 8; }
  writeBigInt64BE(v, o = 0) { checkBounds(this, o, 8); checkBig(v, -(2n ** 63n), 2n ** 63n - 1n, '-(2n ** 63n)', '2n ** 63n'); view(this).setBigInt64(o, v, false); return o + 8; }
  writeBigUInt64LE(v, o = 0) { checkBounds(this, o, 8); checkBig(v, 0n, 2n ** 64n - 1n, '0n', '2n ** 64n'); view(this).setBigUint64(o, v, true); return o + 8; }
  writeBigUInt64BE(v, o = 0) { checkBounds(this, o, 8); checkBig(v, 0n, 2n ** 64n - 1n, '0n', '2n ** 64n'); view(this).setBigUint64(o, v, false); return o + 8; }

  // integers of 1 to 6 bytes: the offset must be given; byteLength 1 to 6
  readUIntLE(o, n) { readArgs(this, o, n); let v = 0; for (let i = n - 1; i >= 0; i--) { v = v * 256 + this[o + i]; } return v; }
  readUIntBE(o, n) { readArgs(this, o, n); let v = 0; for (let i = 0; i < n; i++) { v = v * 256 + this[o + i]; } return v; }
  readIntLE(o, n) { const v = this.readUIntLE(o, n); return v >= 2 ** (8 * n - 1) ? v - 2 ** (8 * n) : v; }
  readIntBE(o, n) { const v = this.readUIntBE(o, n); return v >= 2 ** (8 * n - 1) ? v - 2 ** (8 * n) : v; }
  writeUIntLE(v, o, n) { checkWidth(n); v = checkInt(this, +v, o, n, 0, 2 ** (8 * n) - 1); return putN(this, v, o, n, true); }
  writeUIntBE(v, o, n) { checkWidth(n); v = checkInt(this, +v, o, n, 0, 2 ** (8 * n) - 1); return putN(this, v, o, n, false); }
  writeIntLE(v, o, n) { checkWidth(n); v = checkInt(this, +v, o, n, -(2 ** (8 * n - 1)), 2 ** (8 * n - 1) - 1); return putN(this, v < 0 ? v + 2 ** (8 * n) : v, o, n, true); }
  writeIntBE(v, o, n) { checkWidth(n); v = checkInt(this, +v, o, n, -(2 ** (8 * n - 1)), 2 ** (8 * n - 1) - 1); return putN(this, v < 0 ? v + 2 ** (8 * n) : v, o, n, false); }

  swap16() { return swap(this, 2); }
  swap32() { return swap(this, 4); }
  swap64() { return swap(this, 8); }

  lastIndexOf(value, byteOffset, encoding) {
    const needle = typeof value === 'number' ? Buffer.from([value & 255])
      : typeof value === 'string' ? Buffer.from(value, encoding) : value;
    let from = byteOffset === undefined ? this.length - needle.length : Math.min(byteOffset < 0 ? this.length + byteOffset : byteOffset, this.length - needle.length);
    for (let i = from; i >= 0; i--) {
      let j = 0;
      while (j < needle.length && this[i + j] === needle[j]) {
        j++;
      }
      if (j === needle.length) {
        return i;
      }
    }
    return -1;
  }

  [Symbol.for('nodejs.util.inspect.custom')]() {
    const bytes = [];
    const n = Math.min(this.length, inspectMaxBytes);
    for (let i = 0; i < n; i++) {
      bytes.push((this[i] < 16 ? '0' : '') + this[i].toString(16));
    }
    let s = bytes.join(' ');
    const more = this.length - inspectMaxBytes;
    if (more > 0) {
      s += ' ... ' + more + ' more byte' + (more > 1 ? 's' : '');
    }
    // Own enumerable properties that are not indices, which Node shows after the bytes. Finding
    // them means listing every index too (JS has no call that skips them), so a long buffer's
    // are left out: at about a microsecond an index, 4 MB took seconds.
    const extras = {};
    let anyExtra = false;
    // (getOwnPropertyNames: Rhino's Object.keys leaves a typed array's own properties out.)
    for (const key of this.length <= INSPECT_EXTRAS_MAX_LENGTH ? Object.getOwnPropertyNames(this) : []) {
      if (!/^(0|[1-9][0-9]*)$/.test(key) && Object.prototype.propertyIsEnumerable.call(this, key)) {
        Object.defineProperty(extras, key, { value: this[key], enumerable: true });
        anyExtra = true;
      }
    }
    if (anyExtra) {
      const shown = require('util').inspect(extras, { breakLength: Infinity, compact: true });
      s += (this.length !== 0 ? ', ' : '') + shown.slice(2, -2);
    }
    return '<Buffer ' + s + '>'; // '<Buffer >' when empty, as Node
  }
}

// The deprecated names of buffer and byteOffset (undefined on anything but a Buffer).
for (const [name, real] of [['parent', 'buffer'], ['offset', 'byteOffset']]) {
  Object.defineProperty(FastBuffer.prototype, name, {
    enumerable: true,
    configurable: true,
    get() {
      return this instanceof FastBuffer ? this[real] : undefined;
    },
  });
}

/** buffer.INSPECT_MAX_BYTES: how many bytes util.inspect shows of a Buffer. */
let inspectMaxBytes = 50;
/** The longest Buffer whose own non-index properties util.inspect shows (Node: any). */
const INSPECT_EXTRAS_MAX_LENGTH = 16 * 1024;

const arrayBufferLength = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'byteLength').get;
const sharedBufferLength = typeof SharedArrayBuffer === 'undefined' ? null
  : Object.getOwnPropertyDescriptor(SharedArrayBuffer.prototype, 'byteLength').get;

/** An ArrayBuffer or SharedArrayBuffer itself (its byteLength getter accepts it), not a lookalike. */
function isAnyArrayBuffer(value) {
  if (value === null || typeof value !== 'object') {
    return false;
  }
  for (const length of [arrayBufferLength, sharedBufferLength]) {
    try {
      if (length !== null) {
        length.call(value);
        return true;
      }
    } catch (e) {
      // not this kind of buffer
    }
  }
  return false;
}

// Node's lower-case aliases (readUint8 for readUInt8, and so on)
for (const name of Object.getOwnPropertyNames(FastBuffer.prototype)) {
  if (name.includes('UInt')) {
    FastBuffer.prototype[name.replace('UInt', 'Uint')] = FastBuffer.prototype[name];
  }
}

function view(buf) {
  return new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
}

/** Node's boundsError(byteLength, 6, 'byteLength'). */
function checkWidth(n) {
  if (n !== 1 && n !== 2 && n !== 3 && n !== 4 && n !== 5 && n !== 6) {
    boundsError(n, 6, 'byteLength');
  }
}

/** readUIntLE and friends: Node names a missing offset first, then checks the width, then the bounds. */
function readArgs(buf, offset, n) {
  if (offset === undefined) {
    throw invalidArgType('offset', 'of type number', undefined);
  }
  checkWidth(n);
  checkBounds(buf, offset, n);
}

function checkOffsetType(offset) {
  if (typeof offset !== 'number') {
    throw invalidArgType('offset', 'of type number', offset);
  }
}

/** Node's boundsError: not an integer, no room at all, or outside 0 (1 for a width) to length. */
function boundsError(value, length, type) {
  if (Math.floor(value) !== value) {
    if (type && typeof value !== 'number') {
      throw invalidArgType(type, 'of type number', value);
    }
    throw internal.codeError(RangeError, 'ERR_OUT_OF_RANGE',
      'The value of "' + (type || 'offset') + '" is out of range. It must be an integer. Received ' + outOfRangeReceived(value));
  }
  if (length < 0) {
    throw internal.codeError(RangeError, 'ERR_BUFFER_OUT_OF_BOUNDS', 'Attempt to access memory outside buffer bounds');
  }
  throw internal.codeError(RangeError, 'ERR_OUT_OF_RANGE', 'The value of "' + (type || 'offset')
    + '" is out of range. It must be >= ' + (type ? 1 : 0) + ' and <= ' + length + '. Received ' + outOfRangeReceived(value));
}

/** Node's checkBounds: `size` bytes from `offset` must all be inside the buffer. */
function checkBounds(buf, offset, size) {
  checkOffsetType(offset);
  if (buf[offset] === undefined || buf[offset + size - 1] === undefined) {
    boundsError(offset, buf.length - size);
  }
}

/** Node's checkInt: the value in [min, max] (its message as Node words it per width), then the bounds. */
function checkInt(buf, value, offset, size, min, max) {
  if (value > max || value < min) {
    let range;
    if (size > 4) {
      range = min === 0 ? '>= 0 and < 2 ** ' + (size * 8) : '>= -(2 ** ' + (size * 8 - 1) + ') and < 2 ** ' + (size * 8 - 1);
    } else {
      range = '>= ' + min + ' and <= ' + max;
    }
    throw internal.codeError(RangeError, 'ERR_OUT_OF_RANGE',
      'The value of "value" is out of range. It must be ' + range + '. Received ' + outOfRangeReceived(value));
  }
  checkBounds(buf, offset, size);
  return value;
}

function put32(buf, v, o, little) {
  for (let i = 0; i < 4; i++) {
    buf[little ? o + i : o + 3 - i] = v >>> (8 * i);
  }
  return o + 4;
}

function putN(buf, v, o, n, little) {
  let x = v;
  for (let i = 0; i < n; i++) {
    buf[little ? o + i : o + n - 1 - i] = x % 256;
    x = Math.floor(x / 256);
  }
  return o + n;
}

function checkBig(v, min, max, minText, maxText) {
  if (typeof v !== 'bigint') {
    throw invalidArgType('value', 'of type bigint', v);
  }
  if (v < min || v > max) {
    throw internal.codeError(RangeError, 'ERR_OUT_OF_RANGE',
      'The value of "value" is out of range. It must be >= ' + minText + ' and < ' + maxText + '. Received ' + separated(v) + 'n');
  }
}

function checkUint8Array(value, name) {
  if (!(value instanceof Uint8Array)) {
    throw internal.codeError(TypeError, 'ERR_INVALID_ARG_TYPE',
      'The "' + name + '" argument must be an instance of Buffer or Uint8Array. Received ' + internal.describe(value));
  }
}

/** Node's validateOffset: an integer number from 0 to max, or the argument errors. */
function checkOffset(value, name, max) {
  return validateInteger(value, name, 0, max);
}

/** A copy() position: Node's toInteger (0 for what is not a safe number), then its range. */
function copyPosition(value, name, max) {
  let n = Number.isInteger(value) ? value : +value;
  if (!Number.isInteger(n)) {
    n = Number.isNaN(n) || n < Number.MIN_SAFE_INTEGER || n > Number.MAX_SAFE_INTEGER ? 0 : Math.floor(n);
  }
  if (n < 0 || n > max) {
    throw internal.codeError(RangeError, 'ERR_OUT_OF_RANGE', 'The value of "' + name + '" is out of range. It must be >= 0'
      + (max === Infinity ? '' : ' && <= ' + max) + '. Received ' + outOfRangeReceived(n));
  }
  return n;
}

/** Byte order of a[aStart, aEnd) against b[bStart, bEnd): -1, 0 or 1. */
function compareRange(a, aStart, aEnd, b, bStart, bEnd) {
  const n = Math.min(aEnd - aStart, bEnd - bStart);
  for (let i = 0; i < n; i++) {
    const x = a[aStart + i];
    const y = b[bStart + i];
    if (x !== y) {
      return x < y ? -1 : 1;
    }
  }
  const la = aEnd - aStart;
  const lb = bEnd - bStart;
  return la === lb ? 0 : la < lb ? -1 : 1;
}

/** Node writes large numbers in range errors with separators: 9_223_372_036_854_775_808. */
function separated(v) {
  let text = String(v < 0n ? -v : v);
  if (v >= 2n ** 32n || v <= -(2n ** 32n)) {
    let out = '';
    while (text.length > 3) {
      out = '_' + text.slice(-3) + out;
      text = text.slice(0, -3);
    }
    text += out;
  }
  return (v < 0n ? '-' : '') + text;
}

function swap(buf, size) {
  if (buf.length % size !== 0) {
    throw internal.codeError(RangeError, 'ERR_INVALID_BUFFER_SIZE', 'Buffer size must be a multiple of ' + (size * 8) + '-bits');
  }
  for (let i = 0; i < buf.length; i += size) {
    for (let a = i, b = i + size - 1; a < b; a++, b--) {
      const t = buf[a];
      buf[a] = buf[b];
      buf[b] = t;
    }
  }
  return buf;
}

function outOfBufferBounds(name) {
  return internal.codeError(RangeError, 'ERR_BUFFER_OUT_OF_BOUNDS', '"' + name + '" is outside of buffer bounds');
}

function checkSize(size) {
  if (typeof size !== 'number') {
    throw invalidArgType('size', 'of type number', size);
  }
  if (!(size >= 0 && size <= kMaxLength)) {
    throw internal.codeError(RangeError, 'ERR_OUT_OF_RANGE', 'The value of "size" is out of range. It must be >= 0 && <= '
      + kMaxLength + '. Received ' + outOfRangeReceived(size));
  }
}

/**
 * Node's Buffer is a function, not a class: Buffer(...) and new Buffer(...) both make a buffer
 * (deprecated, DEP0005). Its prototype is FastBuffer's, and its species is FastBuffer, so that
 * slice, subarray and map make buffers without the warning.
 */
function Buffer(arg, encodingOrOffset, length) {
  warnBufferConstructor();
  if (typeof arg === 'number') {
    if (typeof encodingOrOffset === 'string') {
      throw invalidArgType('string', 'of type string', arg);
    }
    return Buffer.alloc(arg);
  }
  return Buffer.from(arg, encodingOrOffset, length);
}
Object.setPrototypeOf(Buffer, Uint8Array);
Buffer.prototype = FastBuffer.prototype;
Object.defineProperty(FastBuffer.prototype, 'constructor', { value: Buffer, writable: true, configurable: true });
for (const name of Object.getOwnPropertyNames(FastBuffer)) {
  if (name !== 'length' && name !== 'name' && name !== 'prototype') {
    Object.defineProperty(Buffer, name, Object.getOwnPropertyDescriptor(FastBuffer, name));
  }
}
Object.defineProperty(Buffer, Symbol.species, { get: () => FastBuffer, configurable: true });
Buffer.poolSize = 8 * 1024;
/** Buffer.of makes its buffer itself: Uint8Array.of would call Buffer, and warn. */
Buffer.of = function of(...items) {
  const b = Buffer.allocUnsafe(items.length);
  for (let i = 0; i < items.length; i++) {
    b[i] = items[i];
  }
  return b;
};

let bufferWarned = false;
let bufferWarnChecking = false;
let bufferWarnChecks = 0;

/**
 * DEP0005 once, unless the caller is code under node_modules (Node warns only its users' code).
 * Each check takes a stack trace, so, as Node, it gives up after 10 000 calls from node_modules.
 */
function warnBufferConstructor() {
  if (bufferWarned || bufferWarnChecking || ++bufferWarnChecks > 10000) {
    return;
  }
  bufferWarnChecking = true;
  let fromNodeModules;
  try {
    fromNodeModules = callerInNodeModules();
  } finally {
    bufferWarnChecking = false;
  }
  if (!fromNodeModules) {
    bufferWarned = true;
    process.emitWarning('Buffer() is deprecated due to security and usability issues. Please use the Buffer.alloc(), '
      + 'Buffer.allocUnsafe(), or Buffer.from() methods instead.', 'DeprecationWarning', 'DEP0005');
  }
}

/** Whether the first frame outside the runtime (node:...) is a file under node_modules. */
function callerInNodeModules() {
  const prepare = Error.prepareStackTrace;
  let stack;
  try {
    Error.prepareStackTrace = undefined; // a program's own formatting must not run (or recurse) here
    stack = String(new Error().stack).split('\n');
  } finally {
    Error.prepareStackTrace = prepare;
  }
  for (let i = 1; i < stack.length; i++) {
    if (stack[i].trim().length > 0 && !/[( ]node:/.test(stack[i])) {
      return /[\\/]node_modules[\\/]/.test(stack[i]);
    }
  }
  return false;
}

/** buffer.SlowBuffer(size): an unpooled buffer (doc-deprecated in Node 20, no warning). */
function SlowBuffer(size) {
  return Buffer.allocUnsafeSlow(size);
}
Object.setPrototypeOf(SlowBuffer.prototype, Uint8Array.prototype);
Object.setPrototypeOf(SlowBuffer, Uint8Array);

/** The bytes isAscii and isUtf8 look at: a typed array's or an ArrayBuffer's, never a detached one's. */
function bytesToValidate(input) {
  let bytes;
  if (ArrayBuffer.isView(input) && !(input instanceof DataView)) {
    if (input.buffer.detached === true) {
      bytes = null;
    } else {
      bytes = new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    }
  } else if (isAnyArrayBuffer(input)) {
    bytes = input.detached === true ? null : new Uint8Array(input);
  } else {
    throw invalidArgType('input', 'an instance of ArrayBuffer, Buffer, or TypedArray', input);
  }
  if (bytes === null) {
    throw internal.codeError(Error, 'ERR_INVALID_STATE', 'Invalid state: Cannot validate on a detached buffer');
  }
  return bytes;
}

function isAscii(input) {
  const bytes = bytesToValidate(input);
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] > 127) {
      return false;
    }
  }
  return true;
}

/** Well-formed UTF-8 only: no overlong forms, no surrogates, nothing past U+10FFFF. */
function isUtf8(input) {
  const bytes = bytesToValidate(input);
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need;
    let lo = 0x80;
    let hi = 0xBF;
    if (b >= 0xC2 && b <= 0xDF) {
      need = 1;
    } else if (b >= 0xE0 && b <= 0xEF) {
      need = 2;
      if (b === 0xE0) {
        lo = 0xA0; // shorter forms are overlong
      } else if (b === 0xED) {
        hi = 0x9F; // U+D800..U+DFFF are surrogates
      }
    } else if (b >= 0xF0 && b <= 0xF4) {
      need = 3;
      if (b === 0xF0) {
        lo = 0x90;
      } else if (b === 0xF4) {
        hi = 0x8F; // past U+10FFFF
      }
    } else {
      return false;
    }
    if (i + need >= n) {
      return false;
    }
    const second = bytes[i + 1];
    if (second < lo || second > hi) {
      return false;
    }
    for (let k = 2; k <= need; k++) {
      const c = bytes[i + k];
      if (c < 0x80 || c > 0xBF) {
        return false;
      }
    }
    i += need + 1;
  }
  return true;
}

// Node's Buffer has its static methods as enumerable own properties, and libraries copy them
// with for...in (safer-buffer, so iconv-lite): so has this one.
for (const name of ['poolSize', 'from', 'copyBytesFrom', 'of', 'alloc', 'allocUnsafe', 'allocUnsafeSlow', 'isBuffer',
  'compare', 'isEncoding', 'concat', 'byteLength']) {
  const d = Object.getOwnPropertyDescriptor(Buffer, name);
  if (d) {
    d.enumerable = true;
    Object.defineProperty(Buffer, name, d);
  }
}

function asBuffer(u8) {
  Object.setPrototypeOf(u8, Buffer.prototype);
  return u8;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function toBase64(bytes, url) {
  const table = url ? B64URL : B64;
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += table[n >> 18] + table[(n >> 12) & 63] + table[(n >> 6) & 63] + table[n & 63];
  }
  if (i < bytes.length) {
    const n = (bytes[i] << 16) | ((i + 1 < bytes.length ? bytes[i + 1] : 0) << 8);
    out += table[n >> 18] + table[(n >> 12) & 63];
    out += i + 1 < bytes.length ? table[(n >> 6) & 63] : (url ? '' : '=');
    out += url ? '' : '=';
  }
  return out;
}

function fromBase64(s) {
  const clean = s.replace(/[^A-Za-z0-9+/\-_]/g, '');
  const out = [];
  let bits = 0;
  let value = 0;
  for (const ch of clean) {
    const v = ch === '-' ? 62 : ch === '_' ? 63 : B64.indexOf(ch);
    value = (value << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((value >> bits) & 255);
    }
  }
  return Buffer.from(out);
}

function fromString(s, encoding) {
  switch (normalizeEncoding(encoding)) {
    case 'utf8': return asBuffer(host.encode(s, 'utf8'));
    case 'latin1': {
      // one byte per UTF-16 unit, its low eight bits (a surrogate pair is two bytes, as in Node)
      const b = Buffer.allocUnsafe(s.length);
      for (let i = 0; i < s.length; i++) {
        b[i] = s.charCodeAt(i) & 255;
      }
      return b;
    }
    case 'ascii': {
      const b = Buffer.allocUnsafe(s.length);
      for (let i = 0; i < s.length; i++) {
        b[i] = s.charCodeAt(i) & 255;
      }
      return b;
    }
    case 'hex': {
      const n = s.length >>> 1;
      const b = Buffer.allocUnsafe(n);
      let i = 0;
      for (; i < n; i++) {
        const pair = s.substr(2 * i, 2);
        const byte = /^[0-9a-fA-F]{2}$/.test(pair) ? parseInt(pair, 16) : NaN;
        if (Number.isNaN(byte)) {
          break;
        }
        b[i] = byte;
      }
      return i === n ? b : b.subarray(0, i);
    }
    case 'base64': case 'base64url': return fromBase64(s);
    case 'utf16le': {
      const b = Buffer.allocUnsafe(s.length * 2);
      for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        b[2 * i] = c & 255;
        b[2 * i + 1] = c >>> 8;
      }
      return b;
    }
    default: return Buffer.alloc(0);
  }
}

// atob and btoa, the web's base64 of "binary strings" (one char per byte), as Node's buffer module
// exports them: atob decodes by the WHATWG "forgiving-base64 decode" (ASCII whitespace ignored,
// padding optional but only at the end), and both throw DOMException InvalidCharacterError.
function invalidCharacter(message = 'Invalid character') {
  const { DOMException } = require('internal/event_target');
  return new DOMException(message, 'InvalidCharacterError');
}

function btoa(input) {
  if (arguments.length === 0) {
    throw internal.codeError(TypeError, 'ERR_MISSING_ARGS', 'The "input" argument must be specified');
  }
  const s = `${input}`;
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) > 0xff) {
      throw invalidCharacter();
    }
  }
  return Buffer.from(s, 'latin1').toString('base64');
}

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function atob(input) {
  if (arguments.length === 0) {
    throw internal.codeError(TypeError, 'ERR_MISSING_ARGS', 'The "input" argument must be specified');
  }
  const s = `${input}`;
  let data = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\f' && c !== '\r') {
      data += c;
    }
  }
  if (data.length % 4 === 0) {
    if (data.endsWith('==')) {
      data = data.slice(0, -2);
    } else if (data.endsWith('=')) {
      data = data.slice(0, -1);
    }
  }
  for (let i = 0; i < data.length; i++) {
    if (!BASE64_ALPHABET.includes(data[i])) {
      throw invalidCharacter();
    }
  }
  if (data.length % 4 === 1) {
    throw invalidCharacter('The string to be decoded is not correctly encoded.');
  }
  return Buffer.from(data, 'base64').toString('latin1');
}

module.exports = {
  Buffer,
  SlowBuffer,
  isAscii,
  isUtf8,
  atob,
  btoa,
  kMaxLength,
  constants: { MAX_LENGTH: kMaxLength, MAX_STRING_LENGTH: 2 ** 29 - 24 },
  /** For other lib modules: bytes from the host as a Buffer. */
  _wrap: asBuffer,
};
Object.defineProperty(module.exports, 'INSPECT_MAX_BYTES', {
  configurable: true,
  enumerable: true,
  get() {
    return inspectMaxBytes;
  },
  set(value) {
    if (typeof value !== 'number') {
      throw invalidArgType('INSPECT_MAX_BYTES', 'of type number', value);
    }
    if (!(value >= 0)) {
      throw internal.codeError(RangeError, 'ERR_OUT_OF_RANGE',
        'The value of "INSPECT_MAX_BYTES" is out of range. It must be >= 0. Received ' + outOfRangeReceived(value));
    }
    inspectMaxBytes = value;
  },
});
