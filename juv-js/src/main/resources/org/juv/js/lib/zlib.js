// zlib: deflate/inflate, gzip/gunzip, raw and unzip as Transform streams, their *Sync forms and
// their callback forms, on the JDK's zlib through ZlibBinding. What comes out decompresses to the
// same bytes as Node's; the compressed bytes themselves may differ (Node's zlib is Chromium's
// fork). The callback forms compress on the loop thread and call back from the check phase (Node
// uses the thread pool). Not here: Brotli (the JDK has none), dictionaries, windowBits/memLevel
// other than the defaults, params().
'use strict';

const { Buffer } = require('buffer');
const { Transform } = require('stream');
const { invalidArgType } = require('internal/errors');

const binding = internal.host.zlib();

const constants = Object.freeze({
  Z_NO_FLUSH: 0, Z_PARTIAL_FLUSH: 1, Z_SYNC_FLUSH: 2, Z_FULL_FLUSH: 3, Z_FINISH: 4, Z_BLOCK: 5,
  Z_OK: 0, Z_STREAM_END: 1, Z_NEED_DICT: 2, Z_ERRNO: -1, Z_STREAM_ERROR: -2, Z_DATA_ERROR: -3,
  Z_MEM_ERROR: -4, Z_BUF_ERROR: -5, Z_VERSION_ERROR: -6,
  Z_NO_COMPRESSION: 0, Z_BEST_SPEED: 1, Z_BEST_COMPRESSION: 9, Z_DEFAULT_COMPRESSION: -1,
  Z_FILTERED: 1, Z_HUFFMAN_ONLY: 2, Z_RLE: 3, Z_FIXED: 4, Z_DEFAULT_STRATEGY: 0, ZLIB_VERNUM: 4865,
  DEFLATE: 1, INFLATE: 2, GZIP: 3, GUNZIP: 4, DEFLATERAW: 5, INFLATERAW: 6, UNZIP: 7,
  Z_MIN_WINDOWBITS: 8, Z_MAX_WINDOWBITS: 15, Z_DEFAULT_WINDOWBITS: 15,
  Z_MIN_CHUNK: 64, Z_MAX_CHUNK: Infinity, Z_DEFAULT_CHUNK: 16384,
  Z_MIN_MEMLEVEL: 1, Z_MAX_MEMLEVEL: 9, Z_DEFAULT_MEMLEVEL: 8,
  Z_MIN_LEVEL: -1, Z_MAX_LEVEL: 9, Z_DEFAULT_LEVEL: -1,
});

const codes = {
  '0': 'Z_OK', '1': 'Z_STREAM_END', '2': 'Z_NEED_DICT', '-1': 'Z_ERRNO', '-2': 'Z_STREAM_ERROR',
  '-3': 'Z_DATA_ERROR', '-4': 'Z_MEM_ERROR', '-5': 'Z_BUF_ERROR', '-6': 'Z_VERSION_ERROR',
};
for (const name of Object.keys(codes)) {
  codes[codes[name]] = Number(name);
}

function zlibError(errno, message) {
  const err = new Error(message);
  err.errno = errno;
  err.code = codes[errno];
  return err;
}

function checkRange(options, name, min, max, fallback) {
  const v = options && options[name];
  if (v === undefined) {
    return fallback;
  }
  if (typeof v !== 'number') {
    throw invalidArgType('options.' + name, 'of type number', v);
  }
  if (!(v >= min && v <= max)) {
    throw internal.codeError(RangeError, 'ERR_OUT_OF_RANGE',
      'The value of "options.' + name + '" is out of range. It must be >= ' + min + ' and <= ' + max + '. Received ' + v);
  }
  return v;
}

function toBytes(chunk) {
  if (typeof chunk === 'string') {
    return Buffer.from(chunk);
  }
  if (ArrayBuffer.isView(chunk)) {
    return chunk;
  }
  if (chunk instanceof ArrayBuffer) {
    return new Uint8Array(chunk);
  }
  throw invalidArgType('buffer', 'of type string or an instance of Buffer, TypedArray, DataView, or ArrayBuffer', chunk);
}

function asBuffer(u8) {
  return Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength);
}

const EMPTY = new Uint8Array(0);

/** One zlib stream as a Transform: each chunk in, what zlib gives back out. */
class ZlibBase extends Transform {
  constructor(options, mode) {
    const opts = options || {};
    super(Object.assign({}, opts, { writableObjectMode: false, readableObjectMode: false }));
    const level = checkRange(opts, 'level', -1, 9, -1);
    const strategy = checkRange(opts, 'strategy', 0, 4, 0);
    checkRange(opts, 'windowBits', mode === constants.GUNZIP || mode === constants.UNZIP || mode === constants.INFLATE ? 0 : 8, 15, 15);
    checkRange(opts, 'memLevel', 1, 9, 8);
    this._flushFlag = checkRange(opts, 'flush', 0, 5, constants.Z_NO_FLUSH);
    this._finishFlushFlag = checkRange(opts, 'finishFlush', 0, 5, constants.Z_FINISH);
    this._id = binding.open(mode, level, strategy);
    this._mode = mode;
    this.bytesWritten = 0;
    this._closed = false;
  }

