// util: format and inspect as console.log shows values (Node's layout: 80 columns, up to three
// inner levels on one line, depth 2), inherits, promisify, deprecate, types.
'use strict';

const defaultOptions = {
  showHidden: false,
  depth: 2,
  colors: false,
  customInspect: true,
  showProxy: false,
  maxArrayLength: 100,
  maxStringLength: 10000,
  breakLength: 80,
  compact: 3,
  sorted: false,
  getters: false,
  numericSeparator: false,
};

const customInspect = Symbol.for('nodejs.util.inspect.custom');

function inspect(value, opts) {
  const ctx = Object.assign({}, defaultOptions, typeof opts === 'object' && opts !== null ? opts : {});
  ctx.seen = [];
  ctx.indentationLvl = 0;
  ctx.currentDepth = 0;
  return formatValue(ctx, value, 0);
}
inspect.custom = customInspect;
inspect.defaultOptions = defaultOptions;

const IDENT = /^[a-zA-Z_$][a-zA-Z_$0-9]*$/;

function quote(s) {
  let q = "'";
  if (s.includes("'")) {
    q = !s.includes('"') ? '"' : !s.includes('`') && !s.includes('${') ? '`' : "'";
  }
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0);
    if (ch === q || ch === '\\') {
      out += '\\' + ch;
    } else if (ch === '\n') {
      out += '\\n';
    } else if (ch === '\t') {
      out += '\\t';
    } else if (ch === '\r') {
      out += '\\r';
    } else if (ch === '\b') {
      out += '\\b';
    } else if (ch === '\f') {
      out += '\\f';
    } else if (ch === '\v') {
      out += '\\v';
    } else if (c < 0x20 || c === 0x7f) {
      out += '\\x' + c.toString(16).toUpperCase().padStart(2, '0');
    } else {
      out += ch;
    }
  }
  return q + out + q;
}

function formatKey(key) {
  if (typeof key === 'symbol') {
    return '[' + key.toString() + ']';
  }
  return IDENT.test(key) ? key : quote(key);
}

/** '1234567' as '1_234_567' (a sign kept in front), for the numericSeparator option. */
function groupFromEnd(digits) {
  const start = digits.startsWith('-') ? 1 : 0;
  let out = '';
  let i = digits.length;
  for (; i >= start + 4; i -= 3) {
    out = '_' + digits.slice(i - 3, i) + out;
  }
  return digits.slice(0, i) + out;
}

/** A fraction's digits grouped from the start ('123456' as '123_456'). */
function groupFromStart(digits) {
  let out = '';
  let i = 0;
  for (; i < digits.length - 3; i += 3) {
    out += digits.slice(i, i + 3) + '_';
  }
  return out + digits.slice(i);
}

/** A number as inspect writes it: -0 kept; with separators, none in exponent forms. */
function formatNumber(n, separators) {
  if (!separators) {
    return Object.is(n, -0) ? '-0' : String(n);
  }
  const integer = Math.trunc(n);
  const text = String(integer);
  if (integer === n) {
    return !Number.isFinite(n) || text.includes('e') ? text : groupFromEnd(text);
  }
  if (Number.isNaN(n)) {
    return text;
  }
  // Node cuts the number's own text at its dot; an exponent form (1e-7, no dot) comes out as
  // Node has it too: '1e-.1e-_7'.
  const whole = String(n);
  const dot = whole.indexOf('.');
  return groupFromEnd(whole.slice(0, dot)) + '.' + groupFromStart(whole.slice(dot + 1));
}

function formatBigInt(b, separators) {
  return (separators ? groupFromEnd(String(b)) : String(b)) + 'n';
}

function formatPrimitive(value, separators) {
  switch (typeof value) {
    case 'string': return quote(value);
    case 'number': return formatNumber(value, separators);
    case 'bigint': return formatBigInt(value, separators);
    case 'boolean': return String(value);
    case 'undefined': return 'undefined';
    case 'symbol': return value.toString();
    default: return String(value);
  }
}

function constructorName(obj) {
  let o = obj;
  while (o !== null && o !== undefined) {
    const d = Object.getOwnPropertyDescriptor(o, 'constructor');
    if (d !== undefined && typeof d.value === 'function' && d.value.name !== '') {
      return d.value.name;
    }
    o = Object.getPrototypeOf(o);
  }
  return null;
}

function formatFunction(fn) {
  const source = Function.prototype.toString.call(fn);
  if (source.startsWith('class') && /^class\b/.test(source)) {
    const ext = Object.getPrototypeOf(fn);
    return '[class ' + (fn.name || '(anonymous)') + (ext && ext.name ? ' extends ' + ext.name : '') + ']';
  }
  let type = 'Function';
  if (fn.constructor && fn.constructor.name === 'AsyncFunction') {
    type = 'AsyncFunction';
  } else if (fn.constructor && fn.constructor.name === 'GeneratorFunction') {
    type = 'GeneratorFunction';
  } else if (fn.constructor && fn.constructor.name === 'AsyncGeneratorFunction') {
    type = 'AsyncGeneratorFunction';
  }
  return '[' + type + (fn.name ? ': ' + fn.name : ' (anonymous)') + ']';
}

