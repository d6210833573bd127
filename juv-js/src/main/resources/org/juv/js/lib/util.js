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

function formatNumber(n) {
  return Object.is(n, -0) ? '-0' : String(n);
}

function formatPrimitive(value) {
  switch (typeof value) {
    case 'string': return quote(value);
    case 'number': return formatNumber(value);
    case 'bigint': return value + 'n';
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
  const stack = typeof err.stack === 'string' ? err.stack : null;
  const head = String(err.name) + (err.message ? ': ' + err.message : '');
  if (stack === null) {
    return '[' + head + ']';
  }
  return stack.startsWith(head) ? stack : head + '\n' + stack;
}

function formatValue(ctx, value, recurseTimes) {
  if (typeof value !== 'object' && typeof value !== 'function') {
    return formatPrimitive(value);
  }
  if (value === null) {
    return 'null';
  }
  if (ctx.customInspect && typeof value[customInspect] === 'function') {
    const r = value[customInspect](ctx.depth - recurseTimes, Object.assign({}, ctx), inspect);
    if (r !== value) {
      return typeof r === 'string' ? r : formatValue(ctx, r, recurseTimes);
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

function format(...args) {
  return formatWithOptions(undefined, ...args);
}

function formatWithOptions(options, first, ...rest) {
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
          out = typeof arg === 'string' ? arg
            : typeof arg === 'bigint' ? arg + 'n'
              : typeof arg === 'number' ? formatNumber(arg)
                : typeof arg === 'object' && arg !== null ? inspect(arg, { depth: 0, colors: false, compact: 3 })
                  : String(arg);
          break;
        case 'd': case 'i': {
          if (typeof arg === 'bigint') {
            out = arg + 'n';
          } else if (typeof arg === 'symbol') {
            out = 'NaN';
          } else {
            const n = c === 'i' ? parseInt(arg) : Number(arg);
            out = formatNumber(n);
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

function deprecate(fn, message, code) {
  let warned = false;
  return function deprecated(...args) {
    if (!warned) {
      warned = true;
      process.emitWarning(message, 'DeprecationWarning');
    }
    return new.target ? Reflect.construct(fn, args, new.target) : fn.apply(this, args);
  };
}

function isDeepStrictEqual(a, b) {
  if (Object.is(a, b)) {
    return true;
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return false;
  }
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) {
    return false;
  }
  if (a instanceof Date) {
    return a.getTime() === b.getTime();
  }
  if (a instanceof Map || a instanceof Set) {
    if (a.size !== b.size) {
      return false;
    }
    for (const [k, v] of a.entries()) {
      if (!b.has(k) || (a instanceof Map && !isDeepStrictEqual(v, b.get(k)))) {
        return false;
      }
    }
    return true;
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) {
    return false;
  }
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && isDeepStrictEqual(a[k], b[k]));
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

module.exports = {
  format,
  formatWithOptions,
  inspect,
  inherits,
  promisify,
  deprecate,
  isDeepStrictEqual,
  types,
  isArray: Array.isArray,
  TextEncoder: globalThis.TextEncoder,
  TextDecoder: globalThis.TextDecoder,
};
