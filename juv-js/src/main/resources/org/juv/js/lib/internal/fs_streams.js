// fs.ReadStream and fs.WriteStream over lib/fs.js's callback calls, as Node's: the file opens in
// _construct ('open' and 'ready' follow), reads go from `start` to `end` (inclusive) in
// highWaterMark pieces, and the descriptor closes on destroy before 'close'.
'use strict';

module.exports = function makeStreams(fs) {
  const { Readable, Writable } = require('stream');
  const { Buffer } = require('buffer');

  function closeFd(stream, err, cb) {
    if (stream.fd === null || stream.fd === undefined || !stream._autoClose) {
      cb(err);
      return;
    }
    const fd = stream.fd;
    stream.fd = null;
    fs.close(fd, (closeErr) => cb(err || closeErr || null));
  }

  /** Opens the file unless given a descriptor; 'open' and 'ready' follow. Node's openReadFs/openWriteFs. */
  function openFile(stream, callback) {
    fs.open(stream.path, stream.flags, stream.mode, (err, fd) => {
      if (err) {
        callback(err);
        return;
      }
      stream.fd = fd;
      callback();
      stream.emit('open', fd);
      stream.emit('ready');
    });
  }

  /**
   * Both streams' _construct. A program (graceful-fs, for one) may replace the prototype's
   * open(): then, as Node does, that open() runs instead, and its 'open' or 'error' event ends
   * the construction.
   */
  function construct(stream, callback) {
    if (typeof stream.fd === 'number') {
      callback();
      return;
    }
    if (stream.open !== open) {
      const emit = stream.emit;
      stream.emit = function (name, ...args) {
        if (name === 'open') {
          this.emit = emit;
          callback();
          return emit.call(this, name, ...args);
        }
        if (name === 'error') {
          this.emit = emit;
          callback(args[0]);
          return true;
        }
        return emit.call(this, name, ...args);
      };
      stream.open();
      return;
    }
    openFile(stream, callback);
  }

  /** Opens the file; a program may replace it (see construct). Node's ReadStream/WriteStream open(). */
  function open() {
    openFile(this, (err) => {
      if (err) {
        this.destroy(err);
      }
    });
  }

  /** What both streams' prototypes share: pending, open, _construct, _destroy. */
  function shared(proto) {
    Object.defineProperty(proto, 'pending', {
      configurable: true,
      get() {
        return this.fd === null;
      },
    });
    proto.open = open;
    proto._construct = function _construct(callback) {
      construct(this, callback);
    };
    proto._destroy = function _destroy(err, cb) {
      closeFd(this, err, cb);
    };
  }

  // Functions, not classes, as Node's: fs.ReadStream(path) works without `new`, and a
  // subclass written as a function may call fs.ReadStream.call(this, path) (graceful-fs).
  function ReadStream(path, options) {
    if (!(this instanceof ReadStream)) {
      return new ReadStream(path, options);
    }
    if (typeof options === 'string') {
      options = { encoding: options };
    }
    options = Object.assign({}, options);
    if (options.highWaterMark === undefined) {
      options.highWaterMark = 64 * 1024;
    }
    Readable.call(this, options);
    this.path = typeof path === 'string' || path === undefined ? path : String(path);
    this.fd = options.fd === undefined ? null : options.fd;
    this.flags = options.flags === undefined ? 'r' : options.flags;
    this.mode = options.mode === undefined ? 0o666 : options.mode;
    this.start = options.start;
    this.end = options.end === undefined ? Infinity : options.end;
    this.pos = this.start;
    this.bytesRead = 0;
    this._autoClose = options.autoClose === undefined ? true : options.autoClose;
    if (this.start !== undefined && this.start > this.end) {
      throw internal.codeError(RangeError, 'ERR_OUT_OF_RANGE',
        'The value of "start" is out of range. It must be <= "end" (here: ' + this.end + '). Received ' + this.start);
    }
  }
  Object.setPrototypeOf(ReadStream.prototype, Readable.prototype);
  Object.setPrototypeOf(ReadStream, Readable);
  shared(ReadStream.prototype);

  ReadStream.prototype._read = function _read(n) {
    const left = this.end === Infinity ? n : Math.min(n, this.end - (this.pos === undefined ? this.bytesRead : this.pos) + 1);
    if (left <= 0) {
      this.push(null);
      return;
    }
    const buf = Buffer.allocUnsafe(left);
    fs.read(this.fd, buf, 0, left, this.pos === undefined ? null : this.pos, (err, bytesRead) => {
      if (err) {
        this.destroy(err);
        return;
      }
      if (this.pos !== undefined) {
        this.pos += bytesRead;
      }
      this.bytesRead += bytesRead;
      if (bytesRead === 0) {
        this.push(null);
      } else {
        this.push(bytesRead === buf.length ? buf : buf.subarray(0, bytesRead));
      }
    });
  };

  ReadStream.prototype.close = function close(cb) {
    if (typeof cb === 'function') {
      require('stream').finished(this, cb);
    }
    this.destroy();
  };

  function WriteStream(path, options) {
    if (!(this instanceof WriteStream)) {
      return new WriteStream(path, options);
    }
    if (typeof options === 'string') {
      options = { encoding: options };
    }
    options = Object.assign({}, options);
    options.decodeStrings = true;
    Writable.call(this, options);
    this.path = typeof path === 'string' || path === undefined ? path : String(path);
    this.fd = options.fd === undefined ? null : options.fd;
    this.flags = options.flags === undefined ? 'w' : options.flags;
    this.mode = options.mode === undefined ? 0o666 : options.mode;
    this.start = options.start;
    this.pos = this.start;
    this.bytesWritten = 0;
    this._autoClose = options.autoClose === undefined ? true : options.autoClose;
  }
  Object.setPrototypeOf(WriteStream.prototype, Writable.prototype);
  Object.setPrototypeOf(WriteStream, Writable);
  shared(WriteStream.prototype);

  WriteStream.prototype._write = function _write(chunk, encoding, cb) {
    fs.write(this.fd, chunk, 0, chunk.length, this.pos === undefined ? null : this.pos, (err, n) => {
      if (err) {
        cb(err);
        return;
      }
      this.bytesWritten += n;
      if (this.pos !== undefined) {
        this.pos += n;
      }
      cb();
    });
  };

  WriteStream.prototype._writev = function _writev(chunks, cb) {
    this._write(Buffer.concat(chunks.map((c) => c.chunk)), 'buffer', cb);
  };

  WriteStream.prototype.close = function close(cb) {
    if (cb) {
      if (this.closed) {
        internal.nextTick(cb);
        return;
      }
      this.on('close', cb);
    }
    if (!this._autoClose) {
      this.on('finish', () => this.destroy());
    }
    this.end();
  };

  WriteStream.prototype.destroySoon = function destroySoon() {
    this.end();
  };

  return { ReadStream, WriteStream };
};