function formatError(err) {
  if (typeof err.stack !== 'string') {
    return '[' + String(err.name) + (err.message ? ': ' + err.message : '') + ']';
  }
  return internal.stackText(err);
}

function formatValue(ctx, value, recurseTimes) {
  if (typeof value !== 'object' && typeof value !== 'function') {
    return formatPrimitive(value, ctx.numericSeparator);
  }
  if (value === null) {
    return 'null';
  }
  if (ctx.customInspect && typeof value[customInspect] === 'function') {
    const depth = ctx.depth === null ? null : ctx.depth - recurseTimes;
    const r = value[customInspect](depth, Object.assign({}, ctx), inspect);
    if (r !== value) {
      // A string of several lines is indented to where it is placed, as Node does.
      return typeof r === 'string' ? r.replace(/\n/g, '\n' + ' '.repeat(ctx.indentationLvl))
        : formatValue(ctx, r, recurseTimes);
    }
  }
  if (ctx.seen.includes(value)) {
    return '[Circular *1]';
  }
  return formatRaw(ctx, value, recurseTimes);
}

function formatRaw(ctx, value, recurseTimes) {
  let keys = Object.keys(value);
  let braces;
  let base = '';
  let formatter = formatObjectEntries;
  let extrasArray = false;
  const name = constructorName(value);
  const prefix = (fallback, size) => {
    const n = name === null ? '[' + fallback + ': null prototype]' : name;
    return size === undefined ? n + ' ' : n + '(' + size + ') ';
  };
  if (typeof value === 'function') {
    base = formatFunction(value);
    if (keys.length === 0) {
      return base;
    }
    braces = ['{', '}'];
  } else if (Array.isArray(value)) {
    extrasArray = true;
    const p = name !== 'Array' ? prefix('Array', value.length) : '';
    keys = keys.filter((k) => !/^(0|[1-9][0-9]*)$/.test(k));
    braces = [p + '[', ']'];
    if (value.length === 0 && keys.length === 0) {
      return braces[0] + ']';
    }
    formatter = formatArrayEntries;
  } else if (value instanceof Map) {
    braces = [prefix('Map', value.size) + '{', '}'];
    if (value.size === 0 && keys.length === 0) {
      return braces[0] + '}';
    }
    formatter = formatMapEntries;
  } else if (value instanceof Set) {
    braces = [prefix('Set', value.size) + '{', '}'];
    if (value.size === 0 && keys.length === 0) {
      return braces[0] + '}';
    }
    formatter = formatSetEntries;
  } else if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    extrasArray = true;
    keys = keys.filter((k) => !/^(0|[1-9][0-9]*)$/.test(k));
    braces = [prefix('TypedArray', value.length) + '[', ']'];
    if (value.length === 0 && keys.length === 0) {
      return braces[0] + ']';
    }
    formatter = formatArrayEntries;
  } else if (value instanceof Date) {
    base = Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
    if (keys.length === 0) {
      return base;
    }
    braces = ['{', '}'];
  } else if (value instanceof RegExp) {
    base = RegExp.prototype.toString.call(value);
    if (keys.length === 0) {
      return base;
    }
    braces = ['{', '}'];
  } else if (value instanceof Error) {
    base = formatError(value);
    keys = keys.filter((k) => k !== 'stack' && k !== 'message');
    if (keys.length === 0) {
      return base;
    }
    braces = ['{', '}'];
  } else if (value instanceof Promise) {
    braces = ['Promise {', '}'];
    formatter = () => ['<pending>'];
  } else if (typeof value === 'object' && Object.prototype.toString.call(value) === '[object Arguments]') {
    braces = ['[Arguments] [', ']'];
    formatter = formatArrayEntries;
    extrasArray = true;
  } else {
    const tag = value[Symbol.toStringTag];
    const p = name === 'Object' ? (typeof tag === 'string' && tag !== '' ? 'Object [' + tag + '] ' : '')
      : name === null ? '[Object: null prototype] '
        : (typeof tag === 'string' && tag !== '' && tag !== name ? name + ' [' + tag + '] ' : name + ' ');
    braces = [p + '{', '}'];
    if (keys.length === 0) {
      return p + '{}';
    }
  }
  if (recurseTimes > ctx.depth && ctx.depth !== null) {
    return '[' + (Array.isArray(value) ? 'Array' : name || 'Object') + ']';
  }
  ctx.seen.push(value);
  ctx.currentDepth = recurseTimes;
  let output = formatter(ctx, value, recurseTimes);
  for (const key of keys) {
    output.push(formatProperty(ctx, value, recurseTimes, key));
  }
  for (const sym of Object.getOwnPropertySymbols(value)) {
    if (Object.getOwnPropertyDescriptor(value, sym).enumerable) {
      output.push(formatProperty(ctx, value, recurseTimes, sym));
    }
  }
  ctx.seen.pop();
  return reduceToSingleString(ctx, output, base, braces, extrasArray, recurseTimes, value);
}

