// fs.promises: the callback forms of lib/fs.js, each call a promise; open gives a FileHandle.
'use strict';

module.exports = function makePromises(fs) {
  const { Buffer } = require('buffer');
  const { AbortError } = require('internal/errors');
  /** Node writes a file in pieces of at most this, checking the abort signal between them. */
  const kWriteFileMaxChunkSize = 512 * 1024;

  function checkAborted(signal) {
    if (signal && signal.aborted) {
      throw new AbortError(undefined, { cause: signal.reason });
    }
  }

  /** An iterable of pieces (sync or async) that is not itself bytes or a string, as Node tells them. */
  function isCustomIterable(data) {
    return data !== null && typeof data === 'object' && !ArrayBuffer.isView(data)
      && (typeof data[Symbol.iterator] === 'function' || typeof data[Symbol.asyncIterator] === 'function');
  }

  /** Node's options of writeFile and appendFile, checked: a string is the encoding. */
  function writeFileOptions(options, flag) {
    const defaults = { encoding: 'utf8', mode: 0o666, flag };
    let o;
    if (options === undefined || options === null) {
      o = defaults;
    } else if (typeof options === 'string') {
      o = Object.assign(defaults, { encoding: options });
    } else if (typeof options === 'object') {
      o = Object.assign(defaults, options);
    } else {
      throw internal.codeError(TypeError, 'ERR_INVALID_ARG_TYPE',
        'The "options" argument must be one of type string or object. Received ' + internal.describe(options));
    }
    if (o.encoding && o.encoding !== 'buffer' && !Buffer.isEncoding(o.encoding)) {
      throw internal.codeError(TypeError, 'ERR_INVALID_ARG_VALUE',
        "The argument 'encoding' is invalid encoding. Received " + require('util').inspect(o.encoding));
    }
    const signal = o.signal;
    if (signal !== undefined && (signal === null || typeof signal !== 'object' || !('aborted' in signal))) {
      throw internal.codeError(TypeError, 'ERR_INVALID_ARG_TYPE',
        'The "options.signal" property must be an instance of AbortSignal. Received ' + internal.describe(signal));
    }
    return o;
  }

  /** Writes all of `view` from the handle's position, in pieces, checking the signal after each. */
  async function writeAllOf(handle, view, signal) {
    let bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
    while (bytes.byteLength > 0) {
      const { bytesWritten } = await handle.write(bytes, 0, Math.min(kWriteFileMaxChunkSize, bytes.byteLength));
      bytes = bytes.subarray(bytesWritten);
      checkAborted(signal);
    }
  }

  /** Node's writeFileHandle: bytes, or each piece of an iterable (strings in `encoding`). */
  async function writeToHandle(handle, data, signal, encoding) {
    checkAborted(signal);
    if (isCustomIterable(data)) {
      // for await, by hand: Rhino has no Symbol.asyncIterator for the ES5 build's helper
      const isAsync = typeof data[Symbol.asyncIterator] === 'function';
      const it = isAsync ? data[Symbol.asyncIterator]() : data[Symbol.iterator]();
      let done = false;
      try {
        for (;;) {
          const step = await it.next();
          if (step.done) {
            done = true;
            break;
          }
          const piece = isAsync ? step.value : await step.value;
          checkAborted(signal);
          await writeAllOf(handle, ArrayBuffer.isView(piece) ? piece : Buffer.from(piece, encoding || 'utf8'), signal);
        }
      } finally {
        if (!done && typeof it.return === 'function') {
          await it.return(); // as for await leaving early: the iterator may clean up
        }
      }
      return;
    }
    await writeAllOf(handle, data, signal);
  }

  /** Node's fs.promises.writeFile (appendFile with flag 'a'): a path or a FileHandle, bytes, a string or an iterable. */
  async function writeFile(path, data, options, flag) {
    const o = writeFileOptions(options, flag);
    if (!ArrayBuffer.isView(data) && !isCustomIterable(data)) {
      if (typeof data !== 'string') {
        throw internal.codeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "data" argument must be of type string or an '
          + 'instance of Buffer, TypedArray, or DataView. Received ' + internal.describe(data));
      }
      data = Buffer.from(data, o.encoding || 'utf8');
    }
    if (path instanceof FileHandle) {
      return writeToHandle(path, data, o.signal, o.encoding);
    }
    checkAborted(o.signal);
    const handle = await promises.open(path, o.flag || flag, o.mode);
    try {
      await writeToHandle(handle, data, o.signal, o.encoding);
    } finally {
      await handle.close();
    }
    return undefined;
  }

  function wrap(fn) {
    return (...args) => new Promise((resolve, reject) => {
      fn(...args, (err, value) => (err ? reject(err) : resolve(value)));
    });
  }

  class FileHandle {
    constructor(fd) {
      this._fd = fd;
    }

    get fd() {
      return this._fd;
    }

    async read(buffer, offset, length, position) {
      if (buffer === undefined || (buffer && !ArrayBuffer.isView(buffer) && typeof buffer === 'object')) {
        const o = buffer || {};
        buffer = o.buffer || Buffer.alloc(16384);
        offset = o.offset || 0;
        length = o.length === undefined ? buffer.byteLength - offset : o.length;
        position = o.position === undefined ? null : o.position;
      }
      const bytesRead = await new Promise((resolve, reject) => {
        fs.read(this._fd, buffer, offset || 0, length === undefined ? buffer.byteLength - (offset || 0) : length,
          position === undefined ? null : position, (err, n) => (err ? reject(err) : resolve(n)));
      });
      return { bytesRead, buffer };
    }

    async write(data, a, b, c) {
      return new Promise((resolve, reject) => {
        const args = [this._fd, data, a, b, c].filter((x, i) => i < 2 || x !== undefined);
        fs.write(...args, (err, n, written) => (err ? reject(err) : resolve({ bytesWritten: n, buffer: written })));
      });
    }

    readFile(options) {
      return wrap(fs.readFile)(this._fd === undefined ? undefined : this._fd, options);
    }

    writeFile(data, options) {
      return writeFile(this, data, options, 'w');
    }

    appendFile(data, options) {
      return writeFile(this, data, options, 'a');
    }

    stat() {
      return wrap(fs.fstat)(this._fd);
    }

    truncate(len = 0) {
      return wrap(fs.ftruncate)(this._fd, len);
    }

    sync() {
      return wrap(fs.fsync)(this._fd);
    }

    datasync() {
      return wrap(fs.fdatasync)(this._fd);
    }

    async close() {
      if (this._fd === -1) {
        return undefined;
      }
      const fd = this._fd;
      this._fd = -1;
      return wrap(fs.close)(fd);
    }
  }

  const promises = {
    FileHandle,
    constants: fs.constants,
    async open(path, flags, mode) {
      const fd = await wrap(fs.open)(path, flags === undefined ? 'r' : flags, mode === undefined ? 0o666 : mode);
      return new FileHandle(fd);
    },
    // readFile, writeFile and appendFile take a FileHandle for its descriptor, read or written
    // from where it is, as Node's
    readFile(path, options) {
      return wrap(fs.readFile)(path instanceof FileHandle ? path.fd : path, options);
    },
    writeFile: (path, data, options) => writeFile(path, data, options, 'w'),
    appendFile: (path, data, options) => writeFile(path, data, options, 'a'),
    stat: (path, options) => wrap(fs.stat)(path),
    lstat: (path, options) => wrap(fs.lstat)(path),
    readdir: (path, options) => wrap(fs.readdir)(path, options),
    mkdir: (path, options) => wrap(fs.mkdir)(path, options),
    rm: (path, options) => wrap(fs.rm)(path, options),
    rmdir: (path, options) => wrap(fs.rmdir)(path, options),
    unlink: wrap(fs.unlink),
    rename: wrap(fs.rename),
    copyFile: (src, dest, mode) => wrap(fs.copyFile)(src, dest, mode || 0),
    access: (path, mode) => wrap(fs.access)(path, mode === undefined ? 0 : mode),
    chmod: wrap(fs.chmod),
    utimes: wrap(fs.utimes),
    symlink: (target, path) => wrap(fs.symlink)(target, path),
    link: wrap(fs.link),
    readlink: (path) => wrap(fs.readlink)(path),
    realpath: (path) => wrap(fs.realpath)(path),
    mkdtemp: (prefix) => wrap(fs.mkdtemp)(prefix),
    truncate: (path, len) => wrap(fs.truncate)(path, len || 0),
  };
  return promises;
};
