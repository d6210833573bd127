// fs.promises: the callback forms of lib/fs.js, each call a promise; open gives a FileHandle.
'use strict';

module.exports = function makePromises(fs) {
  const { Buffer } = require('buffer');

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
      return wrap(fs.writeFile)(this._fd, data, options);
    }

    appendFile(data, options) {
      return wrap(fs.writeFile)(this._fd, data, options);
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
    writeFile(path, data, options) {
      return wrap(fs.writeFile)(path instanceof FileHandle ? path.fd : path, data, options);
    },
    appendFile(path, data, options) {
      return wrap(fs.appendFile)(path instanceof FileHandle ? path.fd : path, data, options);
    },
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