function formatProperty(ctx, value, recurseTimes, key) {
  const desc = Object.getOwnPropertyDescriptor(value, key) || { value: value[key], enumerable: true };
  let str;
  if (desc.value !== undefined) {
    ctx.indentationLvl += 2;
    str = formatValue(ctx, desc.value, recurseTimes + 1);
    ctx.indentationLvl -= 2;
  } else if (desc.get !== undefined) {
    str = desc.set !== undefined ? '[Getter/Setter]' : '[Getter]';
  } else if (desc.set !== undefined) {
    str = '[Setter]';
  } else {
    str = 'undefined';
  }
  return formatKey(key) + ': ' + str;
}

function formatArrayEntries(ctx, value, recurseTimes) {
  const output = [];
  const len = Math.min(value.length, ctx.maxArrayLength);
  let holes = 0;
  for (let i = 0; i < len; i++) {
    if (!Object.prototype.hasOwnProperty.call(value, i) && !ArrayBuffer.isView(value)) {
      holes++;
      continue;
    }
    if (holes > 0) {
      output.push('<' + holes + ' empty item' + (holes > 1 ? 's' : '') + '>');
      holes = 0;
    }
    ctx.indentationLvl += 2;
    output.push(formatValue(ctx, value[i], recurseTimes + 1));
    ctx.indentationLvl -= 2;
  }
  if (holes > 0) {
    output.push('<' + holes + ' empty item' + (holes > 1 ? 's' : '') + '>');
  }
  if (value.length > len) {
    const more = value.length - len;
    output.push('... ' + more + ' more item' + (more > 1 ? 's' : ''));
  }
  return output;
}

function formatMapEntries(ctx, value, recurseTimes) {
  const output = [];
  ctx.indentationLvl += 2;
  for (const [k, v] of value) {
    output.push(formatValue(ctx, k, recurseTimes + 1) + ' => ' + formatValue(ctx, v, recurseTimes + 1));
  }
  ctx.indentationLvl -= 2;
  return output;
}

function formatSetEntries(ctx, value, recurseTimes) {
  const output = [];
  ctx.indentationLvl += 2;
  for (const v of value) {
    output.push(formatValue(ctx, v, recurseTimes + 1));
  }
  ctx.indentationLvl -= 2;
  return output;
}

function formatObjectEntries() {
  return [];
}

/**
 * Arrays of more than six short entries are laid out in columns, as Node does: as many columns as
 * make the block roughly square (characters are about 2.5 times as high as wide), at most 15 and
 * within the line; numbers right-aligned, anything else left-aligned.
 */
function groupArrayElements(ctx, output, value) {
  let outputLength = output.length;
  if (value !== undefined && ctx.maxArrayLength < value.length) {
    outputLength--; // the "... more items" line stays on its own
  }
  const separatorSpace = 2;
  const dataLen = output.slice(0, outputLength).map((s) => s.length);
  const totalLength = dataLen.reduce((a, n) => a + n + separatorSpace, 0);
  const maxLength = Math.max(...dataLen);
  const actualMax = maxLength + separatorSpace;
  if (actualMax * 3 + ctx.indentationLvl >= ctx.breakLength || !(totalLength / actualMax > 5 || maxLength <= 6)) {
    return output;
  }
  const averageBias = Math.sqrt(actualMax - totalLength / output.length);
  const biasedMax = Math.max(actualMax - 3 - averageBias, 1);
  const columns = Math.min(
    Math.round(Math.sqrt(2.5 * biasedMax * outputLength) / biasedMax),
    Math.floor((ctx.breakLength - ctx.indentationLvl) / actualMax),
    ctx.compact * 4,
    15);
  if (columns <= 1) {
    return output;
  }
  const widths = [];
  for (let c = 0; c < columns; c++) {
    let w = 0;
    for (let j = c; j < outputLength; j += columns) {
      w = Math.max(w, dataLen[j]);
    }
    widths.push(w + separatorSpace);
  }
  const numeric = value !== undefined && Array.from({ length: outputLength }, (_, i) => value[i])
    .every((v) => typeof v === 'number' || typeof v === 'bigint');
  const lines = [];
  for (let i = 0; i < outputLength; i += columns) {
    const last = Math.min(i + columns, outputLength) - 1;
    let line = '';
    for (let j = i; j < last; j++) {
      const cell = output[j] + ', ';
      line += numeric ? cell.padStart(widths[j - i]) : cell.padEnd(widths[j - i]);
    }
    line += numeric ? output[last].padStart(widths[last - i] - separatorSpace) : output[last];
    lines.push(line);
  }
  if (outputLength < output.length) {
    lines.push(output[outputLength]);
  }
  return lines;
}

