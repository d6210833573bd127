// url: the WHATWG URL Standard's URL and URLSearchParams (special and non-special schemes, hosts
// as domains, IPv4, IPv6 and opaque hosts, the state-override setters, live searchParams), and
// Node's legacy API: url.parse, url.format, url.resolve, url.resolveObject, plus the file URL
// helpers. Written from the URL Standard as Node 20 implements it: the path percent-encode set
// has no '^' and spaces in opaque paths stay spaces (the Standard changed both later).
//
// IDNA is approximated: a non-ASCII label is case-folded and NFKC-normalised with the engine's
// Unicode data, checked against a short list of ignored and disallowed code points, and
// punycode-encoded; UTS #46's own mapping table, its bidi and context rules are not applied.
'use strict';

const { TextEncoder, TextDecoder, inspect } = require('util');
const querystring = require('querystring');
const pathModule = require('path');

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder();

function codeError(Type, code, message, extra) {
  const e = internal.codeError(Type, code, message);
  return extra ? Object.assign(e, extra) : e;
}

function invalidURL(input, base) {
  const extra = { input };
  if (base !== undefined) {
    extra.base = base;
  }
  return codeError(TypeError, 'ERR_INVALID_URL', 'Invalid URL', extra);
}

function missingArgs(...names) {
  const list = names.length === 1 ? `"${names[0]}" argument` : `"${names[0]}" and "${names[1]}" arguments`;
  return codeError(TypeError, 'ERR_MISSING_ARGS', `The ${list} must be specified`);
}

function invalidArgType(name, expected, value) {
  return codeError(TypeError, 'ERR_INVALID_ARG_TYPE',
    `The "${name}" argument must be ${expected}. Received ${internal.describe(value)}`);
}

/** The string with each lone surrogate replaced by U+FFFD (Web IDL's USVString). */
function toUSVString(value) {
  const s = `${value}`;
  return /[\ud800-\udfff]/.test(s)
    ? s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd') : s;
}

// ================================================================ percent-encoding

/** An encode set: a flag for each ASCII code point; anything above U+007E is always encoded. */
function encodeSet(base, extra) {
  const set = base ? base.slice() : new Uint8Array(128);
  for (const ch of extra) {
    set[ch.charCodeAt(0)] = 1;
  }
  return set;
}

const C0_CONTROL_SET = new Uint8Array(128);
for (let c = 0; c < 0x20; c++) {
  C0_CONTROL_SET[c] = 1;
}
C0_CONTROL_SET[0x7f] = 1;
const FRAGMENT_SET = encodeSet(C0_CONTROL_SET, ' "<>`');
const QUERY_SET = encodeSet(C0_CONTROL_SET, ' "#<>');
const SPECIAL_QUERY_SET = encodeSet(QUERY_SET, "'");
const PATH_SET = encodeSet(QUERY_SET, '?`{}');
const USERINFO_SET = encodeSet(PATH_SET, '/:;=@[\\]^|');

const HEX = [];
for (let b = 0; b < 256; b++) {
  HEX.push('%' + (b < 16 ? '0' : '') + b.toString(16).toUpperCase());
}

/** The %XX form of a code point's UTF-8 bytes. */
function percentEncodeCodePoint(c) {
  if (c < 0x80) {
    return HEX[c];
  }
  if (c < 0x800) {
    return HEX[0xc0 | (c >> 6)] + HEX[0x80 | (c & 0x3f)];
  }
  if (c < 0x10000) {
    return HEX[0xe0 | (c >> 12)] + HEX[0x80 | ((c >> 6) & 0x3f)] + HEX[0x80 | (c & 0x3f)];
  }
  return HEX[0xf0 | (c >> 18)] + HEX[0x80 | ((c >> 12) & 0x3f)] + HEX[0x80 | ((c >> 6) & 0x3f)]
    + HEX[0x80 | (c & 0x3f)];
}

/** UTF-8 percent-encodes each code point of `s` that is in `set` (all non-ASCII ones are). */
function percentEncode(s, set) {
  let out = '';
  let run = 0; // start of the pending stretch copied unchanged
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80 && set[c] === 0) {
      continue;
    }
    out += s.slice(run, i);
    if (c >= 0xd800 && c <= 0xdfff) {
      const d = s.charCodeAt(i + 1);
      if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      } else {
        c = 0xfffd;
      }
    }
    out += percentEncodeCodePoint(c);
    run = i + 1;
  }
  return run === 0 ? s : out + s.slice(run);
}

function hexValue(b) {
  return b >= 0x30 && b <= 0x39 ? b - 0x30 : b >= 0x41 && b <= 0x46 ? b - 0x37 : b >= 0x61 && b <= 0x66 ? b - 0x57 : -1;
}

/** The bytes of `s` in UTF-8 with each valid %XX turned into its byte (plus as space if asked). */
function percentDecodeToBytes(s, plusAsSpace) {
  const bytes = utf8Encoder.encode(s);
  const out = new Uint8Array(bytes.length);
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0x25 && i + 2 < bytes.length) {
      const hi = hexValue(bytes[i + 1]);
      const lo = hexValue(bytes[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out[n++] = hi * 16 + lo;
        i += 2;
        continue;
      }
    }
    out[n++] = plusAsSpace && b === 0x2b ? 0x20 : b;
  }
  return out.subarray(0, n);
}

/** Percent-decodes, then reads the bytes as UTF-8 (malformed sequences become U+FFFD). */
function percentDecode(s, plusAsSpace) {
  if (!s.includes('%') && !(plusAsSpace && s.includes('+'))) {
    return s;
  }
  return utf8Decoder.decode(percentDecodeToBytes(s, plusAsSpace));
}

// ================================================================ hosts