  _run(chunk, flush) {
    const r = binding.write(this._id, chunk, flush);
    if (r.length === 2) {
      return zlibError(r[0], r[1]);
    }
    this.bytesWritten += chunk.byteLength;
    if (r[0].length > 0) {
      this.push(asBuffer(r[0]));
    }
    return null;
  }

  /**
   * Node compresses on the thread pool and delivers from a later loop turn; so does this, from
   * the check phase, so that a stream's events keep their place against other callbacks.
   */
  _later(chunk, flush, cb) {
    setImmediate(() => {
      if (!this._closed) {
        cb(this._run(chunk, flush));
      }
    });
  }

  _transform(chunk, encoding, cb) {
    this._later(toBytes(chunk), this._flushFlag, cb);
  }

  _flush(cb) {
    this._later(EMPTY, this._finishFlushFlag, cb);
  }

  flush(kind, callback) {
    if (typeof kind === 'function' || kind === undefined) {
      callback = kind;
      kind = constants.Z_FULL_FLUSH;
    }
    const err = this._closed ? null : this._run(EMPTY, kind === constants.Z_FINISH ? constants.Z_FULL_FLUSH : kind);
    if (err) {
      this.destroy(err);
    } else if (typeof callback === 'function') {
      process.nextTick(callback);
    }
  }

  reset() {
    binding.reset(this._id);
  }

  close(callback) {
    if (callback) {
      this.once('close', callback);
    }
    this.destroy();
  }

  _destroy(err, cb) {
    if (!this._closed) {
      this._closed = true;
      binding.close(this._id);
    }
    cb(err);
  }

  get _handle() {
    return this._closed ? null : {};
  }
}

const classes = {};
const modes = [['Deflate', constants.DEFLATE], ['Inflate', constants.INFLATE], ['Gzip', constants.GZIP],
  ['Gunzip', constants.GUNZIP], ['DeflateRaw', constants.DEFLATERAW], ['InflateRaw', constants.INFLATERAW],
  ['Unzip', constants.UNZIP]];

/** The whole input through one stream of `mode` at once, as the *Sync forms do. */
function runSync(mode, buffer, options) {
  const opts = options || {};
  const id = binding.open(mode, checkRange(opts, 'level', -1, 9, -1), checkRange(opts, 'strategy', 0, 4, 0));
  try {
    const r = binding.write(id, toBytes(buffer), checkRange(opts, 'finishFlush', 0, 5, constants.Z_FINISH));
    if (r.length === 2) {
      throw zlibError(r[0], r[1]);
    }
    return asBuffer(r[0]);
  } finally {
    binding.close(id);
  }
}

function unavailable(name) {
  return require('internal/errors').unavailable(name, 'zlib.' + name, 'the JDK has no Brotli');
}

const zlib = { constants, codes: Object.freeze(codes) };
for (const [name, mode] of modes) {
  const cls = {
    [name]: class extends ZlibBase {
      constructor(options) {
        super(options, mode);
      }
    },
  }[name];
  classes[name] = cls;
  const lower = name[0].toLowerCase() + name.slice(1);
  zlib[name] = cls;
  zlib['create' + name] = (options) => new cls(options);
  zlib[lower + 'Sync'] = (buffer, options) => runSync(mode, buffer, options);
  zlib[lower] = (buffer, options, callback) => {
    if (typeof options === 'function') {
      callback = options;
      options = {};
    }
    if (typeof callback !== 'function') {
      throw invalidArgType('callback', 'of type function', callback);
    }
    let result;
    let error = null;
    try {
      result = runSync(mode, buffer, options);
    } catch (e) {
      if (e.code === 'ERR_INVALID_ARG_TYPE' || e.code === 'ERR_OUT_OF_RANGE') {
        throw e;
      }
      error = e;
    }
    setImmediate(() => (error ? callback(error) : callback(null, result)));
  };
}
for (const name of ['BrotliCompress', 'BrotliDecompress']) {
  zlib[name] = unavailable(name);
  zlib['create' + name] = unavailable('create' + name);
  const lower = name[0].toLowerCase() + name.slice(1);
  zlib[lower] = unavailable(lower);
  zlib[lower + 'Sync'] = unavailable(lower + 'Sync');
}
// the old top-level constants, as Node still exports them
for (const key of Object.keys(constants)) {
  if (key.startsWith('Z_')) {
    Object.defineProperty(zlib, key, { value: constants[key], enumerable: false });
  }
}

module.exports = zlib;