function reduceToSingleString(ctx, output, base, braces, extrasArray, recurseTimes, value) {
  const entries = output.length;
  if (extrasArray && entries > 6) {
    output = groupArrayElements(ctx, output, value);
  }
  if (ctx.currentDepth - recurseTimes < ctx.compact && entries === output.length) {
    const start = output.length + ctx.indentationLvl + braces[0].length + base.length + 10;
    let total = output.length + start;
    let fits = total + output.length <= ctx.breakLength;
    for (let i = 0; fits && i < output.length; i++) {
      total += output[i].length;
      fits = total <= ctx.breakLength;
    }
    if (fits && (base === '' || !base.includes('\n'))) {
      const joined = output.join(', ');
      if (!joined.includes('\n')) {
        return (base ? base + ' ' : '') + braces[0] + ' ' + joined + ' ' + braces[1];
      }
    }
  }
  const indentation = '\n' + ' '.repeat(ctx.indentationLvl);
  return (base ? base + ' ' : '') + braces[0] + indentation + '  ' + output.join(',' + indentation + '  ')
    + indentation + braces[1];
}

/** The global constructors there were before any program ran, as Node counts built-ins. */
const BUILT_IN_NAMES = new Set(Object.getOwnPropertyNames(globalThis).filter((name) => /^[A-Z][a-zA-Z0-9]+$/.test(name)));

/**
 * Whether %s should inspect value rather than call its toString: no toString function, or one
 * that a built-in class's prototype owns (a program's own toString is called, as in Node).
 */
function hasBuiltInToString(value) {
  if (typeof value.toString !== 'function') {
    return true;
  }
  if (Object.prototype.hasOwnProperty.call(value, 'toString')) {
    return false;
  }
  let owner = value;
  do {
    owner = Object.getPrototypeOf(owner);
  } while (!Object.prototype.hasOwnProperty.call(owner, 'toString'));
  const d = Object.getOwnPropertyDescriptor(owner, 'constructor');
  return d !== undefined && typeof d.value === 'function' && BUILT_IN_NAMES.has(d.value.name);
}

function format(...args) {
  // console.log() with nothing prints an empty line
  return args.length === 0 ? '' : formatWithOptions(undefined, ...args);
}

function formatWithOptions(options, first, ...rest) {
  const separators = !!(options && options.numericSeparator !== undefined ? options.numericSeparator
    : defaultOptions.numericSeparator);
  let str = '';
  let i = 0;
  if (typeof first === 'string') {
    if (rest.length === 0) {
      return first;
    }
    let last = 0;
    for (let p = 0; p < first.length - 1; p++) {
      if (first.charCodeAt(p) !== 37) { // '%'
        continue;
      }
      const c = first[p + 1];
      if (c === '%') {
        str += first.slice(last, p) + '%';
        last = p + 2;
        p++;
        continue;
      }
      if (i >= rest.length || !'sdifjoOc'.includes(c)) {
        continue;
      }
      const arg = rest[i++];
      let out;
      switch (c) {
        case 's':
          out = typeof arg === 'bigint' ? formatBigInt(arg, separators)
            : typeof arg === 'number' ? formatNumber(arg, separators)
              : typeof arg === 'object' && arg !== null && hasBuiltInToString(arg)
                ? inspect(arg, Object.assign({}, options, { depth: 0, colors: false, compact: 3, numericSeparator: separators }))
                : String(arg);
          break;
        case 'd': case 'i': {
          if (typeof arg === 'bigint') {
            out = formatBigInt(arg, separators);
          } else if (typeof arg === 'symbol') {
            out = 'NaN';
          } else {
            const n = c === 'i' ? parseInt(arg) : Number(arg);
            out = formatNumber(n, separators);
          }
          break;
        }
        case 'f': out = typeof arg === 'symbol' ? 'NaN' : formatNumber(parseFloat(arg)); break;
        case 'j':
          try {
            out = JSON.stringify(arg);
          } catch (e) {
            out = '[Circular]';
          }
          break;
        case 'o': out = inspect(arg, { showHidden: true, showProxy: true, depth: 4 }); break;
        case 'O': out = inspect(arg, options); break;
        case 'c': out = ''; break;
        default: out = '';
      }
      str += first.slice(last, p) + out;
      last = p + 2;
      p++;
    }
    str += first.slice(last);
  } else {
    str = typeof first === 'string' ? first : inspect(first, options);
  }
  for (; i < rest.length; i++) {
    const v = rest[i];
    str += ' ' + (typeof v === 'string' ? v : inspect(v, options));
  }
  return str;
}

function inherits(ctor, superCtor) {
  if (ctor === undefined || ctor === null) {
    throw internal.codeError(TypeError, 'ERR_INVALID_ARG_TYPE',
      'The "ctor" argument must be of type function. Received ' + internal.describe(ctor));
  }
  if (superCtor === undefined || superCtor === null) {
    throw internal.codeError(TypeError, 'ERR_INVALID_ARG_TYPE',
      'The "superCtor" argument must be of type function. Received ' + internal.describe(superCtor));
  }
  if (superCtor.prototype === undefined) {
    throw internal.codeError(TypeError, 'ERR_INVALID_ARG_TYPE',
      'The "superCtor.prototype" property must be of type object. Received ' + internal.describe(superCtor.prototype));
  }
  Object.defineProperty(ctor, 'super_', { value: superCtor, writable: true, configurable: true });
  Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
}

