// querystring: Node's parse/stringify of "a=1&b=2" strings (not the WHATWG form encoding:
// escape() keeps !'()* and writes a space as %20), with escape/unescape/unescapeBuffer and the
// decode/encode aliases.
'use strict';

const { TextDecoder } = require('util');

const utf8Decoder = new TextDecoder();

const HEX = [];
for (let b = 0; b < 256; b++) {
  HEX.push('%' + (b < 16 ? '0' : '') + b.toString(16).toUpperCase());
}

// Left as they are by escape(): A-Z a-z 0-9 - . _ ~ ! ' ( ) *
const UNESCAPED = new Uint8Array(128);
for (const ch of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!'()*") {
  UNESCAPED[ch.charCodeAt(0)] = 1;
}

function uriMalformed() {
  return internal.codeError(URIError, 'ERR_INVALID_URI', 'URI malformed');
}

/**
 * Percent-encodes `str` as UTF-8. As in Node, a surrogate (high or low) takes the next code
 * unit as its pair whatever it is; one at the very end is an error.
 */
function escape(str) {
  if (typeof str !== 'string') {
    str = typeof str === 'object' ? String(str) : `${str}`;
  }
  let out = '';
  let run = 0;
  for (let i = 0; i < str.length; i++) {
    let c = str.charCodeAt(i);
    if (c < 0x80 && UNESCAPED[c] === 1) {
      continue;
    }
    out += str.slice(run, i);
    if (c < 0x80) {
      out += HEX[c];
    } else if (c < 0x800) {
      out += HEX[0xc0 | (c >> 6)] + HEX[0x80 | (c & 0x3f)];
    } else if (c < 0xd800 || c >= 0xe000) {
      out += HEX[0xe0 | (c >> 12)] + HEX[0x80 | ((c >> 6) & 0x3f)] + HEX[0x80 | (c & 0x3f)];
    } else {
      if (++i >= str.length) {
        throw uriMalformed();
      }
      c = 0x10000 + (((c & 0x3ff) << 10) | (str.charCodeAt(i) & 0x3ff));
      out += HEX[0xf0 | (c >> 18)] + HEX[0x80 | ((c >> 12) & 0x3f)] + HEX[0x80 | ((c >> 6) & 0x3f)]
        + HEX[0x80 | (c & 0x3f)];
    }
    run = i + 1;
  }
  return run === 0 ? str : out + str.slice(run);
}

function hexValue(c) {
  return c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x41 && c <= 0x46 ? c - 0x37 : c >= 0x61 && c <= 0x66 ? c - 0x57 : -1;
}

/**
 * The bytes `s` stands for: %XX as the byte, '+' as a space if asked, and any other character
 * as the low byte of its code unit (Node's behaviour, lossy beyond Latin-1).
 */
function unescapeBuffer(s, decodeSpaces) {
  s = `${s}`;
  const bytes = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x2b && decodeSpaces) {
      bytes.push(0x20);
      continue;
    }
    if (c === 0x25 && i + 2 < s.length) {
      const hi = hexValue(s.charCodeAt(i + 1));
      const lo = hexValue(s.charCodeAt(i + 2));
      if (hi >= 0 && lo >= 0) {
        bytes.push(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    bytes.push(c & 0xff);
  }
  return require('buffer').Buffer.from(bytes);
}

/** decodeURIComponent, or, where that fails, a byte-wise decoding read as UTF-8. */
function unescape(s, decodeSpaces) {
  try {
    return decodeURIComponent(s);
  } catch (e) {
    return utf8Decoder.decode(unescapeBuffer(s, decodeSpaces));
  }
}

/** What stringify writes for a value: strings, finite numbers, bigints and booleans; else ''. */
function stringifyPrimitive(v) {
  switch (typeof v) {
    case 'string': return v;
    case 'number': return Number.isFinite(v) ? `${v}` : '';
    case 'bigint': return `${v}`;
    case 'boolean': return v ? 'true' : 'false';
    default: return '';
  }
}

function stringify(obj, sep, eq, options) {
  sep = sep || '&';
  eq = eq || '=';
  const encode = options && typeof options.encodeURIComponent === 'function' ? options.encodeURIComponent : escape;
  if (obj === null || typeof obj !== 'object') {
    return '';
  }
  const fields = [];
  for (const key of Object.keys(obj)) {
    const value = obj[key];
    const prefix = encode(stringifyPrimitive(key)) + eq;
    if (Array.isArray(value)) {
      for (const item of value) {
        fields.push(prefix + encode(stringifyPrimitive(item)));
      }
    } else {
      fields.push(prefix + encode(stringifyPrimitive(value)));
    }
  }
  return fields.join(sep);
}

const VALID_ESCAPE = /%[0-9a-fA-F]{2}/;

/**
 * Decodes a key or value: '+' is a space. The default decoder runs only where there is
 * something to decode; a custom one runs on every non-empty string, and if it throws the
 * default decoding is used.
 */
function decodeComponent(s, decode, custom) {
  if (s === '') {
    return s;
  }
  const plusless = s.includes('+') ? s.replace(/\+/g, '%20') : s;
  if (!custom && !VALID_ESCAPE.test(plusless)) {
    return plusless;
  }
  try {
    return decode(plusless);
  } catch (e) {
    return unescape(plusless, true);
  }
}

function parse(qs, sep, eq, options) {
  const obj = Object.create(null);
  if (typeof qs !== 'string' || qs.length === 0) {
    return obj;
  }
  sep = sep ? `${sep}` : '&';
  eq = eq ? `${eq}` : '=';
  const maxKeys = options && typeof options.maxKeys === 'number' ? options.maxKeys : 1000;
  const custom = Boolean(options && typeof options.decodeURIComponent === 'function'
    && options.decodeURIComponent !== unescape);
  const decode = custom ? options.decodeURIComponent : unescape;
  // Only the first maxKeys pieces are read (empty ones count); 0 or less, or a fraction, reads all.
  let pieces = 0;
  for (const piece of qs.split(sep)) {
    if (pieces++ === maxKeys && maxKeys > 0) {
      break;
    }
    if (piece === '') {
      continue;
    }
    const at = piece.indexOf(eq);
    const key = decodeComponent(at < 0 ? piece : piece.slice(0, at), decode, custom);
    const value = decodeComponent(at < 0 ? '' : piece.slice(at + eq.length), decode, custom);
    const current = obj[key];
    if (current === undefined) {
      obj[key] = value;
    } else if (Array.isArray(current)) {
      current.push(value);
    } else {
      obj[key] = [current, value];
    }
  }
  return obj;
}

module.exports = {
  unescapeBuffer,
  unescape,
  escape,
  stringify,
  encode: stringify,
  parse,
  decode: parse,
};
