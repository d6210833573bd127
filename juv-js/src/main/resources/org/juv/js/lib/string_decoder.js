// string_decoder: StringDecoder turns a sequence of Buffers into text without splitting a
// character: the bytes of a character cut across two chunks are held back until it is whole
// (utf8, and utf16le's odd bytes and high surrogates), and base64 holds back the bytes that do
// not yet make a group of three. end() decodes what is held: an incomplete utf8 character
// becomes U+FFFD, half a utf16le code unit is dropped.
'use strict';

const { Buffer } = require('buffer');

// The state lives in seven bytes, as Node keeps it (and as console.log shows it): up to four
// held bytes, how many more the held character needs, how many are held, and the encoding.
const kNativeDecoder = Symbol('kNativeDecoder');
const HELD = 0;
const MISSING = 4;
const BUFFERED = 5;
const ENCODING = 6;
const encodingIds = { ascii: 0, utf8: 1, base64: 2, utf16le: 3, latin1: 4, hex: 5, base64url: 7 };

function normalize(enc) {
  const e = enc === undefined || enc === null || enc === '' ? 'utf8' : String(enc).toLowerCase();
  switch (e) {
    case 'utf8': case 'utf-8': return 'utf8';
    case 'ucs2': case 'ucs-2': case 'utf16le': case 'utf-16le': return 'utf16le';
    case 'latin1': case 'binary': return 'latin1';
    case 'base64': return 'base64';
    case 'base64url': return 'base64url';
    case 'hex': return 'hex';
    case 'ascii': return 'ascii';
    default:
      throw internal.codeError(TypeError, 'ERR_UNKNOWN_ENCODING', 'Unknown encoding: ' + enc);
  }
}

function StringDecoder(encoding) {
  this.encoding = normalize(encoding);
  const state = Buffer.alloc(7);
  state[ENCODING] = encodingIds[this.encoding];
  this[kNativeDecoder] = state;
}

function checkBuf(buf) {
  if (!ArrayBuffer.isView(buf)) {
    throw internal.codeError(TypeError, 'ERR_INVALID_ARG_TYPE',
      'The "buf" argument must be an instance of Buffer, TypedArray, or DataView. Received ' + internal.describe(buf));
  }
}

function asBuffer(buf) {
  return buf instanceof Buffer ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
}

/**
 * How many bytes at the end of bytes (from start on) begin a character that is not complete,
 * and how many more it needs: [held, missing].
 */
function cutOff(encoding, bytes, start) {
  const n = bytes.length - start;
  switch (encoding) {
    case 'utf8': {
      if ((bytes[bytes.length - 1] & 0x80) === 0) {
        return [0, 0];
      }
      // Back over the continuation bytes (at most three) to the byte that starts the character.
      let trailing = 0;
      for (let i = bytes.length - 1; i >= start; i--) {
        const b = bytes[i];
        if ((b & 0xc0) === 0x80) {
          trailing++;
          if (trailing >= 4 || i === start) {
            return [0, 0]; // no start in reach: the bytes are decoded as they are
          }
          continue;
        }
        const size = (b & 0xe0) === 0xc0 ? 2 : (b & 0xf0) === 0xe0 ? 3 : (b & 0xf8) === 0xf0 ? 4 : 0;
        const have = trailing + 1;
        if (size === 0 || have >= size) {
          return [0, 0]; // complete, or not a character start at all
        }
        return [have, size - have];
      }
      return [0, 0];
    }
    case 'utf16le':
      if (n % 2 === 1) {
        return [1, 1];
      }
      // The high half of a surrogate pair waits for its low half.
      if ((bytes[bytes.length - 1] & 0xfc) === 0xd8) {
        return [2, 2];
      }
      return [0, 0];
    case 'base64': case 'base64url':
      return n % 3 === 0 ? [0, 0] : [n % 3, 3 - (n % 3)];
    default:
      return [0, 0];
  }
}

StringDecoder.prototype.write = function write(buf) {
  if (typeof buf === 'string') {
    return buf;
  }
  checkBuf(buf);
  const bytes = asBuffer(buf);
  const state = this[kNativeDecoder];
  let start = 0;
  let prepend = '';
  if (state[MISSING] > 0) {
    // First complete the character held from the last write.
    let want = state[MISSING];
    let cutShort = false;
    if (this.encoding === 'utf8') {
      for (let i = 0; i < bytes.length && i < want; i++) {
        if ((bytes[i] & 0xc0) !== 0x80) {
          // Not a continuation: the held character ends here (and decodes to U+FFFD); this
          // byte starts the next one.
          want = i;
          cutShort = true;
          break;
        }
      }
    }
    const take = Math.min(bytes.length, want);
    state.set(bytes.subarray(0, take), HELD + state[BUFFERED]);
    state[BUFFERED] += take;
    state[MISSING] = cutShort ? 0 : state[MISSING] - take;
    start = take;
    if (state[MISSING] === 0) {
      prepend = state.toString(this.encoding, HELD, HELD + state[BUFFERED]);
      state[BUFFERED] = 0;
    }
  }
  if (start === bytes.length) {
    return prepend;
  }
  const [held, missing] = cutOff(this.encoding, bytes, start);
  const end = bytes.length - held;
  if (held > 0) {
    state.set(bytes.subarray(end), HELD);
    state[BUFFERED] = held;
    state[MISSING] = missing;
  }
  return end > start ? prepend + bytes.toString(this.encoding, start, end) : prepend;
};

StringDecoder.prototype.end = function end(buf) {
  let out = buf === undefined ? '' : this.write(buf);
  const state = this[kNativeDecoder];
  let held = state[BUFFERED];
  if (this.encoding === 'utf16le' && held % 2 === 1) {
    held--; // half a code unit is dropped
  }
  if (held > 0) {
    out += state.toString(this.encoding, HELD, HELD + held);
  }
  state[BUFFERED] = 0;
  state[MISSING] = 0;
  return out;
};

/** Node's names for the held bytes (all four slots), how many are missing, and the total. */
Object.defineProperty(StringDecoder.prototype, 'lastChar', {
  configurable: true,
  enumerable: true,
  get() { return this[kNativeDecoder].subarray(HELD, MISSING); },
});
Object.defineProperty(StringDecoder.prototype, 'lastNeed', {
  configurable: true,
  enumerable: true,
  get() { return this[kNativeDecoder][MISSING]; },
});
Object.defineProperty(StringDecoder.prototype, 'lastTotal', {
  configurable: true,
  enumerable: true,
  get() { return this[kNativeDecoder][BUFFERED] + this[kNativeDecoder][MISSING]; },
});

/** The old internal entry point: decodes buf from offset on, as a fresh write. */
StringDecoder.prototype.text = function text(buf, offset) {
  this[kNativeDecoder][MISSING] = 0;
  this[kNativeDecoder][BUFFERED] = 0;
  return this.write(asBuffer(buf).subarray(offset));
};

module.exports = { StringDecoder };