const kCustomPromisify = Symbol.for('nodejs.util.promisify.custom');

function promisify(original) {
  if (typeof original !== 'function') {
    throw internal.codeError(TypeError, 'ERR_INVALID_ARG_TYPE',
      'The "original" argument must be of type function. Received ' + internal.describe(original));
  }
  if (original[kCustomPromisify]) {
    return original[kCustomPromisify];
  }
  function fn(...args) {
    return new Promise((resolve, reject) => {
      original.call(this, ...args, (err, ...values) => {
        if (err) {
          reject(err);
        } else {
          resolve(values.length > 1 ? values : values[0]);
        }
      });
    });
  }
  Object.setPrototypeOf(fn, Object.getPrototypeOf(original));
  return Object.defineProperties(fn, Object.getOwnPropertyDescriptors(original));
}
promisify.custom = kCustomPromisify;

// As Node's: the warning carries its code, and each code is reported once for all functions.
const deprecationCodesWarned = new Set();

function deprecate(fn, message, code) {
  if (typeof fn !== 'function') {
    throw internal.codeError(TypeError, 'ERR_INVALID_ARG_TYPE',
      'The "fn" argument must be of type function. Received ' + internal.describe(fn));
  }
  if (code !== undefined && typeof code !== 'string') {
    throw internal.codeError(TypeError, 'ERR_INVALID_ARG_TYPE',
      'The "code" argument must be of type string. Received ' + internal.describe(code));
  }
  if (process.noDeprecation === true) {
    return fn;
  }
  let warned = false;
  return function deprecated(...args) {
    if (!warned) {
      warned = true;
      if (code === undefined) {
        process.emitWarning(message, 'DeprecationWarning', deprecated);
      } else if (!deprecationCodesWarned.has(code)) {
        deprecationCodesWarned.add(code);
        process.emitWarning(message, 'DeprecationWarning', code, deprecated);
      }
    }
    return new.target ? Reflect.construct(fn, args, new.target) : fn.apply(this, args);
  };
}

/** Node's deep-strict equality (the comparison assert.deepStrictEqual makes). */
function isDeepStrictEqual(a, b) {
  return require('internal/comparisons').isDeepStrictEqual(a, b);
}

const types = {
  isPromise: (v) => v instanceof Promise,
  isDate: (v) => v instanceof Date,
  isRegExp: (v) => v instanceof RegExp,
  isMap: (v) => v instanceof Map,
  isSet: (v) => v instanceof Set,
  isTypedArray: (v) => ArrayBuffer.isView(v) && !(v instanceof DataView),
  isUint8Array: (v) => v instanceof Uint8Array,
  isArrayBuffer: (v) => v instanceof ArrayBuffer,
  isNativeError: (v) => v instanceof Error,
  isAsyncFunction: (v) => typeof v === 'function' && v.constructor && v.constructor.name === 'AsyncFunction',
  isGeneratorFunction: (v) => typeof v === 'function' && v.constructor && v.constructor.name === 'GeneratorFunction',
};

/** util.debuglog: logging to stderr that NODE_DEBUG turns on by section (a comma list, * matching any). */
function debuglog(section, callback) {
  const name = String(section).toUpperCase();
  const enabled = (process.env.NODE_DEBUG || '').split(/[\s,]+/).filter(Boolean).some((p) =>
    new RegExp('^' + p.replace(/[|\\{}()[\]^$+?.]/g, '\\$&').replace(/\*/g, '.*') + '$', 'i').test(name));
  let first = true;
  const logger = function debug(...args) {
    if (first) {
      first = false;
      if (typeof callback === 'function') {
        callback(logger);
      }
    }
    if (enabled) {
      process.stderr.write(name + ' ' + process.pid + ': ' + format(...args) + '\n');
    }
  };
  Object.defineProperty(logger, 'enabled', { get: () => enabled, enumerable: true, configurable: true });
  return logger;
}

module.exports = {
  debuglog,
  debug: debuglog,
  format,
  formatWithOptions,
  inspect,
  inherits,
  promisify,
  deprecate,
  isDeepStrictEqual,
  types,
  isArray: Array.isArray,
};

// ================================================================ TextEncoder and TextDecoder
// The WHATWG Encoding Standard's encoder (UTF-8 only) and decoder for UTF-8, UTF-16LE/BE and
// the "latin1" labels. Node decodes those labels (windows-1252 by name) byte for byte as ISO-8859-1,
// not with windows-1252's table for 0x80-0x9F, and so does this. URL parsing reuses both classes.