const FORBIDDEN_HOST = /[\0\t\n\r #/:<>?@[\\\]^|]/;
const FORBIDDEN_DOMAIN = /[\0-\x20#%/:<>?@[\\\]^|\x7f]/;

/**
 * The host parser. Returns the serialized host (a domain, dotted IPv4, bracketed IPv6 or, for
 * a non-special URL, an opaque host), or null on failure.
 */
function parseHost(input, isOpaque) {
  if (input.startsWith('[')) {
    if (!input.endsWith(']')) {
      return null;
    }
    const address = parseIPv6(input.slice(1, -1));
    return address === null ? null : '[' + serializeIPv6(address) + ']';
  }
  if (isOpaque) {
    return FORBIDDEN_HOST.test(input) ? null : percentEncode(input, C0_CONTROL_SET);
  }
  const ascii = domainToASCIIInternal(percentDecode(input, false), true);
  if (ascii === null) {
    return null;
  }
  if (endsInNumber(ascii)) {
    const address = parseIPv4(ascii);
    return address === null ? null : serializeIPv4(address);
  }
  return ascii;
}

/** Whether the last label is a number, so that the whole host must parse as IPv4. */
function endsInNumber(domain) {
  const parts = domain.split('.');
  if (parts[parts.length - 1] === '') {
    if (parts.length === 1) {
      return false;
    }
    parts.pop();
  }
  const last = parts[parts.length - 1];
  return /^[0-9]+$/.test(last) || parseIPv4Number(last) !== null;
}

/** An IPv4 part: decimal, 0x-prefixed hexadecimal or 0-prefixed octal; null if it is none. */
function parseIPv4Number(s) {
  if (s === '') {
    return null;
  }
  let radix = 10;
  if (s.length >= 2 && (s.startsWith('0x') || s.startsWith('0X'))) {
    s = s.slice(2);
    radix = 16;
  } else if (s.length >= 2 && s.startsWith('0')) {
    s = s.slice(1);
    radix = 8;
  }
  if (s === '') {
    return 0;
  }
  const valid = radix === 10 ? /^[0-9]+$/ : radix === 16 ? /^[0-9a-fA-F]+$/ : /^[0-7]+$/;
  return valid.test(s) ? parseInt(s, radix) : null;
}

/** The IPv4 parser: one to four parts, the last filling the remaining bytes ("1.2.3" is 1.2.0.3). */
function parseIPv4(s) {
  const parts = s.split('.');
  if (parts[parts.length - 1] === '' && parts.length > 1) {
    parts.pop();
  }
  if (parts.length > 4) {
    return null;
  }
  const numbers = [];
  for (const part of parts) {
    const n = parseIPv4Number(part);
    if (n === null) {
      return null;
    }
    numbers.push(n);
  }
  const last = numbers.pop();
  if (numbers.some((n) => n > 255) || last >= 256 ** (4 - numbers.length)) {
    return null;
  }
  let address = last;
  numbers.forEach((n, i) => {
    address += n * 256 ** (3 - i);
  });
  return address;
}

function serializeIPv4(address) {
  const out = [];
  for (let i = 0; i < 4; i++) {
    out.unshift(String(address % 256));
    address = Math.floor(address / 256);
  }
  return out.join('.');
}

/** The IPv6 parser: eight 16-bit pieces, "::" for a run of zeros, an optional IPv4 tail. */
function parseIPv6(input) {
  const address = [0, 0, 0, 0, 0, 0, 0, 0];
  let pieceIndex = 0;
  let compress = null;
  let p = 0;
  const at = (i) => (i < input.length ? input[i] : '');
  if (at(p) === ':') {
    if (at(p + 1) !== ':') {
      return null;
    }
    p += 2;
    compress = ++pieceIndex;
  }
  while (at(p) !== '') {
    if (pieceIndex === 8) {
      return null;
    }
    if (at(p) === ':') {
      if (compress !== null) {
        return null;
      }
      p++;
      compress = ++pieceIndex;
      continue;
    }
    let value = 0;
    let length = 0;
    while (length < 4 && /^[0-9a-fA-F]$/.test(at(p))) {
      value = value * 16 + parseInt(at(p), 16);
      p++;
      length++;
    }
    if (at(p) === '.') {
      // The last 32 bits written as dotted decimal.
      if (length === 0) {
        return null;
      }
      p -= length;
      if (pieceIndex > 6) {
        return null;
      }
      let numbersSeen = 0;
      while (at(p) !== '') {
        let ipv4Piece = null;
        if (numbersSeen > 0) {
          if (at(p) === '.' && numbersSeen < 4) {
            p++;
          } else {
            return null;
          }
        }
        if (!/^[0-9]$/.test(at(p))) {
          return null;
        }
        while (/^[0-9]$/.test(at(p))) {
          const number = Number(at(p));
          if (ipv4Piece === null) {
            ipv4Piece = number;
          } else if (ipv4Piece === 0) {
            return null; // no leading zeros
          } else {
            ipv4Piece = ipv4Piece * 10 + number;
          }
          if (ipv4Piece > 255) {
            return null;
          }
          p++;
        }
        address[pieceIndex] = address[pieceIndex] * 0x100 + ipv4Piece;
        numbersSeen++;
        if (numbersSeen === 2 || numbersSeen === 4) {
          pieceIndex++;
        }
      }
      if (numbersSeen !== 4) {
        return null;
      }
      break;
    } else if (at(p) === ':') {
      p++;
      if (at(p) === '') {
        return null;
      }
    } else if (at(p) !== '') {
      return null;
    }
    address[pieceIndex++] = value;
  }
  if (compress !== null) {
    // Move the pieces after "::" to the end; the gap is zeros.
    let swaps = pieceIndex - compress;
    pieceIndex = 7;
    while (pieceIndex !== 0 && swaps > 0) {
      const t = address[pieceIndex];
      address[pieceIndex] = address[compress + swaps - 1];
      address[compress + swaps - 1] = t;
      pieceIndex--;
      swaps--;
    }
  } else if (pieceIndex !== 8) {
    return null;
  }
  return address;
}

/** Lowercase hex pieces; the first longest run of two or more zero pieces becomes "::". */
function serializeIPv6(address) {
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    let j = i;
    while (j < 8 && address[j] === 0) {
      j++;
    }
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j === i ? i + 1 : j;
  }
  let out = '';
  for (let i = 0; i < 8; i++) {
    if (i === bestStart) {
      out += i === 0 ? '::' : ':';
      i += bestLength - 1;
      continue;
    }
    out += address[i].toString(16) + (i < 7 ? ':' : '');
  }
  return out;
}

// ---------------------------------------------------------------- IDNA (approximated UTS #46) and punycode

// Code points UTS #46 maps to nothing, and ones it disallows that NFKC and the general
// categories tested below do not catch.
const IDNA_IGNORED =
  /[\u00ad\u034f\u180b-\u180d\u180f\u200b\u2060\u2064\ufe00-\ufe0f\ufeff\u{1bca0}-\u{1bca3}\u{e0100}-\u{e01ef}]/gu;
const IDNA_DISALLOWED = /[\p{Cc}\p{Cf}\p{Cn}\p{Co}\p{Cs}\p{Z}\u115f\u1160\u3164\uffa0\ufff9-\ufffd]/u;
const FULL_STOPS = /[\u3002\uff0e\uff61]/g;

/** UTS #46's mapping step, approximately: null if a code point is disallowed. */
function idnaMap(domain) {
  let out = '';
  for (const ch of domain.replace(IDNA_IGNORED, '')) {
    if (ch.charCodeAt(0) < 0x80) {
      out += ch.toLowerCase();
      continue;
    }
    if (ch === '\u1e9e') { // capital sharp s folds to "ss", not to "ß"
      out += 'ss';
      continue;
    }
    const mapped = ch.normalize('NFKC').replace(FULL_STOPS, '.');
    if (mapped.includes('.') && !/^[\u3002\uff0e\uff61]$/.test(ch)) {
      return null; // e.g. U+2488 "1." would add a label
    }
    // Per code point, so that a final sigma is folded like any other sigma.
    for (const m of mapped) {
      const c = m.codePointAt(0);
      if (c >= 0x13f8 && c <= 0x13fd) {
        out += String.fromCharCode(c - 8); // Cherokee case-folds to its capitals
      } else if (c >= 0xab70 && c <= 0xabbf) {
        out += String.fromCharCode(c - 0xab70 + 0x13a0);
      } else {
        out += m.toLowerCase();
      }
    }
  }
  out = out.normalize('NFC');
  for (const ch of out) {
    if (ch.charCodeAt(0) >= 0x80 && IDNA_DISALLOWED.test(ch)) {
      return null;
    }
  }
  return out;
}

/**
 * Domain to ASCII: the labels mapped, non-ASCII ones punycode-encoded ("xn--"), "xn--" ones
 * checked to decode. With `checkForbidden`, a forbidden domain code point fails, as the host
 * parser requires. Returns null on failure.
 */
function domainToASCIIInternal(domain, checkForbidden) {
  // eslint-disable-next-line no-control-regex
  const ascii = !/[^\x00-\x7f]/.test(domain);
  if (ascii && !/xn--/i.test(domain)) {
    const lower = domain.toLowerCase();
    return lower === '' || (checkForbidden && FORBIDDEN_DOMAIN.test(lower)) ? null : lower;
  }
  const mapped = ascii ? domain.toLowerCase() : idnaMap(domain);
  if (mapped === null) {
    return null;
  }
  const labels = mapped.split('.');
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i];
    if (label.startsWith('xn--')) {
      const decoded = punycodeDecode(label.slice(4));
      if (decoded === null || decoded === '' || idnaMap(decoded) !== decoded) {
        return null;
      }
    } else if (/[^\x00-\x7f]/.test(label)) {
      labels[i] = 'xn--' + punycodeEncode(label);
    }
  }
  const result = labels.join('.');
  if (result === '' || (checkForbidden && FORBIDDEN_DOMAIN.test(result))) {
    return null;
  }
  return result;
}

// RFC 3492's parameters.
const PUNY_BASE = 36;
const PUNY_TMIN = 1;
const PUNY_TMAX = 26;
const PUNY_SKEW = 38;
const PUNY_DAMP = 700;

function punyAdapt(delta, count, first) {
  delta = first ? Math.floor(delta / PUNY_DAMP) : delta >> 1;
  delta += Math.floor(delta / count);
  let k = 0;
  while (delta > ((PUNY_BASE - PUNY_TMIN) * PUNY_TMAX) >> 1) {
    delta = Math.floor(delta / (PUNY_BASE - PUNY_TMIN));
    k += PUNY_BASE;
  }
  return k + Math.floor(((PUNY_BASE - PUNY_TMIN + 1) * delta) / (delta + PUNY_SKEW));
}

function punyThreshold(k, bias) {
  return k <= bias ? PUNY_TMIN : k >= bias + PUNY_TMAX ? PUNY_TMAX : k - bias;
}

function punyDigit(d) {
  return String.fromCharCode(d < 26 ? 0x61 + d : 0x16 + d); // a-z, then 0-9
}

/** Punycode of a label: its ASCII characters, "-", then the others as deltas. */
function punycodeEncode(label) {
  const input = Array.from(label, (ch) => ch.codePointAt(0));
  let output = '';
  for (const c of input) {
    if (c < 0x80) {
      output += String.fromCharCode(c);
    }
  }
  const basic = output.length;
  let handled = basic;
  if (basic > 0) {
    output += '-';
  }
  let n = 0x80;
  let delta = 0;
  let bias = 72;
  while (handled < input.length) {
    let m = Infinity;
    for (const c of input) {
      if (c >= n && c < m) {
        m = c;
      }
    }
    delta += (m - n) * (handled + 1);
    n = m;
    for (const c of input) {
      if (c < n) {
        delta++;
      } else if (c === n) {
        let q = delta;
        for (let k = PUNY_BASE; ; k += PUNY_BASE) {
          const t = punyThreshold(k, bias);
          if (q < t) {
            break;
          }
          output += punyDigit(t + ((q - t) % (PUNY_BASE - t)));
          q = Math.floor((q - t) / (PUNY_BASE - t));
        }
        output += punyDigit(q);
        bias = punyAdapt(delta, handled + 1, handled === basic);
        delta = 0;
        handled++;
      }
    }
    delta++;
    n++;
  }
  return output;
}

/** The label a punycode string stands for, or null if it is malformed. */
function punycodeDecode(s) {
  const output = [];
  const dash = s.lastIndexOf('-');
  for (let i = 0; i < Math.max(dash, 0); i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) {
      return null;
    }
    output.push(c);
  }
  let n = 0x80;
  let bias = 72;
  let i = 0;
  for (let pos = dash > 0 ? dash + 1 : 0; pos < s.length;) {
    const oldi = i;
    let w = 1;
    for (let k = PUNY_BASE; ; k += PUNY_BASE) {
      if (pos >= s.length) {
        return null;
      }
      const c = s.charCodeAt(pos++);
      const digit = c >= 0x30 && c <= 0x39 ? c - 0x16 : c >= 0x41 && c <= 0x5a ? c - 0x41
        : c >= 0x61 && c <= 0x7a ? c - 0x61 : -1;
      if (digit < 0 || digit > Math.floor((0x7fffffff - i) / w)) {
        return null;
      }
      i += digit * w;
      const t = punyThreshold(k, bias);
      if (digit < t) {
        break;
      }
      w *= PUNY_BASE - t;
    }
    bias = punyAdapt(i - oldi, output.length + 1, oldi === 0);
    n += Math.floor(i / (output.length + 1));
    i %= output.length + 1;
    if (n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) {
      return null;
    }
    output.splice(i++, 0, n);
  }
  return String.fromCodePoint(...output);
}

