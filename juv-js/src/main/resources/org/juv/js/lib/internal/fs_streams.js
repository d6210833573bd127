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

  /** Both streams' _construct: open the file unless given a descriptor; 'open' and 'ready' follow. */
  function openFile(stream, callback) {
    if (stream.fd !== null) {
      callback();
      return;
    }
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

  class ReadStream extends Readable {
    constructor(path, options) {
      if (typeof options === 'string') {
        options = { encoding: options };
      }
      options = Object.assign({}, options);
      if (options.highWaterMark === undefined) {
        options.highWaterMark = 64 * 1024;
      }
      super(options);
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

    get pending() {
      return this.fd === null;
    }

    _construct(callback) {
      openFile(this, callback);
    }

    _read(n) {
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
    }

    _destroy(err, cb) {
      closeFd(this, err, cb);
    }

    close(cb) {
      if (typeof cb === 'function') {
        require('stream').finished(this, cb);
      }
      this.destroy();
    }
  }

  class WriteStream extends Writable {
    constructor(path, options) {
      if (typeof options === 'string') {
        options = { encoding: options };
      }
      options = Object.assign({}, options);
      options.decodeStrings = true;
      super(options);
      this.path = typeof path === 'string' || path === undefined ? path : String(path);
      this.fd = options.fd === undefined ? null : options.fd;
      this.flags = options.flags === undefined ? 'w' : options.flags;
      this.mode = options.mode === undefined ? 0o666 : options.mode;
      this.start = options.start;
      this.pos = this.start;
      this.bytesWritten = 0;
      this._autoClose = options.autoClose === undefined ? true : options.autoClose;
    }

    get pending() {
      return this.fd === null;
    }

    _construct(callback) {
      openFile(this, callback);
    }

    _write(chunk, encoding, cb) {
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
    }

    _writev(chunks, cb) {
      this._write(Buffer.concat(chunks.map((c) => c.chunk)), 'buffer', cb);
    }

    _destroy(err, cb) {
      closeFd(this, err, cb);
    }

    close(cb) {
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
    }

    destroySoon() {
      this.end();
    }
  }

  return { ReadStream, WriteStream };
};