const ENCODING_LABELS = new Map();
for (const [name, labels] of [
  ['utf-8', ['unicode-1-1-utf-8', 'unicode11utf8', 'unicode20utf8', 'utf-8', 'utf8', 'x-unicode20utf8']],
  ['utf-16le', ['csunicode', 'iso-10646-ucs-2', 'ucs-2', 'unicode', 'unicodefeff', 'utf-16', 'utf-16le']],
  ['utf-16be', ['unicodefffe', 'utf-16be']],
  ['windows-1252', ['ansi_x3.4-1968', 'ascii', 'cp1252', 'cp819', 'csisolatin1', 'ibm819', 'iso-8859-1',
    'iso-ir-100', 'iso8859-1', 'iso88591', 'iso_8859-1', 'iso_8859-1:1987', 'l1', 'latin1', 'us-ascii',
    'windows-1252', 'x-cp1252']],
]) {
  for (const label of labels) {
    ENCODING_LABELS.set(label, name);
  }
}

const LONE_SURROGATES = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Encodes a string as UTF-8 into a new Uint8Array; a lone surrogate becomes U+FFFD (EF BF BD). */
function encodeUtf8(s) {
  if (s.length > 64) {
    // The host's encoder is much faster on long strings; it would write '?' for a lone surrogate.
    const wellFormed = /[\ud800-\udfff]/.test(s) ? s.replace(LONE_SURROGATES, '\ufffd') : s;
    return internal.host.encode(wellFormed, 'utf8');
  }
  const out = new Uint8Array(s.length * 3);
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      out[n++] = c;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      const d = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      } else {
        c = 0xfffd;
      }
    }
    n = writeUtf8(out, n, c);
  }
  return out.slice(0, n);
}

function writeUtf8(out, n, c) {
  if (c < 0x800) {
    out[n++] = 0xc0 | (c >> 6);
  } else if (c < 0x10000) {
    out[n++] = 0xe0 | (c >> 12);
    out[n++] = 0x80 | ((c >> 6) & 0x3f);
  } else {
    out[n++] = 0xf0 | (c >> 18);
    out[n++] = 0x80 | ((c >> 12) & 0x3f);
    out[n++] = 0x80 | ((c >> 6) & 0x3f);
  }
  out[n++] = 0x80 | (c & 0x3f);
  return n;
}

class TextEncoder {
  #brand = true;

  get encoding() {
    checkThis(this, (o) => #brand in o, 'TextEncoder');
    return 'utf-8';
  }

  encode(input = '') {
    checkThis(this, (o) => #brand in o, 'TextEncoder');
    return encodeUtf8(`${input}`);
  }

  /** Writes as many whole characters of `source` as fit into `destination`. */
  encodeInto(source, destination) {
    checkThis(this, (o) => #brand in o, 'TextEncoder');
    const s = `${source}`;
    if (!(destination instanceof Uint8Array)) {
      throw internal.codeError(TypeError, 'ERR_INVALID_ARG_TYPE',
        'The "dest" argument must be an instance of Uint8Array. Received ' + internal.describe(destination));
    }
    const room = destination.length;
    if (room >= s.length * 3) {
      // Everything fits, whatever the characters.
      const all = encodeUtf8(s);
      destination.set(all);
      return { read: s.length, written: all.length };
    }
    const bytes = new Uint8Array(4);
    let read = 0;
    let written = 0;
    while (read < s.length) {
      let c = s.charCodeAt(read);
      let units = 1;
      if (c >= 0xd800 && c <= 0xdfff) {
        const d = read + 1 < s.length ? s.charCodeAt(read + 1) : 0;
        if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          units = 2;
        } else {
          c = 0xfffd;
        }
      }
      const size = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
      if (written + size > room) {
        break;
      }
      if (size === 1) {
        destination[written] = c;
      } else {
        writeUtf8(bytes, 0, c);
        destination.set(bytes.subarray(0, size), written);
      }
      written += size;
      read += units;
    }
    return { read, written };
  }

  [customInspect](depth) {
    return depth < 0 ? '[TextEncoder]' : { encoding: 'utf-8' };
  }
}
Object.defineProperty(TextEncoder.prototype, Symbol.toStringTag, { value: 'TextEncoder', configurable: true });

/**
 * The Encoding Standard's UTF-8 decoder, over whole input (streaming is done by holding back a
 * split character, see completeLength). Each malformed maximal subpart becomes one U+FFFD, as in
 * browsers and Node (the host's decoder, used for valid input, differs there).
 */
class Utf8Decoder {
  constructor() {
    this.reset();
  }

  reset() {
    this.needed = 0; // continuation bytes still expected
    this.seen = 0;
    this.codePoint = 0;
    this.lower = 0x80; // the range the next continuation byte must be in
    this.upper = 0xbf;
  }

  /** Appends the code units decoded from `bytes` to `units`; onError() returns the replacement. */
  run(bytes, units, onError) {
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i];
      if (this.needed === 0) {
        if (b < 0x80) {
          units.push(b);
        } else if (b >= 0xc2 && b <= 0xdf) {
          this.needed = 1;
          this.codePoint = b & 0x1f;
        } else if (b >= 0xe0 && b <= 0xef) {
          this.lower = b === 0xe0 ? 0xa0 : 0x80; // no overlong forms
          this.upper = b === 0xed ? 0x9f : 0xbf; // no surrogates
          this.needed = 2;
          this.codePoint = b & 0xf;
        } else if (b >= 0xf0 && b <= 0xf4) {
          this.lower = b === 0xf0 ? 0x90 : 0x80;
          this.upper = b === 0xf4 ? 0x8f : 0xbf; // nothing above U+10FFFF
          this.needed = 3;
          this.codePoint = b & 0x7;
        } else {
          units.push(onError());
        }
        continue;
      }
      if (b < this.lower || b > this.upper) {
        // The sequence so far is one error; the byte that broke it starts afresh.
        this.reset();
        units.push(onError());
        i--;
        continue;
      }
      this.lower = 0x80;
      this.upper = 0xbf;
      this.codePoint = (this.codePoint << 6) | (b & 0x3f);
      if (++this.seen === this.needed) {
        const c = this.codePoint;
        this.reset();
        if (c >= 0x10000) {
          units.push(0xd800 + ((c - 0x10000) >> 10), 0xdc00 + ((c - 0x10000) & 0x3ff));
        } else {
          units.push(c);
        }
      }
    }
    if (this.needed !== 0) {
      this.reset();
      units.push(onError()); // the input ends inside a sequence
    }
  }
}