/** A serialized host with its punycode labels decoded, for display. */
function hostToUnicode(host) {
  return host.split('.').map((label) => {
    if (/^xn--/i.test(label)) {
      const decoded = punycodeDecode(label.slice(4));
      return decoded === null ? label : decoded;
    }
    return label;
  }).join('.');
}

// ================================================================ the URL record and parser

const SPECIAL_SCHEMES = new Map([['ftp', 21], ['file', null], ['http', 80], ['https', 443], ['ws', 80], ['wss', 443]]);

function isSpecial(url) {
  return SPECIAL_SCHEMES.has(url.scheme);
}

function newRecord() {
  // path is an array of segments, or a string for an opaque path ("mailto:x").
  return { scheme: '', username: '', password: '', host: null, port: null, path: [], query: null, fragment: null };
}

function hasOpaquePath(url) {
  return typeof url.path === 'string';
}

function includesCredentials(url) {
  return url.username !== '' || url.password !== '';
}

function cannotHaveCredentialsOrPort(url) {
  return url.host === null || url.host === '' || url.scheme === 'file';
}

function isAlpha(c) {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function isWindowsDriveLetter(s) {
  return s.length === 2 && isAlpha(s.charCodeAt(0)) && (s[1] === ':' || s[1] === '|');
}

function isNormalizedWindowsDriveLetter(s) {
  return s.length === 2 && isAlpha(s.charCodeAt(0)) && s[1] === ':';
}

function startsWithWindowsDriveLetter(input, p) {
  return input.length - p >= 2 && isWindowsDriveLetter(input.slice(p, p + 2))
    && (input.length - p === 2 || '/\\?#'.includes(input[p + 2]));
}

function isSingleDot(s) {
  return s === '.' || s.toLowerCase() === '%2e';
}

function isDoubleDot(s) {
  switch (s.toLowerCase()) {
    case '..': case '.%2e': case '%2e.': case '%2e%2e': return true;
    default: return false;
  }
}

function shortenPath(url) {
  const path = url.path;
  if (url.scheme === 'file' && path.length === 1 && isNormalizedWindowsDriveLetter(path[0])) {
    return;
  }
  path.pop();
}

// The parser's states.
const SCHEME_START = 1;
const SCHEME = 2;
const NO_SCHEME = 3;
const SPECIAL_RELATIVE_OR_AUTHORITY = 4;
const PATH_OR_AUTHORITY = 5;
const RELATIVE = 6;
const RELATIVE_SLASH = 7;
const SPECIAL_AUTHORITY_SLASHES = 8;
const SPECIAL_AUTHORITY_IGNORE_SLASHES = 9;
const AUTHORITY = 10;
const HOST = 11;
const HOSTNAME = 12;
const PORT = 13;
const FILE = 14;
const FILE_SLASH = 15;
const FILE_HOST = 16;
const PATH_START = 17;
const PATH = 18;
const OPAQUE_PATH = 19;
const QUERY = 20;
const FRAGMENT = 21;

// Characters that end a run of ordinary ones in a state; a run is taken in one step.
const AUTHORITY_STOPS = [/[@/?#]/g, /[@/?#\\]/g]; // [special]
const HOST_STOPS = [/[:[\]/?#]/g, /[:[\]/?#\\]/g];
const PATH_STOPS = [[/[/?#]/g, /[/?#\\]/g], [/\//g, /[/\\]/g]]; // [override][special]
const FILE_HOST_STOPS = /[/\\?#]/g;
const OPAQUE_PATH_STOPS = /[?#]/g;
const QUERY_STOPS = /#/g;

/**
 * The index of the first match of `stops` (a global regex) at or after `p`, or the length. The
 * states call it from the character after the current one, which they always take.
 */
function nextStop(input, p, stops) {
  stops.lastIndex = p;
  const m = stops.exec(input);
  return m === null ? input.length : m.index;
}

/**
 * The basic URL parser. Without `url` it parses `input` (against `base`, a record or null) and
 * returns a new record, or null on failure. With `url` and `override` (a state) it is a setter:
 * it changes `url` in place, returning null where the Standard returns failure.
 *
 * The pointer walks UTF-16 code units; text is collected raw in `buffer` and percent-encoded
 * when a component ends, which encodes a surrogate pair as one code point. Runs of characters
 * that a state merely collects are taken at once (see nextStop).
 */
function basicParse(input, base, url, override) {
  if (!url) {
    url = newRecord();
    if (input.charCodeAt(0) <= 0x20 || input.charCodeAt(input.length - 1) <= 0x20) {
      input = input.replace(/^[\0-\x20]+|[\0-\x20]+$/g, '');
    }
  }
  if (/[\t\n\r]/.test(input)) {
    input = input.replace(/[\t\n\r]/g, '');
  }
  let state = override || SCHEME_START;
  let buffer = '';
  let atSignSeen = false;
  let insideBrackets = false;
  let passwordTokenSeen = false;
  const len = input.length;
  // Node's quirks in the host setter of a non-special URL: if the URL had a non-empty host, a
  // value with an empty host (":80") empties it and still sets the port; if it had none, an
  // empty value (to the hostname setter too) changes nothing (but see below) and a port in the
  // value is ignored.
  const opaqueHostQuirk = override === HOST && !isSpecial(url);
  const hadHost = url.host !== null && url.host !== '';
  let special = isSpecial(url); // kept up to date where the scheme is set
  for (let p = 0; ; p++) {
    const eof = p >= len;
    const ch = eof ? '' : input[p];
    switch (state) {
      case SCHEME_START:
        if (!eof && isAlpha(ch.charCodeAt(0))) {
          buffer += ch.toLowerCase();
          state = SCHEME;
        } else if (!override) {
          state = NO_SCHEME;
          p--;
        } else {
          return null;
        }
        break;

      case SCHEME:
        if (!eof && /[a-zA-Z0-9+\-.]/.test(ch)) {
          buffer += ch.toLowerCase();
        } else if (ch === ':') {
          if (override) {
            // The protocol setter cannot move between special and non-special, nor give a
            // URL with credentials, a port or an empty host the scheme "file".
            if (SPECIAL_SCHEMES.has(buffer) !== special) {
              return url;
            }
            if ((includesCredentials(url) || url.port !== null) && buffer === 'file') {
              return url;
            }
            if (url.scheme === 'file' && url.host === '') {
              return url;
            }
          }
          url.scheme = buffer;
          special = isSpecial(url);
          if (override) {
            if (url.port !== null && url.port === SPECIAL_SCHEMES.get(url.scheme)) {
              url.port = null;
            }
            return url;
          }
          buffer = '';
          if (url.scheme === 'file') {
            state = FILE;
          } else if (special && base && base.scheme === url.scheme) {
            state = SPECIAL_RELATIVE_OR_AUTHORITY;
          } else if (special) {
            state = SPECIAL_AUTHORITY_SLASHES;
          } else if (input[p + 1] === '/') {
            state = PATH_OR_AUTHORITY;
            p++;
          } else {
            url.path = '';
            state = OPAQUE_PATH;
          }
        } else if (!override) {
          // Not a scheme after all: start again, as a relative reference.
          buffer = '';
          state = NO_SCHEME;
          p = -1;
        } else {
          return null;
        }
        break;

      case NO_SCHEME:
        if (!base || (hasOpaquePath(base) && ch !== '#')) {
          return null;
        }
        if (hasOpaquePath(base)) {
          url.scheme = base.scheme;
          special = isSpecial(url);
          url.path = base.path;
          url.query = base.query;
          url.fragment = '';
          state = FRAGMENT;
        } else {
          state = base.scheme === 'file' ? FILE : RELATIVE;
          p--;
        }
        break;

      case SPECIAL_RELATIVE_OR_AUTHORITY:
        if (ch === '/' && input[p + 1] === '/') {
          state = SPECIAL_AUTHORITY_IGNORE_SLASHES;
          p++;
        } else {
          state = RELATIVE;
          p--;
        }
        break;

      case PATH_OR_AUTHORITY:
        if (ch === '/') {
          state = AUTHORITY;
        } else {
          state = PATH;
          p--;
        }
        break;

      case RELATIVE:
        url.scheme = base.scheme;
        special = isSpecial(url);
        if (ch === '/' || (special && ch === '\\')) {
          state = RELATIVE_SLASH;
        } else {
          url.username = base.username;
          url.password = base.password;
          url.host = base.host;
          url.port = base.port;
          url.path = base.path.slice();
          url.query = base.query;
          if (ch === '?') {
            url.query = '';
            state = QUERY;
          } else if (ch === '#') {
            url.fragment = '';
            state = FRAGMENT;
          } else if (!eof) {
            url.query = null;
            shortenPath(url);
            state = PATH;
            p--;
          }
        }
        break;

      case RELATIVE_SLASH:
        if (special && (ch === '/' || ch === '\\')) {
          state = SPECIAL_AUTHORITY_IGNORE_SLASHES;
        } else if (ch === '/') {
          state = AUTHORITY;
        } else {
          url.username = base.username;
          url.password = base.password;
          url.host = base.host;
          url.port = base.port;
          state = PATH;
          p--;
        }
        break;

      case SPECIAL_AUTHORITY_SLASHES:
        state = SPECIAL_AUTHORITY_IGNORE_SLASHES;
        if (ch === '/' && input[p + 1] === '/') {
          p++;
        } else {
          p--;
        }
        break;

      case SPECIAL_AUTHORITY_IGNORE_SLASHES:
        if (ch !== '/' && ch !== '\\') {
          state = AUTHORITY;
          p--;
        }
        break;

      case AUTHORITY:
        if (ch === '@') {
          // Everything before the last '@' is userinfo; an earlier '@' is part of it.
          if (atSignSeen) {
            buffer = '%40' + buffer;
          }
          atSignSeen = true;
          const colon = passwordTokenSeen ? -1 : buffer.indexOf(':');
          if (passwordTokenSeen) {
            url.password += percentEncode(buffer, USERINFO_SET);
          } else if (colon < 0) {
            url.username += percentEncode(buffer, USERINFO_SET);
          } else {
            passwordTokenSeen = true;
            url.username += percentEncode(buffer.slice(0, colon), USERINFO_SET);
            url.password += percentEncode(buffer.slice(colon + 1), USERINFO_SET);
          }
          buffer = '';
        } else if (eof || ch === '/' || ch === '?' || ch === '#' || (special && ch === '\\')) {
          if (atSignSeen && buffer === '') {
            return null;
          }
          // Read what followed the userinfo again, as the host.
          p -= buffer.length + 1;
          buffer = '';
          state = HOST;
        } else {
          const end = nextStop(input, p + 1, AUTHORITY_STOPS[special ? 1 : 0]);
          buffer += input.slice(p, end);
          p = end - 1;
        }
        break;

      case HOST:
      case HOSTNAME:
        if (override && url.scheme === 'file') {
          p--;
          state = FILE_HOST;
        } else if (ch === ':' && !insideBrackets) {
          if (buffer === '' && opaqueHostQuirk && hadHost) {
            url.host = '';
            state = PORT;
            break;
          }
          if (buffer === '' || override === HOSTNAME) {
            return null;
          }
          const host = parseHost(buffer, !special);
          if (host === null) {
            return null;
          }
          url.host = host;
          buffer = '';
          if (opaqueHostQuirk && !hadHost) {
            return url;
          }
          state = PORT;
        } else if (eof || ch === '/' || ch === '?' || ch === '#' || (special && ch === '\\')) {
          p--;
          if (special && buffer === '') {
            return null;
          }
          if (override && buffer === '' && !special && !hadHost) {
            // Node's quirk: an empty host is set only where the path needs one ("sc:/.//p").
            if (url.host === null && url.path.length > 1 && url.path[0] === '') {
              url.host = '';
            }
            return url;
          }
          if (override && buffer === '' && (includesCredentials(url) || url.port !== null)) {
            return null;
          }
          const host = parseHost(buffer, !special);
          if (host === null) {
            return null;
          }
          url.host = host;
          buffer = '';
          state = PATH_START;
          if (override) {
            return url;
          }
        } else if (ch === '[' || ch === ']') {
          insideBrackets = ch === '[';
          buffer += ch;
        } else {
          const end = nextStop(input, p + 1, HOST_STOPS[special ? 1 : 0]);
          buffer += input.slice(p, end);
          p = end - 1;
        }
        break;

      case PORT:
        if (!eof && ch >= '0' && ch <= '9') {
          buffer += ch;
        } else if (eof || ch === '/' || ch === '?' || ch === '#' || (special && ch === '\\') || override) {
          if (buffer !== '') {
            const port = parseInt(buffer, 10);
            if (port > 65535) {
              return null;
            }
            url.port = port === SPECIAL_SCHEMES.get(url.scheme) ? null : port;
            buffer = '';
          }
          if (override) {
            return url;
          }
          state = PATH_START;
          p--;
        } else {
          return null;
        }
        break;

      case FILE:
        url.scheme = 'file';
        special = true;
        url.host = '';
        if (ch === '/' || ch === '\\') {
          state = FILE_SLASH;
        } else if (base && base.scheme === 'file') {
          url.host = base.host;
          url.path = base.path.slice();
          url.query = base.query;
          if (ch === '?') {
            url.query = '';
            state = QUERY;
          } else if (ch === '#') {
            url.fragment = '';
            state = FRAGMENT;
          } else if (!eof) {
            url.query = null;
            if (!startsWithWindowsDriveLetter(input, p)) {
              shortenPath(url);
            } else {
              url.path = [];
            }
            state = PATH;
            p--;
          }
        } else {
          state = PATH;
          p--;
        }
        break;

      case FILE_SLASH:
        if (ch === '/' || ch === '\\') {
          state = FILE_HOST;
        } else {
          if (base && base.scheme === 'file') {
            url.host = base.host;
            if (!startsWithWindowsDriveLetter(input, p) && base.path.length > 0
                && isNormalizedWindowsDriveLetter(base.path[0])) {
              url.path.push(base.path[0]);
            }
          }
          state = PATH;
          p--;
        }
        break;

      case FILE_HOST:
        if (eof || ch === '/' || ch === '\\' || ch === '?' || ch === '#') {
          p--;
          if (!override && isWindowsDriveLetter(buffer)) {
            state = PATH; // "file://C:/": the drive letter starts the path, it is no host
          } else if (buffer === '') {
            url.host = '';
            if (override) {
              return url;
            }
            state = PATH_START;
          } else {
            let host = parseHost(buffer, !special);
            if (host === null) {
              return null;
            }
            if (host === 'localhost') {
              host = '';
            }
            url.host = host;
            if (override) {
              return url;
            }
            buffer = '';
            state = PATH_START;
          }
        } else {
          const end = nextStop(input, p + 1, FILE_HOST_STOPS);
          buffer += input.slice(p, end);
          p = end - 1;
        }
        break;

      case PATH_START:
        if (special) {
          state = PATH;
          if (ch !== '/' && ch !== '\\') {
            p--;
          }
        } else if (!override && ch === '?') {
          url.query = '';
          state = QUERY;
        } else if (!override && ch === '#') {
          url.fragment = '';
          state = FRAGMENT;
        } else if (!eof) {
          state = PATH;
          if (ch !== '/') {
            p--;
          }
        } else if (override && url.host === null) {
          url.path.push('');
        }
        break;

      case PATH: {
        const slash = ch === '/' || (special && ch === '\\');
        if (eof || slash || (!override && (ch === '?' || ch === '#'))) {
          if (isDoubleDot(buffer)) {
            // Node's quirk: the pathname setter of a non-special URL leaves an empty path
            // empty on a final "..", where the Standard makes it "/".
            const emptyBefore = url.path.length === 0;
            shortenPath(url);
            if (!slash && !(override && !special && emptyBefore)) {
              url.path.push('');
            }
          } else if (isSingleDot(buffer)) {
            if (!slash) {
              url.path.push('');
            }
          } else {
            if (url.scheme === 'file' && url.path.length === 0 && isWindowsDriveLetter(buffer)) {
              buffer = buffer[0] + ':'; // "C|" is written "C:"
            }
            url.path.push(percentEncode(buffer, PATH_SET));
          }
          buffer = '';
          if (ch === '?') {
            url.query = '';
            state = QUERY;
          } else if (ch === '#') {
            url.fragment = '';
            state = FRAGMENT;
          }
        } else {
          const end = nextStop(input, p + 1, PATH_STOPS[override ? 1 : 0][special ? 1 : 0]);
          buffer += input.slice(p, end);
          p = end - 1;
        }
        break;
      }

      case OPAQUE_PATH:
        if (eof || ch === '?' || ch === '#') {
          url.path += percentEncode(buffer, C0_CONTROL_SET);
          buffer = '';
          if (ch === '?') {
            url.query = '';
            state = QUERY;
          } else if (ch === '#') {
            url.fragment = '';
            state = FRAGMENT;
          }
        } else {
          const end = nextStop(input, p + 1, OPAQUE_PATH_STOPS);
          buffer += input.slice(p, end);
          p = end - 1;
        }
        break;

      case QUERY:
        if (eof || (!override && ch === '#')) {
          url.query += percentEncode(buffer, special ? SPECIAL_QUERY_SET : QUERY_SET);
          buffer = '';
          if (ch === '#') {
            url.fragment = '';
            state = FRAGMENT;
          }
        } else {
          const end = override ? len : nextStop(input, p + 1, QUERY_STOPS);
          buffer += input.slice(p, end);
          p = end - 1;
        }
        break;

      case FRAGMENT:
        if (eof) {
          url.fragment += percentEncode(buffer, FRAGMENT_SET);
        } else {
          buffer += input.slice(p);
          p = len - 1;
        }
        break;

      default:
        throw new Error('unknown URL parser state ' + state);
    }
    if (p >= len) {
      return url;
    }
  }
}

// ---------------------------------------------------------------- serializing

function serializePath(url) {
  return hasOpaquePath(url) ? url.path : url.path.length === 0 ? '' : '/' + url.path.join('/');
}

function serializeURL(url) {
  let out = url.scheme + ':';
  if (url.host !== null) {
    out += '//';
    if (includesCredentials(url)) {
      out += url.username + (url.password !== '' ? ':' + url.password : '') + '@';
    }
    out += url.host + (url.port !== null ? ':' + url.port : '');
  } else if (!hasOpaquePath(url) && url.path.length > 1 && url.path[0] === '') {
    out += '/.'; // keeps "//" at the start of the path from reading as a host
  }
  out += serializePath(url);
  if (url.query !== null) {
    out += '?' + url.query;
  }
  if (url.fragment !== null) {
    out += '#' + url.fragment;
  }
  return out;
}

function serializeOrigin(url) {
  switch (url.scheme) {
    case 'blob': {
      // The origin of the URL the blob URL's path holds, if that is http(s).
      const inner = basicParse(serializePath(url), null);
      return inner !== null && (inner.scheme === 'http' || inner.scheme === 'https') ? serializeOrigin(inner) : 'null';
    }
    case 'ftp': case 'http': case 'https': case 'ws': case 'wss':
      return url.scheme + '://' + url.host + (url.port !== null ? ':' + url.port : '');
    default:
      return 'null';
  }
}

/** Drops trailing spaces from an opaque path once nothing follows it, as the Standard asks. */
function stripTrailingSpacesFromOpaquePath(url) {
  if (hasOpaquePath(url) && url.fragment === null && url.query === null) {
    url.path = url.path.replace(/ +$/, '');
  }
}

// ================================================================ URLSearchParams

// application/x-www-form-urlencoded bytes left as they are: * - . 0-9 A-Z _ a-z
const FORM_SET = new Uint8Array(128).fill(1);
for (const ch of '*-._0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz') {
  FORM_SET[ch.charCodeAt(0)] = 0;
}
FORM_SET[0x20] = 0; // a space becomes '+', below

function formEncode(s) {
  return percentEncode(s, FORM_SET).replace(/ /g, '+');
}

function serializeForm(list) {
  let out = '';
  for (let i = 0; i < list.length; i++) {
    out += (i === 0 ? '' : '&') + formEncode(list[i][0]) + '=' + formEncode(list[i][1]);
  }
  return out;
}

function parseForm(input) {
  const list = [];
  for (const sequence of input.split('&')) {
    if (sequence === '') {
      continue;
    }
    const eq = sequence.indexOf('=');
    const name = eq < 0 ? sequence : sequence.slice(0, eq);
    const value = eq < 0 ? '' : sequence.slice(eq + 1);
    list.push([percentDecode(name, true), percentDecode(value, true)]);
  }
  return list;
}

// Module-private bridges between the two classes, set in their static blocks.
let paramsList; // (params) -> its list of [name, value]
let paramsReplaceList; // (params, list)
let paramsAttach; // (params, url): a URL's own searchParams object
let urlSetQuery; // (url, query or null): a searchParams change reaching its URL

const kInvalidThisParams = 'Value of "this" must be of type URLSearchParams';

class URLSearchParams {
  #list = []; // [name, value] pairs, in order
  #url = null; // the URL whose query this object is, if any

  static {
    paramsList = (params) => params.#list;
    paramsReplaceList = (params, list) => {
      params.#list = list;
    };
    paramsAttach = (params, url) => {
      params.#url = url;
    };
  }

  constructor(init = undefined) {
    if (init === undefined || init === null) {
      return;
    }
    if (typeof init === 'object' || typeof init === 'function') {
      const method = init[Symbol.iterator];
      if (typeof method === 'function') {
        // A sequence of [name, value] pairs (a Map, an array of arrays, another URLSearchParams).
        for (const pair of method.call(init)) {
          if ((typeof pair !== 'object' && typeof pair !== 'function') || pair === null
              || typeof pair[Symbol.iterator] !== 'function') {
            throw codeError(TypeError, 'ERR_INVALID_TUPLE', 'Each query pair must be an iterable [name, value] tuple');
          }
          const items = Array.from(pair);
          if (items.length !== 2) {
            throw codeError(TypeError, 'ERR_INVALID_TUPLE', 'Each query pair must be an iterable [name, value] tuple');
          }
          this.#list.push([toUSVString(items[0]), toUSVString(items[1])]);
        }
      } else if (method !== undefined && method !== null) {
        throw codeError(TypeError, 'ERR_ARG_NOT_ITERABLE', 'Query pairs must be iterable');
      } else {
        // A record: the object's own enumerable properties.
        for (const key of Reflect.ownKeys(init)) {
          const desc = Reflect.getOwnPropertyDescriptor(init, key);
          if (desc !== undefined && desc.enumerable) {
            this.#list.push([toUSVString(key), toUSVString(init[key])]);
          }
        }
      }
      return;
    }
    const s = toUSVString(init);
    this.#list = parseForm(s.startsWith('?') ? s.slice(1) : s);
  }

  #update() {
    if (this.#url !== null) {
      const query = serializeForm(this.#list);
      urlSetQuery(this.#url, query === '' ? null : query);
    }
  }

  static #check(params) {
    if (params === null || typeof params !== 'object' || !(#list in params)) {
      throw codeError(TypeError, 'ERR_INVALID_THIS', kInvalidThisParams);
    }
  }

  get size() {
    URLSearchParams.#check(this);
    return this.#list.length;
  }

  append(name, value) {
    URLSearchParams.#check(this);
    if (arguments.length < 2) {
      throw missingArgs('name', 'value');
    }
    this.#list.push([toUSVString(name), toUSVString(value)]);
    this.#update();
  }

  delete(name, value = undefined) {
    URLSearchParams.#check(this);
    if (arguments.length < 1) {
      throw missingArgs('name');
    }
    const n = toUSVString(name);
    if (value !== undefined) {
      const v = toUSVString(value);
      this.#list = this.#list.filter((pair) => pair[0] !== n || pair[1] !== v);
    } else {
      this.#list = this.#list.filter((pair) => pair[0] !== n);
    }
    this.#update();
  }

  get(name) {
    URLSearchParams.#check(this);
    if (arguments.length < 1) {
      throw missingArgs('name');
    }
    const n = toUSVString(name);
    const pair = this.#list.find((p) => p[0] === n);
    return pair === undefined ? null : pair[1];
  }

  getAll(name) {
    URLSearchParams.#check(this);
    if (arguments.length < 1) {
      throw missingArgs('name');
    }
    const n = toUSVString(name);
    return this.#list.filter((p) => p[0] === n).map((p) => p[1]);
  }

  has(name, value = undefined) {
    URLSearchParams.#check(this);
    if (arguments.length < 1) {
      throw missingArgs('name');
    }
    const n = toUSVString(name);
    const v = value === undefined ? undefined : toUSVString(value);
    return this.#list.some((p) => p[0] === n && (v === undefined || p[1] === v));
  }

  set(name, value) {
    URLSearchParams.#check(this);
    if (arguments.length < 2) {
      throw missingArgs('name', 'value');
    }
    const n = toUSVString(name);
    const v = toUSVString(value);
    const first = this.#list.findIndex((p) => p[0] === n);
    if (first < 0) {
      this.#list.push([n, v]);
    } else {
      // The first pair with the name takes the value; the others go.
      this.#list = this.#list.filter((p, i) => i <= first || p[0] !== n);
      this.#list[first] = [n, v];
    }
    this.#update();
  }

  /** A stable sort by name, comparing UTF-16 code units. */
  sort() {
    URLSearchParams.#check(this);
    this.#list.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    this.#update();
  }

  entries() {
    URLSearchParams.#check(this);
    return new URLSearchParamsIterator(this, 'key+value');
  }

  forEach(callback, thisArg = undefined) {
    URLSearchParams.#check(this);
    if (typeof callback !== 'function') {
      throw invalidArgType('callback', 'of type function', callback);
    }
    // Live: a pair the callback adds is visited too.
    for (let i = 0; i < this.#list.length; i++) {
      const [name, value] = this.#list[i];
      callback.call(thisArg, value, name, this);
    }
  }

  keys() {
    URLSearchParams.#check(this);
    return new URLSearchParamsIterator(this, 'key');
  }

  values() {
    URLSearchParams.#check(this);
    return new URLSearchParamsIterator(this, 'value');
  }

  toString() {
    URLSearchParams.#check(this);
    return serializeForm(this.#list);
  }

  [inspect.custom](depth, options, inspectFn = inspect) {
    URLSearchParams.#check(this);
    if (typeof depth === 'number' && depth < 0) {
      return '[Object]';
    }
    const inner = Object.assign({}, options, { depth: depth === null ? null : depth - 1 });
    const entries = this.#list.map(([name, value]) => `${inspectFn(name, inner)} => ${inspectFn(value, inner)}`);
    const name = this.constructor.name;
    if (entries.length === 0) {
      return `${name} {}`;
    }
    // Node's layout: one line if the entries fit in breakLength, else one entry a line.
    const width = entries.reduce((sum, e) => sum + e.length + 2, -2);
    const breakLength = options && options.breakLength !== undefined ? options.breakLength : 80;
    return width > breakLength ? `${name} {\n  ${entries.join(',\n  ')} }` : `${name} { ${entries.join(', ')} }`;
  }
}

/** The iterator keys(), values() and entries() return; it sees later changes to the list. */
class URLSearchParamsIterator {
  #params;
  #kind;
  #index = 0;

  constructor(params, kind) {
    this.#params = params;
    this.#kind = kind;
  }

  static #check(it) {
    if (it === null || typeof it !== 'object' || !(#params in it)) {
      throw codeError(TypeError, 'ERR_INVALID_THIS', 'Value of "this" must be of type URLSearchParamsIterator');
    }
  }

  #item(pair) {
    return this.#kind === 'key' ? pair[0] : this.#kind === 'value' ? pair[1] : [pair[0], pair[1]];
  }

  next() {
    URLSearchParamsIterator.#check(this);
    const list = paramsList(this.#params);
    if (this.#index >= list.length) {
      return { value: undefined, done: true };
    }
    return { value: this.#item(list[this.#index++]), done: false };
  }

  [inspect.custom](depth, options, inspectFn = inspect) {
    URLSearchParamsIterator.#check(this);
    if (typeof depth === 'number' && depth < 0) {
      return '[Object]';
    }
    const inner = Object.assign({}, options, { depth: depth === null ? null : depth - 1 });
    const items = paramsList(this.#params).slice(this.#index).map((pair) => this.#item(pair));
    // One item a line when the items, shown as an array, would not fit on one line.
    const multiline = inspectFn(items, inner).includes('\n');
    const shown = items.map((item) => inspectFn(item, inner));
    const body = multiline ? `\n  ${shown.join(',\n  ')}` : ` ${shown.join(', ')}`;
    return `URLSearchParams Iterator {${body} }`;
  }
}
delete URLSearchParamsIterator.prototype.constructor;
const IteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));
Object.setPrototypeOf(URLSearchParamsIterator.prototype, IteratorPrototype);
Object.defineProperty(URLSearchParamsIterator.prototype, Symbol.toStringTag,
  { value: 'URLSearchParams Iterator', configurable: true });

// ================================================================ URL

class URL {
  #url; // the URL record
  #searchParams = null; // made on first use, then kept in step with the query

  static {
    urlSetQuery = (u, query) => {
      u.#url.query = query;
      if (query === null) {
        stripTrailingSpacesFromOpaquePath(u.#url);
      }
    };
  }

  constructor(input, base = undefined) {
    if (arguments.length === 0) {
      throw missingArgs('url');
    }
    input = toUSVString(input);
    let baseRecord = null;
    if (base !== undefined) {
      base = toUSVString(base);
      baseRecord = basicParse(base, null);
      if (baseRecord === null) {
        throw invalidURL(input, base);
      }
    }
    const record = basicParse(input, baseRecord);
    if (record === null) {
      throw invalidURL(input, base);
    }
    this.#url = record;
  }

  static #record(u) {
    if (u === null || typeof u !== 'object' || !(#url in u)) {
      throw new TypeError('Receiver must be an instance of class URL');
    }
    return u.#url;
  }

  /** The query changed under the searchParams object: it re-reads it. */
  #queryChanged() {
    if (this.#searchParams !== null) {
      paramsReplaceList(this.#searchParams, parseForm(this.#url.query || ''));
    }
  }

  static parse(input, base = undefined) {
    if (arguments.length === 0) {
      throw missingArgs('url');
    }
    return URL.canParse(input, base) ? new URL(input, base) : null;
  }

  static canParse(input, base = undefined) {
    if (arguments.length === 0) {
      throw missingArgs('url');
    }
    let baseRecord = null;
    if (base !== undefined) {
      baseRecord = basicParse(toUSVString(base), null);
      if (baseRecord === null) {
        return false;
      }
    }
    return basicParse(toUSVString(input), baseRecord) !== null;
  }

  /** There are no Blobs here, so nothing is one. */
  static createObjectURL(obj) {
    throw invalidArgType('obj', 'an instance of Blob', obj);
  }

  static revokeObjectURL(url) {
    if (arguments.length === 0) {
      throw missingArgs('url');
    }
  }

  toString() {
    return serializeURL(URL.#record(this));
  }

  get href() {
    return serializeURL(URL.#record(this));
  }

  set href(value) {
    URL.#record(this);
    const s = toUSVString(value);
    const record = basicParse(s, null);
    if (record === null) {
      throw invalidURL(s);
    }
    this.#url = record;
    this.#queryChanged();
  }

  get origin() {
    return serializeOrigin(URL.#record(this));
  }

  get protocol() {
    return URL.#record(this).scheme + ':';
  }

  set protocol(value) {
    basicParse(toUSVString(value) + ':', null, URL.#record(this), SCHEME_START);
  }

  get username() {
    return URL.#record(this).username;
  }

  set username(value) {
    const url = URL.#record(this);
    if (!cannotHaveCredentialsOrPort(url)) {
      url.username = percentEncode(toUSVString(value), USERINFO_SET);
    }
  }

  get password() {
    return URL.#record(this).password;
  }

  set password(value) {
    const url = URL.#record(this);
    if (!cannotHaveCredentialsOrPort(url)) {
      url.password = percentEncode(toUSVString(value), USERINFO_SET);
    }
  }

  get host() {
    const url = URL.#record(this);
    // An empty host shows no port (a port can come with one only through the host setter's quirk).
    return url.host === null || url.host === '' ? '' : url.port === null ? url.host : url.host + ':' + url.port;
  }

  set host(value) {
    const url = URL.#record(this);
    if (!hasOpaquePath(url)) {
      basicParse(toUSVString(value), null, url, HOST);
    }
  }

  get hostname() {
    const url = URL.#record(this);
    return url.host === null ? '' : url.host;
  }

  set hostname(value) {
    const url = URL.#record(this);
    if (!hasOpaquePath(url)) {
      basicParse(toUSVString(value), null, url, HOSTNAME);
    }
  }

  get port() {
    const url = URL.#record(this);
    return url.port === null ? '' : String(url.port);
  }

  set port(value) {
    const url = URL.#record(this);
    if (cannotHaveCredentialsOrPort(url)) {
      return;
    }
    // Tabs and newlines go first, so that a value of only those clears the port (as in Node).
    const s = toUSVString(value).replace(/[\t\n\r]/g, '');
    if (s === '') {
      url.port = null;
    } else {
      basicParse(s, null, url, PORT);
    }
  }

  get pathname() {
    return serializePath(URL.#record(this));
  }

  set pathname(value) {
    const url = URL.#record(this);
    if (!hasOpaquePath(url)) {
      url.path = [];
      basicParse(toUSVString(value), null, url, PATH_START);
    }
  }

  get search() {
    const url = URL.#record(this);
    return url.query === null || url.query === '' ? '' : '?' + url.query;
  }

  set search(value) {
    const url = URL.#record(this);
    const s = toUSVString(value);
    if (s === '') {
      url.query = null;
      stripTrailingSpacesFromOpaquePath(url);
    } else {
      url.query = '';
      basicParse(s.startsWith('?') ? s.slice(1) : s, null, url, QUERY);
    }
    this.#queryChanged();
  }

  get searchParams() {
    URL.#record(this);
    if (this.#searchParams === null) {
      // Parsed as it is: a second '?' at the query's start is part of the first name.
      this.#searchParams = new URLSearchParams();
      paramsReplaceList(this.#searchParams, parseForm(this.#url.query || ''));
      paramsAttach(this.#searchParams, this);
    }
    return this.#searchParams;
  }

  get hash() {
    const url = URL.#record(this);
    return url.fragment === null || url.fragment === '' ? '' : '#' + url.fragment;
  }

  set hash(value) {
    const url = URL.#record(this);
    const s = toUSVString(value);
    if (s === '') {
      url.fragment = null;
      stripTrailingSpacesFromOpaquePath(url);
    } else {
      url.fragment = '';
      basicParse(s.startsWith('#') ? s.slice(1) : s, null, url, FRAGMENT);
    }
  }

  toJSON() {
    return serializeURL(URL.#record(this));
  }

  /** Node shows a URL as its class name and a plain object of its fields. */
  [inspect.custom](depth, options, inspectFn = inspect) {
    URL.#record(this);
    if (typeof depth === 'number' && depth < 0) {
      return this; // no own properties: shown as "URL {}"
    }
    const shown = {
      href: this.href,
      origin: this.origin,
      protocol: this.protocol,
      username: this.username,
      password: this.password,
      host: this.host,
      hostname: this.hostname,
      port: this.port,
      pathname: this.pathname,
      search: this.search,
      searchParams: this.searchParams,
      hash: this.hash,
    };
    return `${this.constructor.name} ${inspectFn(shown, options)}`;
  }
}

// Web IDL members are enumerable, URL's static operations too (parse, canParse, the object
// URLs); the string tags are as Node's.
for (const proto of [URL.prototype, URLSearchParams.prototype]) {
  for (const key of Object.getOwnPropertyNames(proto)) {
    if (key !== 'constructor') {
      Object.defineProperty(proto, key, { enumerable: true });
    }
  }
}
for (const key of ['parse', 'canParse', 'createObjectURL', 'revokeObjectURL']) {
  if (Object.prototype.hasOwnProperty.call(URL, key)) {
    Object.defineProperty(URL, key, { enumerable: true });
  }
}
Object.defineProperty(URL.prototype, Symbol.toStringTag, { value: 'URL', configurable: true });
Object.defineProperty(URLSearchParams.prototype, Symbol.toStringTag, { value: 'URLSearchParams', configurable: true });
Object.defineProperty(URLSearchParams.prototype, Symbol.iterator,
  { value: URLSearchParams.prototype.entries, writable: true, configurable: true });

// ================================================================ the legacy API

// Protocols the legacy parser writes with "//", and ones it never gives a host.
const slashedProtocols = new Set(['http', 'http:', 'https', 'https:', 'ftp', 'ftp:', 'gopher', 'gopher:',
  'file', 'file:', 'ws', 'ws:', 'wss', 'wss:']);
const hostlessProtocols = new Set(['javascript', 'javascript:']);
const unsafeProtocols = new Set(['javascript', 'javascript:']);

// In the rest of the URL these are percent-encoded ('\\' only from the query on: before it, it
// became '/').
const AUTO_ESCAPE = new Map([...'\t\n\r "\'<>\\^`{|}'].map((ch) => [ch, HEX[ch.charCodeAt(0)]]));
// The host ends at the first of these (or of '/', '?', '#').
// (Tabs and newlines do not end it: they are dropped from the name.)
const NON_HOST_CHARS = new Set([...' "#%\'/;<>?\\^`{|}']);

/**
 * Node's legacy URL object (url.parse): a lenient reading of the string into protocol, slashes,
 * auth, host, port, hostname, hash, search, query, pathname, path and href.
 */
function Url() {
  this.protocol = null;
  this.slashes = null;
  this.auth = null;
  this.host = null;
  this.port = null;
  this.hostname = null;
  this.hash = null;
  this.search = null;
  this.query = null;
  this.pathname = null;
  this.path = null;
  this.href = null;
}

/** Leading and trailing control characters and white space, as the legacy parser sees them. */
const LEGACY_TRIM = /^[\0-\x20\u00a0\ufeff]+|[\0-\x20\u00a0\ufeff]+$/g;
/** A bare path and query, which the legacy parser takes as they are (nothing escaped). */
const SIMPLE_PATH = /^(\/\/?(?!\/)[^?\s]*)(\?[^\s]*)?$/;

Url.prototype.parse = function parse(url, parseQueryString, slashesDenoteHost) {
  if (typeof url !== 'string') {
    throw invalidArgType('url', 'of type string', url);
  }
  // Backslashes before the query or fragment count as slashes, as in browsers.
  let rest = url.replace(LEGACY_TRIM, '');
  const end = rest.search(/[?#]/);
  rest = (end < 0 ? rest : rest.slice(0, end)).replace(/\\/g, '/') + (end < 0 ? '' : rest.slice(end));

  if (!slashesDenoteHost && !url.includes('#')) {
    const simple = SIMPLE_PATH.exec(rest);
    if (simple) {
      this.path = this.href = rest;
      this.pathname = simple[1];
      if (simple[2]) {
        this.search = simple[2];
        this.query = parseQueryString ? querystring.parse(this.search.slice(1)) : this.search.slice(1);
      } else if (parseQueryString) {
        this.search = null;
        this.query = Object.create(null);
      }
      return this;
    }
  }

  const protocolMatch = /^[a-z0-9.+-]+:/i.exec(rest);
  let protocol;
  let lowerProtocol;
  if (protocolMatch) {
    protocol = protocolMatch[0];
    lowerProtocol = protocol.toLowerCase();
    this.protocol = lowerProtocol;
    rest = rest.slice(protocol.length);
  }

  // "//" starts a host after a protocol, when asked to, or when "//user@host" makes it plain.
  let slashes = false;
  if (slashesDenoteHost || protocol || /^\/\/[^@/]+@[^@/]+/.test(rest)) {
    slashes = rest.startsWith('//');
    if (slashes && !(protocol && hostlessProtocols.has(lowerProtocol))) {
      rest = rest.slice(2);
      this.slashes = true;
    }
  }

  // The protocol's case matters in the slashed test below, as it does in Node ("HTTP:x" has a host).
  if (!hostlessProtocols.has(lowerProtocol) && (slashes || (protocol && !slashedProtocols.has(protocol)))) {
    rest = parseAuthority(this, rest, url);
  }

  if (!unsafeProtocols.has(lowerProtocol)) {
    let escaped = '';
    for (const ch of rest) {
      escaped += AUTO_ESCAPE.get(ch) || ch;
    }
    rest = escaped;
  }

  const hash = rest.indexOf('#');
  if (hash >= 0) {
    this.hash = rest.slice(hash);
    rest = rest.slice(0, hash);
  }
  const question = rest.indexOf('?');
  if (question >= 0) {
    this.search = rest.slice(question);
    this.query = rest.slice(question + 1);
    if (parseQueryString) {
      this.query = querystring.parse(this.query);
    }
    rest = rest.slice(0, question);
  } else if (parseQueryString) {
    this.search = null;
    this.query = Object.create(null);
  }
  if (rest !== '') {
    this.pathname = rest;
  }
  if (slashedProtocols.has(lowerProtocol) && this.hostname && !this.pathname) {
    this.pathname = '/';
  }
  if (this.pathname || this.search) {
    this.path = (this.pathname || '') + (this.search || '');
  }
  this.href = this.format();
  return this;
};

/** Reads "auth@host:port" from the start of `rest` into `u`; returns what follows it. */
function parseAuthority(u, rest, url) {
  // Tabs and newlines in the authority (up to the first '/', '?' or '#') are dropped.
  let authorityEnd = rest.search(/[/?#]/);
  if (authorityEnd < 0) {
    authorityEnd = rest.length;
  }
  rest = rest.slice(0, authorityEnd).replace(/[\t\n\r]/g, '') + rest.slice(authorityEnd);
  authorityEnd = rest.search(/[/?#]/);
  // The userinfo ends at the last '@' before it.
  const at = authorityEnd < 0 ? rest.lastIndexOf('@') : rest.lastIndexOf('@', authorityEnd);
  if (at >= 0) {
    u.auth = decodeURIComponent(rest.slice(0, at));
    rest = rest.slice(at + 1);
  }
  let hostEnd = 0;
  while (hostEnd < rest.length && !NON_HOST_CHARS.has(rest[hostEnd])) {
    hostEnd++;
  }
  u.host = rest.slice(0, hostEnd);
  rest = rest.slice(hostEnd);
  u.parseHost();
  let hostname = u.hostname || '';
  const ipv6 = hostname.startsWith('[') && hostname.endsWith(']');
  if (!ipv6) {
    // The hostname stops at a character that cannot be in one; the rest joins the path.
    const bad = hostname.search(/[/\\#?:]/);
    if (bad >= 0) {
      rest = '/' + hostname.slice(bad) + rest;
      hostname = hostname.slice(0, bad);
    }
  }
  if (hostname.length > 255) {
    hostname = '';
  } else {
    hostname = hostname.toLowerCase();
  }
  if (hostname !== '' && !ipv6) {
    // A NUL ends the name, as in Node's IDNA step; the mapping must not bring in a character
    // that would end a host.
    const nul = hostname.indexOf('\0');
    const cleaned = nul < 0 ? hostname : hostname.slice(0, nul);
    const ascii = cleaned === '' ? null : domainToASCIIInternal(cleaned, false);
    if (ascii === null || /[ #%/:<>?@[\\\]^|]/.test(ascii)) {
      throw invalidURL(url);
    }
    hostname = ascii;
  }
  u.hostname = hostname;
  u.host = hostname + (u.port ? ':' + u.port : '');
  if (ipv6) {
    u.hostname = hostname.slice(1, -1);
    if (!rest.startsWith('/')) {
      rest = '/' + rest;
    }
  }
  return rest;
}

Url.prototype.format = function format() {
  let auth = this.auth || '';
  if (auth) {
    auth = encodeURIComponent(auth).replace(/%3A/gi, ':') + '@';
  }
  let protocol = this.protocol || '';
  let pathname = this.pathname || '';
  let hash = this.hash || '';
  let host = '';
  if (this.host) {
    host = auth + this.host;
  } else if (this.hostname) {
    const h = this.hostname;
    host = auth + (h.includes(':') && !(h.startsWith('[') && h.endsWith(']')) ? '[' + h + ']' : h);
    if (this.port) {
      host += ':' + this.port;
    }
  }
  let query = '';
  if (this.query !== null && typeof this.query === 'object') {
    query = querystring.stringify(this.query);
  }
  let search = this.search || (query && '?' + query) || '';
  if (protocol && !protocol.endsWith(':')) {
    protocol += ':';
  }
  pathname = pathname.replace(/[?#]/g, (ch) => HEX[ch.charCodeAt(0)]);
  if (this.slashes || slashedProtocols.has(protocol)) {
    if (this.slashes || host) {
      if (pathname && !pathname.startsWith('/')) {
        pathname = '/' + pathname;
      }
      host = '//' + host;
    } else if (/^file:?$/i.test(protocol)) {
      host = '//'; // "file:" keeps its (empty) authority
    }
  }
  search = search.replace(/#/g, '%23');
  if (hash && !hash.startsWith('#')) {
    hash = '#' + hash;
  }
  if (search && !search.startsWith('?')) {
    search = '?' + search;
  }
  return protocol + host + pathname + search + hash;
};

Url.prototype.resolve = function resolve(relative) {
  return this.resolveObject(urlParse(relative, false, true)).format();
};

/**
 * `relative` read against this URL: RFC 3986's reference resolution with the legacy parser's
 * ways. A reference with another protocol stands on its own (a slashed one without a host takes
 * its first path segment as the host: "https:g"); without a protocol or with the same one it is
 * merged. For a protocol written without "//" (mailto:) the legacy "host" is really the start
 * of the path, and is treated so. Dot segments go, except that ".." beyond the start of a
 * relative path with no host is kept.
 */
Url.prototype.resolveObject = function resolveObject(relative) {
  if (typeof relative === 'string') {
    relative = urlParse(relative, false, true);
  }
  const result = new Url();
  Object.assign(result, this);
  result.hash = relative.hash; // the fragment always comes from the reference
  const done = () => {
    result.href = result.format();
    return result;
  };
  const setPath = () => {
    result.path = result.pathname !== null || result.search !== null
      ? (result.pathname || '') + (result.search || '') : null;
  };

  if (relative.href === '') {
    return done();
  }

  // "//host/path": everything but the protocol comes from the reference.
  if (relative.slashes && !relative.protocol) {
    for (const key of Object.keys(relative)) {
      if (key !== 'protocol') {
        result[key] = relative[key];
      }
    }
    if (slashedProtocols.has(result.protocol) && result.hostname && !result.pathname) {
      result.pathname = result.path = '/';
    }
    return done();
  }

  // Another protocol: the reference alone.
  if (relative.protocol && relative.protocol !== result.protocol) {
    if (!slashedProtocols.has(relative.protocol)) {
      for (const key of Object.keys(relative)) {
        result[key] = relative[key];
      }
      return done();
    }
    let { host, hostname, pathname } = relative;
    if (!host && !/^file:?$/.test(relative.protocol)) {
      // "https:g" names the host g.
      const segments = (pathname || '').split('/');
      host = '';
      while (segments.length > 0 && host === '') {
        host = segments.shift();
      }
      if (segments[0] !== '') {
        segments.unshift('');
      }
      if (segments.length < 2) {
        segments.unshift('');
      }
      pathname = segments.join('/');
    }
    result.protocol = relative.protocol;
    result.auth = relative.auth;
    result.host = host || '';
    result.hostname = hostname || host;
    result.port = relative.port;
    result.pathname = pathname;
    result.search = relative.search;
    result.query = relative.query;
    result.slashes = result.slashes || relative.slashes;
    if (result.pathname || result.search) {
      result.path = (result.pathname || '') + (result.search || '');
    }
    return done();
  }

  // The same protocol, or none: a relative reference.
  const hostInPath = Boolean(result.protocol) && !slashedProtocols.has(result.protocol);
  const baseAbsolute = Boolean(result.pathname && result.pathname.startsWith('/'));
  const refAbsolute = Boolean(relative.host || (relative.pathname && relative.pathname.startsWith('/')));
  // Whether ".." may climb above the start (it may not once there is a host or a root).
  const dropExcessUps = baseAbsolute || refAbsolute || Boolean(result.host && relative.pathname);
  let segments = result.pathname ? result.pathname.split('/') : [];
  let refSegments = relative.pathname ? relative.pathname.split('/') : [];
  let refHost = relative.host;
  // Whether the result's path must start with '/'.
  let makeAbsolute = dropExcessUps;
  if (hostInPath) {
    // "mailto:a@b.com": b.com is the start of the path; it goes back after the merge.
    if (result.host) {
      segments = segments[0] === '' ? [result.host, ...segments.slice(1)] : [result.host, ...segments];
    }
    if (relative.protocol && refHost) {
      refSegments = refSegments[0] === '' ? [refHost, ...refSegments.slice(1)] : [refHost, ...refSegments];
    }
    result.host = result.hostname = '';
    result.port = null;
    if (relative.protocol) {
      // a reference that names the protocol brings its own user (in its path), not the base's
      refHost = null;
      result.auth = null;
    }
    makeAbsolute = makeAbsolute && (refSegments[0] === '' || segments[0] === '');
  }
  const hadHost = Boolean(result.host || refHost);

  // (With the same host-in-path protocol, the reference's "host" has moved into its path.)
  const refOwnsHost = !(hostInPath && relative.protocol);
  if (refAbsolute) {
    if (refOwnsHost && (relative.host || relative.host === '')) {
      if (result.host !== relative.host) {
        result.auth = null;
      }
      result.host = relative.host;
      result.port = relative.port;
    }
    if (refOwnsHost && (relative.hostname || relative.hostname === '')) {
      if (result.hostname !== relative.hostname) {
        result.auth = null;
      }
      result.hostname = relative.hostname;
    }
    result.search = relative.search;
    result.query = relative.query;
    segments = refSegments;
  } else if (refSegments.length > 0) {
    segments = segments.slice(0, -1).concat(refSegments);
    result.search = relative.search;
    result.query = relative.query;
  } else if (relative.search !== null && relative.search !== undefined) {
    // Only a query: the base's path with the reference's query.
    if (hostInPath) {
      splitHostFromPath(result, segments);
    }
    result.search = relative.search;
    result.query = relative.query;
    setPath();
    return done();
  }

  if (segments.length === 0) {
    result.pathname = null;
    result.path = result.search ? '/' + result.search : null;
    return done();
  }

  const last = segments[segments.length - 1];
  const trailingSlash = last === '' || ((last === '.' || last === '..') && (hadHost || segments.length > 1));
  // A ".." removes the segment before it, even the empty one before a leading '/' (which is
  // put back below if the path must be absolute).
  const out = [];
  for (const segment of segments) {
    if (segment === '.') {
      continue;
    }
    if (segment === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') {
        out.pop();
      } else if (!dropExcessUps) {
        out.push('..');
      }
      continue;
    }
    out.push(segment);
  }
  if (makeAbsolute && out[0] !== '') {
    out.unshift('');
  }
  if (trailingSlash && !out.join('/').endsWith('/')) {
    out.push('');
  }
  const isAbsolute = out[0] === '' && out.length > 0;
  if (hostInPath) {
    splitHostFromPath(result, isAbsolute ? null : out);
  }
  if (!isAbsolute && result.host && out.length > 0) {
    out.unshift(''); // a path after a host starts with '/'
  }
  result.pathname = out.length > 0 ? out.join('/') : null;
  setPath();
  result.auth = relative.auth || result.auth;
  result.slashes = result.slashes || relative.slashes;
  return done();
};

/** Splits this.host into hostname and port (":digits" at its end). */
Url.prototype.parseHost = function parseHost() {
  let host = this.host;
  const port = /:[0-9]*$/.exec(host);
  if (port) {
    if (port[0] !== ':') {
      this.port = port[0].slice(1);
    }
    host = host.slice(0, -port[0].length);
  }
  if (host) {
    this.hostname = host;
  }
};

/** For a protocol without "//": the path's first segment, "auth@host", is the host again. */
function splitHostFromPath(result, segments) {
  const first = segments === null ? '' : segments.length > 0 ? segments.shift() : '';
  result.host = result.hostname = first;
  const at = first ? first.indexOf('@') : -1;
  if (at > 0) {
    result.auth = first.slice(0, at);
    result.host = result.hostname = first.slice(at + 1).split('@')[0];
  }
}

function urlParse(url, parseQueryString, slashesDenoteHost) {
  if (url instanceof Url) {
    return url;
  }
  const u = new Url();
  u.parse(url, parseQueryString, slashesDenoteHost);
  return u;
}

function urlResolve(source, relative) {
  return urlParse(source, false, true).resolve(relative);
}

function urlResolveObject(source, relative) {
  if (!source) {
    return relative;
  }
  return urlParse(source, false, true).resolveObject(relative);
}

/** url.format: a legacy object (or a string, parsed first) or a WHATWG URL with options. */
function urlFormat(urlObject, options) {
  if (typeof urlObject === 'string') {
    urlObject = urlParse(urlObject);
  } else if (typeof urlObject !== 'object' || urlObject === null) {
    throw invalidArgType('urlObject', 'one of type object or string', urlObject);
  } else if (urlObject instanceof URL) {
    let fragment = true;
    let unicode = false;
    let search = true;
    let auth = true;
    if (options !== undefined) {
      if (options === null || typeof options !== 'object') {
        throw invalidArgType('options', 'of type object', options);
      }
      fragment = options.fragment === undefined ? true : Boolean(options.fragment);
      unicode = Boolean(options.unicode);
      search = options.search === undefined ? true : Boolean(options.search);
      auth = options.auth === undefined ? true : Boolean(options.auth);
    }
    const record = basicParse(urlObject.href, null); // a copy to change
    if (!auth) {
      record.username = record.password = '';
    }
    if (!search) {
      record.query = null;
    }
    if (!fragment) {
      record.fragment = null;
    }
    if (unicode && record.host !== null) {
      record.host = hostToUnicode(record.host);
    }
    return serializeURL(record);
  }
  return Url.prototype.format.call(urlObject);
}

/** The host parser's result for a domain, or '' if it is not a valid host. */
function domainToASCII(domain) {
  if (arguments.length === 0) {
    throw missingArgs('domain');
  }
  const host = parseHost(`${domain}`, false);
  return host === null ? '' : host;
}

function domainToUnicode(domain) {
  if (arguments.length === 0) {
    throw missingArgs('domain');
  }
  const host = parseHost(`${domain}`, false);
  return host === null ? '' : hostToUnicode(host);
}

// ================================================================ file URLs (POSIX paths)

/** Node takes anything with href and protocol (and no legacy auth or path) for a URL here. */
function isURLLike(value) {
  return value !== null && value !== undefined && Boolean(value.href) && Boolean(value.protocol)
    && value.auth === undefined && value.path === undefined;
}

function fileURLToPath(path) {
  if (typeof path === 'string') {
    path = new URL(path);
  } else if (!isURLLike(path)) {
    throw invalidArgType('path', 'of type string or an instance of URL', path);
  }
  if (path.protocol !== 'file:') {
    throw codeError(TypeError, 'ERR_INVALID_URL_SCHEME', 'The URL must be of scheme file');
  }
  if (path.hostname !== '') {
    throw codeError(TypeError, 'ERR_INVALID_FILE_URL_HOST', 'File URL host must be "localhost" or empty on linux');
  }
  const pathname = path.pathname;
  if (/%2f/i.test(pathname)) {
    throw codeError(TypeError, 'ERR_INVALID_FILE_URL_PATH', 'File URL path must not include encoded / characters');
  }
  return decodeURIComponent(pathname);
}

function pathToFileURL(filepath) {
  if (typeof filepath !== 'string') {
    throw invalidArgType('path', 'of type string', filepath);
  }
  let resolved = pathModule.resolve(filepath);
  // path.resolve drops a trailing slash; a directory's URL keeps it.
  if (filepath.endsWith('/') && !resolved.endsWith('/')) {
    resolved += '/';
  }
  // Node 20 encodes these itself, then parses "file://" and the path (so that, as there, a
  // control character at the very end is trimmed away).
  resolved = resolved.replace(/[\t\n\r "#%<>?[\\\]^`{|}~\x7f]/g, (ch) => HEX[ch.charCodeAt(0)]);
  return new URL('file://' + resolved);
}

/** The options http.request takes, from a URL. */
function urlToHttpOptions(url) {
  const options = {
    __proto__: null,
    protocol: url.protocol,
    hostname: typeof url.hostname === 'string' && url.hostname.startsWith('[')
      ? url.hostname.slice(1, -1) : url.hostname,
    hash: url.hash,
    search: url.search,
    pathname: url.pathname,
    path: `${url.pathname || ''}${url.search || ''}`,
    href: url.href,
  };
  if (url.port !== '') {
    options.port = Number(url.port);
  }
  if (url.username || url.password) {
    options.auth = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  }
  return options;
}


module.exports = {
  Url,
  parse: urlParse,
  resolve: urlResolve,
  resolveObject: urlResolveObject,
  format: urlFormat,
  URL,
  URLSearchParams,
  domainToASCII,
  domainToUnicode,
  pathToFileURL,
  fileURLToPath,
  urlToHttpOptions,
};