/** The Encoding Standard's UTF-16 decoder, little- or big-endian, over whole input. */
class Utf16Decoder {
  constructor(bigEndian) {
    this.bigEndian = bigEndian;
    this.reset();
  }

  reset() {
    this.leadByte = -1;
    this.leadSurrogate = -1;
  }

  run(bytes, units, onError) {
    for (let i = 0; i < bytes.length; i++) {
      if (this.leadByte < 0) {
        this.leadByte = bytes[i];
        continue;
      }
      const cu = this.bigEndian ? (this.leadByte << 8) | bytes[i] : this.leadByte | (bytes[i] << 8);
      this.leadByte = -1;
      if (this.leadSurrogate >= 0) {
        const lead = this.leadSurrogate;
        this.leadSurrogate = -1;
        if (cu >= 0xdc00 && cu <= 0xdfff) {
          units.push(lead, cu);
          continue;
        }
        units.push(onError()); // the lone high surrogate; cu is looked at on its own below
      }
      if (cu >= 0xd800 && cu <= 0xdbff) {
        this.leadSurrogate = cu;
      } else if (cu >= 0xdc00 && cu <= 0xdfff) {
        units.push(onError());
      } else {
        units.push(cu);
      }
    }
    if (this.leadByte >= 0 || this.leadSurrogate >= 0) {
      this.reset();
      units.push(onError()); // an odd byte or a high surrogate at the end
    }
  }
}

/**
 * How many of `bytes` make whole characters: when streaming, a character split at the end
 * waits for the next call. Only a sequence that can still be valid waits; the bytes of one
 * that cannot are decoded now (as errors), as the Standard's decoders would.
 */
function completeLength(encoding, bytes) {
  const n = bytes.length;
  if (encoding === 'windows-1252') {
    return n;
  }
  if (encoding !== 'utf-8') {
    let whole = n - (n % 2);
    if (whole >= 2) {
      const unit = encoding === 'utf-16be' ? (bytes[whole - 2] << 8) | bytes[whole - 1]
        : bytes[whole - 2] | (bytes[whole - 1] << 8);
      if (unit >= 0xd800 && unit <= 0xdbff) {
        whole -= 2; // a high surrogate waits for its low one
      }
    }
    return whole;
  }
  let lead = n - 1;
  while (lead >= 0 && n - lead <= 3 && (bytes[lead] & 0xc0) === 0x80) {
    lead--;
  }
  if (lead < 0) {
    return n;
  }
  const b = bytes[lead];
  const size = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
  if (size === 0 || n - lead >= size) {
    return n;
  }
  if (n - lead >= 2) {
    // The second byte's range depends on the first (no overlongs, surrogates or > U+10FFFF).
    const second = bytes[lead + 1];
    const lower = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
    const upper = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
    if (second < lower || second > upper) {
      return n;
    }
  }
  return lead;
}

function unitsToString(units) {
  let s = '';
  for (let i = 0; i < units.length; i += 8192) {
    s += String.fromCharCode.apply(null, units.slice(i, i + 8192));
  }
  return s;
}

class TextDecoder {
  #encoding;
  #fatal;
  #ignoreBOM;
  #pending = null; // the bytes of a character split at the end of the last streamed chunk
  #bomSeen = false; // the stream's first character has been looked at (and a BOM dropped)
  #streaming = false; // the previous decode() had stream: true, so its state carries over

  constructor(encoding = 'utf-8', options = undefined) {
    const label = `${encoding}`.replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, '').toLowerCase();
    const name = ENCODING_LABELS.get(label);
    if (name === undefined) {
      throw internal.codeError(RangeError, 'ERR_ENCODING_NOT_SUPPORTED', `The "${encoding}" encoding is not supported`);
    }
    if (options !== undefined && options !== null && typeof options !== 'object' && typeof options !== 'function') {
      throw internal.codeError(TypeError, 'ERR_INVALID_ARG_TYPE',
        'The "options" argument must be of type object. Received ' + internal.describe(options));
    }
    this.#encoding = name;
    this.#fatal = Boolean(options && options.fatal);
    this.#ignoreBOM = Boolean(options && options.ignoreBOM);
  }

  decode(input = undefined, options = undefined) {
    checkThis(this, (o) => #encoding in o, 'TextDecoder');
    let bytes;
    if (input === undefined) {
      bytes = new Uint8Array(0);
    } else if (input instanceof ArrayBuffer
        || (typeof SharedArrayBuffer !== 'undefined' && input instanceof SharedArrayBuffer)) {
      bytes = new Uint8Array(input);
    } else if (ArrayBuffer.isView(input)) {
      bytes = new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    } else {
      throw internal.codeError(TypeError, 'ERR_INVALID_ARG_TYPE',
        'The "list" argument must be an instance of SharedArrayBuffer, ArrayBuffer or ArrayBufferView.');
    }
    const stream = Boolean(options && options.stream);
    if (!this.#streaming) {
      this.#pending = null;
      this.#bomSeen = false;
    }
    this.#streaming = stream;
    if (this.#pending !== null) {
      const joined = new Uint8Array(this.#pending.length + bytes.length);
      joined.set(this.#pending);
      joined.set(bytes, this.#pending.length);
      bytes = joined;
      this.#pending = null;
    }
    const encoding = this.#encoding;
    const end = stream ? completeLength(encoding, bytes) : bytes.length;
    if (end < bytes.length) {
      this.#pending = bytes.slice(end);
    }
    let text;
    try {
      text = decodeBytes(encoding, bytes.subarray(0, end), this.#fatal);
    } catch (e) {
      this.#pending = null; // after an error the next call starts afresh
      this.#streaming = false;
      throw e;
    }
    // A BOM is dropped only as the stream's first character, and only for the UTF encodings.
    if (!this.#bomSeen && text.length > 0 && encoding !== 'windows-1252') {
      this.#bomSeen = true;
      if (text.charCodeAt(0) === 0xfeff && !this.#ignoreBOM) {
        text = text.slice(1);
      }
    }
    return text;
  }

  get encoding() {
    checkThis(this, (o) => #encoding in o, 'TextDecoder');
    return this.#encoding;
  }

  get fatal() {
    checkThis(this, (o) => #encoding in o, 'TextDecoder');
    return this.#fatal;
  }

  get ignoreBOM() {
    checkThis(this, (o) => #encoding in o, 'TextDecoder');
    return this.#ignoreBOM;
  }

  [customInspect](depth, options) {
    if (depth < 0) {
      return '[TextDecoder]';
    }
    // Shown as Node shows it: the class name, then the three public fields laid out on their own.
    const fields = { encoding: this.#encoding, fatal: this.#fatal, ignoreBOM: this.#ignoreBOM };
    return 'TextDecoder ' + inspect(fields, options);
  }
}
Object.defineProperty(TextDecoder.prototype, Symbol.toStringTag, { value: 'TextDecoder', configurable: true });

/** Decodes whole characters; with `fatal`, malformed input throws. */
function decodeBytes(encoding, bytes, fatal) {
  if (bytes.length === 0) {
    return '';
  }
  if (encoding === 'windows-1252') {
    return internal.host.decode(bytes, 'latin1');
  }
  if (encoding === 'utf-8') {
    // The host's decoder is exact for valid UTF-8, and valid UTF-8 is what it decodes without
    // a U+FFFD. Anything else (or a real U+FFFD) is decoded here, as the Standard says.
    const text = internal.host.decode(bytes, 'utf8');
    if (!text.includes('\ufffd')) {
      return text;
    }
  }
  const units = [];
  const onError = fatal ? () => {
    throw internal.codeError(TypeError, 'ERR_ENCODING_INVALID_ENCODED_DATA',
      'The encoded data was not valid for encoding ' + encoding);
  } : () => 0xfffd;
  const decoder = encoding === 'utf-8' ? new Utf8Decoder() : new Utf16Decoder(encoding === 'utf-16be');
  decoder.run(bytes, units, onError);
  return unitsToString(units);
}

/** Throws Node's ERR_INVALID_THIS when a method is called on something that is not one of ours. */
function checkThis(value, isOurs, className) {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function') || !isOurs(value)) {
    throw internal.codeError(TypeError, 'ERR_INVALID_THIS', `Value of "this" must be of type ${className}`);
  }
}

// Web IDL members are enumerable, as Node's are.
for (const proto of [TextEncoder.prototype, TextDecoder.prototype]) {
  for (const key of Object.getOwnPropertyNames(proto)) {
    if (key !== 'constructor') {
      Object.defineProperty(proto, key, { enumerable: true });
    }
  }
}

module.exports.TextEncoder = TextEncoder;
module.exports.TextDecoder = TextDecoder;
