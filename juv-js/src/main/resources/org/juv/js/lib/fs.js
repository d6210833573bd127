// Node's fs on juv-fs: every call goes to the host's fs binding (FsBinding.java), synchronously
// for the *Sync forms (request id 0) or on juv's thread pool, its callback coming back from the
// loop. Errors are Node's: `ENOENT: no such file or directory, open 'x'` with errno, code,
// syscall and path. fs.promises wraps the callback forms.
'use strict';

const { Buffer } = require('buffer');
const pathModule = require('path');
const EventEmitter = require('events');
const { uvException, invalidArgType, outOfRangeReceived, validateInteger } = require('internal/errors');

const binding = internal.host.fs();

// Node's fs.constants on Linux x86-64, in Node's order.
const constants = Object.freeze({
  UV_FS_SYMLINK_DIR: 1, UV_FS_SYMLINK_JUNCTION: 2, O_RDONLY: 0, O_WRONLY: 1, O_RDWR: 2,
  UV_DIRENT_UNKNOWN: 0, UV_DIRENT_FILE: 1, UV_DIRENT_DIR: 2, UV_DIRENT_LINK: 3, UV_DIRENT_FIFO: 4,
  UV_DIRENT_SOCKET: 5, UV_DIRENT_CHAR: 6, UV_DIRENT_BLOCK: 7,
  EXTENSIONLESS_FORMAT_JAVASCRIPT: 0, EXTENSIONLESS_FORMAT_WASM: 1,
  S_IFMT: 0o170000, S_IFREG: 0o100000, S_IFDIR: 0o40000, S_IFCHR: 0o20000, S_IFBLK: 0o60000,
  S_IFIFO: 0o10000, S_IFLNK: 0o120000, S_IFSOCK: 0o140000,
  O_CREAT: 0o100, O_EXCL: 0o200, UV_FS_O_FILEMAP: 0, O_NOCTTY: 0o400, O_TRUNC: 0o1000, O_APPEND: 0o2000,
  O_DIRECTORY: 0o200000, O_NOATIME: 0o1000000, O_NOFOLLOW: 0o400000, O_SYNC: 0o4010000, O_DSYNC: 0o10000,
  O_DIRECT: 0o40000, O_NONBLOCK: 0o4000,
  S_IRWXU: 0o700, S_IRUSR: 0o400, S_IWUSR: 0o200, S_IXUSR: 0o100, S_IRWXG: 0o70, S_IRGRP: 0o40, S_IWGRP: 0o20,
  S_IXGRP: 0o10, S_IRWXO: 0o7, S_IROTH: 0o4, S_IWOTH: 0o2, S_IXOTH: 0o1,
  F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1,
  UV_FS_COPYFILE_EXCL: 1, COPYFILE_EXCL: 1, UV_FS_COPYFILE_FICLONE: 2, COPYFILE_FICLONE: 2,
  UV_FS_COPYFILE_FICLONE_FORCE: 4, COPYFILE_FICLONE_FORCE: 4,
});

// ------------------------------------------------------------------ arguments

const FLAGS = {
  r: constants.O_RDONLY, rs: constants.O_RDONLY | constants.O_SYNC, sr: constants.O_RDONLY | constants.O_SYNC,
  'r+': constants.O_RDWR, 'rs+': constants.O_RDWR | constants.O_SYNC, 'sr+': constants.O_RDWR | constants.O_SYNC,
  w: constants.O_TRUNC | constants.O_CREAT | constants.O_WRONLY,
  wx: constants.O_TRUNC | constants.O_CREAT | constants.O_WRONLY | constants.O_EXCL,
  xw: constants.O_TRUNC | constants.O_CREAT | constants.O_WRONLY | constants.O_EXCL,
  'w+': constants.O_TRUNC | constants.O_CREAT | constants.O_RDWR,
  'wx+': constants.O_TRUNC | constants.O_CREAT | constants.O_RDWR | constants.O_EXCL,
  'xw+': constants.O_TRUNC | constants.O_CREAT | constants.O_RDWR | constants.O_EXCL,
  a: constants.O_APPEND | constants.O_CREAT | constants.O_WRONLY,
  ax: constants.O_APPEND | constants.O_CREAT | constants.O_WRONLY | constants.O_EXCL,
  xa: constants.O_APPEND | constants.O_CREAT | constants.O_WRONLY | constants.O_EXCL,
  as: constants.O_APPEND | constants.O_CREAT | constants.O_WRONLY | constants.O_SYNC,
  sa: constants.O_APPEND | constants.O_CREAT | constants.O_WRONLY | constants.O_SYNC,
  'a+': constants.O_APPEND | constants.O_CREAT | constants.O_RDWR,
  'ax+': constants.O_APPEND | constants.O_CREAT | constants.O_RDWR | constants.O_EXCL,
  'xa+': constants.O_APPEND | constants.O_CREAT | constants.O_RDWR | constants.O_EXCL,
  'as+': constants.O_APPEND | constants.O_CREAT | constants.O_RDWR | constants.O_SYNC,
  'sa+': constants.O_APPEND | constants.O_CREAT | constants.O_RDWR | constants.O_SYNC,
};

function stringToFlags(flags, def = 'r') {
  if (flags === undefined || flags === null) {
    flags = def;
  }
  if (typeof flags === 'number') {
    return flags;
  }
  const f = FLAGS[flags];
  if (f === undefined) {
    throw internal.codeError(TypeError, 'ERR_INVALID_ARG_VALUE',
      "The argument 'flags' is invalid. Received " + require('util').inspect(flags));
  }
  return f;
}

function parseMode(mode, def) {
  if (mode === undefined || mode === null) {
    return def;
  }
  return typeof mode === 'string' ? parseInt(mode, 8) : mode;
}

function toPath(path, name = 'path') {
  if (typeof path === 'string') {
    if (path.includes('\u0000')) {
      throw internal.codeError(TypeError, 'ERR_INVALID_ARG_VALUE',
        "The argument '" + name + "' must be a string, Uint8Array, or URL without null bytes. Received "
        + require('util').inspect(path));
    }
    return path;
  }
  if (Buffer.isBuffer(path)) {
    return path.toString();
  }
  if (path && typeof path === 'object' && path.href !== undefined && path.protocol !== undefined) {
    return require('url').fileURLToPath(path);
  }
  throw invalidArgType(name, 'of type string or an instance of Buffer or URL', path);
}

function checkFd(fd) {
  if (typeof fd !== 'number') {
    throw invalidArgType('fd', 'of type number', fd);
  }
  return fd;
}

function checkCallback(cb) {
  if (typeof cb !== 'function') {
    throw internal.codeError(TypeError, 'ERR_INVALID_ARG_TYPE',
      'The "cb" argument must be of type function. Received ' + internal.describe(cb));
  }
  return cb;
}

function getOptions(options, defaults) {
  if (options === undefined || options === null || typeof options === 'function') {
    return defaults;
  }
  if (typeof options === 'string') {
    return Object.assign({}, defaults, { encoding: options });
  }
  return Object.assign({}, defaults, options);
}

/** Throws the error a *Sync call got, or returns its value. */
function check(result, syscall, path, dest) {
  if (typeof result === 'number' && result < 0) {
    throw uvException(result, syscall, path, dest);
  }
  return result;
}

/** A request id whose completion calls cb(err) or cb(null, convert(result)). */
function request(cb, syscall, path, dest, convert) {
  const id = internal.register(internal.request('FSReqCallback', function (result) {
    internal.unregister(id);
    if (typeof result === 'number' && result < 0) {
      cb(uvException(result, syscall, path, dest));
    } else if (convert) {
      cb(null, convert(result));
    } else {
      cb(null);
    }
  }));
  return id;
}

// ------------------------------------------------------------------ Stats and Dirent

function dateFromMs(ms) {
  return new Date(Math.round(ms));
}

class Stats {
  constructor(a) {
    this.dev = a[0];
    this.mode = a[1];
    this.nlink = a[2];
    this.uid = a[3];
    this.gid = a[4];
    this.rdev = a[5];
    this.blksize = a[6];
    this.ino = a[7];
    this.size = a[8];
    this.blocks = a[9];
    this.atimeMs = a[10];
    this.mtimeMs = a[11];
    this.ctimeMs = a[12];
    this.birthtimeMs = a[13];
    this.atime = dateFromMs(a[10]);
    this.mtime = dateFromMs(a[11]);
    this.ctime = dateFromMs(a[12]);
    this.birthtime = dateFromMs(a[13]);
  }

  isFile() { return (this.mode & constants.S_IFMT) === constants.S_IFREG; }
  isDirectory() { return (this.mode & constants.S_IFMT) === constants.S_IFDIR; }
  isSymbolicLink() { return (this.mode & constants.S_IFMT) === constants.S_IFLNK; }
  isFIFO() { return (this.mode & constants.S_IFMT) === constants.S_IFIFO; }
  isSocket() { return (this.mode & constants.S_IFMT) === constants.S_IFSOCK; }
  isCharacterDevice() { return (this.mode & constants.S_IFMT) === constants.S_IFCHR; }
  isBlockDevice() { return (this.mode & constants.S_IFMT) === constants.S_IFBLK; }
}

const kType = Symbol('type');

class Dirent {
  constructor(name, type, path) {
    this.name = name;
    this.path = path;
    this[kType] = type;
  }

  isFile() { return this[kType] === constants.UV_DIRENT_FILE; }
  isDirectory() { return this[kType] === constants.UV_DIRENT_DIR; }
  isSymbolicLink() { return this[kType] === constants.UV_DIRENT_LINK; }
  isFIFO() { return this[kType] === constants.UV_DIRENT_FIFO; }
  isSocket() { return this[kType] === constants.UV_DIRENT_SOCKET; }
  isCharacterDevice() { return this[kType] === constants.UV_DIRENT_CHAR; }
  isBlockDevice() { return this[kType] === constants.UV_DIRENT_BLOCK; }
}

function toStats(a) {
  return new Stats(a);
}

function entries(dir, options) {
  return (r) => {
    const n = r[0];
    const out = [];
    for (let i = 0; i < n; i++) {
      const name = r[1 + i];
      const encoded = options.encoding === 'buffer' ? Buffer.from(name) : name;
      out.push(options.withFileTypes ? new Dirent(encoded, r[1 + n + i], dir) : encoded);
    }
    return out;
  };
}

// ------------------------------------------------------------------ data

function toBytes(data, encoding) {
  if (typeof data === 'string') {
    return encoding && encoding !== 'utf8' && encoding !== 'utf-8' ? Buffer.from(data, encoding) : data;
  }
  if (ArrayBuffer.isView(data)) {
    return data;
  }
  throw invalidArgType('data', 'of type string or an instance of Buffer, TypedArray, or DataView', data);
}

function decoded(bytes, encoding) {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return encoding && encoding !== 'buffer' ? b.toString(encoding) : b;
}

// ------------------------------------------------------------------ the calls

const fs = exports;
fs.constants = constants;
fs.F_OK = 0;
fs.R_OK = 4;
fs.W_OK = 2;
fs.X_OK = 1;
fs.Stats = Stats;
fs.Dirent = Dirent;

/** Defines name (callback form) and nameSync from one description of the call. */
function define(name, syscall, run, convert, describeArgs) {
  fs[name + 'Sync'] = function (...args) {
    const [path, dest] = describeArgs ? describeArgs(args) : [];
    return (convert || ((x) => undefined))(check(run(args, 0), syscall, path, dest));
  };
  fs[name] = function (...args) {
    const cb = checkCallback(args.pop());
    const [path, dest] = describeArgs ? describeArgs(args) : [];
    run(args, request(cb, syscall, path, dest, convert));
  };
  Object.defineProperty(fs[name + 'Sync'], 'name', { value: name + 'Sync' });
  Object.defineProperty(fs[name], 'name', { value: name });
}

const onePath = (args) => [toPath(args[0])];
const twoPaths = (args) => [toPath(args[0]), toPath(args[1], 'dest')];

define('stat', 'stat', (a, req) => binding.stat(toPath(a[0]), req), toStats, onePath);
define('lstat', 'lstat', (a, req) => binding.lstat(toPath(a[0]), req), toStats, onePath);
define('fstat', 'fstat', (a, req) => binding.fstat(checkFd(a[0]), req), toStats);
define('unlink', 'unlink', (a, req) => binding.unlink(toPath(a[0]), req), null, onePath);
define('rmdir', 'rmdir', (a, req) => binding.rmdir(toPath(a[0]), req), null, onePath);
define('rename', 'rename', (a, req) => binding.rename(toPath(a[0], 'oldPath'), toPath(a[1], 'newPath'), req), null, twoPaths);
/**
 * The mode of access and copyFile as node 20's binding reads it: absent is 0, a number is
 * truncated and must then be 0 to 7, anything else is refused.
 */
function validMode(mode) {
  if (mode === undefined || mode === null) {
    return 0;
  }
  if (typeof mode !== 'number') {
    throw internal.codeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'mode must be int32 or null/undefined');
  }
  if (!Number.isFinite(mode)) {
    throw internal.codeError(RangeError, 'ERR_OUT_OF_RANGE', 'mode is out of range');
  }
  const m = Math.trunc(mode);
  if (m < 0 || m > 7) {
    throw internal.codeError(RangeError, 'ERR_OUT_OF_RANGE', 'mode is out of range: >= 0 && <= 7');
  }
  return m;
}
define('copyFile', 'copyfile', (a, req) => binding.copyfile(toPath(a[0], 'src'), toPath(a[1], 'dest'), validMode(a[2]), req),
  null, twoPaths);
define('access', 'access', (a, req) => binding.access(toPath(a[0]), validMode(a[1]), req), null, onePath);
define('chmod', 'chmod', (a, req) => binding.chmod(toPath(a[0]), parseMode(a[1]), req), null, onePath);
define('close', 'close', (a, req) => binding.close(checkFd(a[0]), req));
define('fsync', 'fsync', (a, req) => binding.fsync(checkFd(a[0]), req));
define('fdatasync', 'fdatasync', (a, req) => binding.fsync(checkFd(a[0]), req));
define('ftruncate', 'ftruncate', (a, req) => binding.ftruncate(checkFd(a[0]), a[1] || 0, req));
define('symlink', 'symlink', (a, req) => binding.symlink(toPath(a[0], 'target'), toPath(a[1]), req), null, twoPaths);
define('link', 'link', (a, req) => binding.link(toPath(a[0], 'existingPath'), toPath(a[1], 'newPath'), req), null, twoPaths);
define('readlink', 'readlink', (a, req) => binding.readlink(toPath(a[0]), req), (s) => s, onePath);
define('realpath', 'realpath', (a, req) => binding.realpath(toPath(a[0]), req), (s) => s, onePath);
define('mkdtemp', 'mkdtemp', (a, req) => binding.mkdtemp(String(a[0]), req), (s) => s, (a) => [String(a[0]) + 'XXXXXX']);
define('utimes', 'utime', (a, req) => binding.utime(toPath(a[0]), toSeconds(a[1]), toSeconds(a[2]), req), null, onePath);
define('open', 'open', (a, req) => binding.open(toPath(a[0]), stringToFlags(typeof a[1] === 'function' ? undefined : a[1]),
  parseMode(a[2], 0o666), req), (fd) => fd, onePath);
// stat and friends take an options object Node uses for bigint: a callback may come second
for (const name of ['stat', 'lstat', 'fstat', 'access', 'copyFile', 'open', 'mkdtemp', 'readlink', 'realpath', 'chmod']) {
  const cbForm = fs[name];
  fs[name] = function (...args) {
    const cb = args[args.length - 1];
    if (name === 'open' && args.length === 2) {
      return cbForm(args[0], 'r', 0o666, cb);
    }
    if (name === 'open' && args.length === 3) {
      return cbForm(args[0], args[1], 0o666, cb);
    }
    if ((name === 'stat' || name === 'lstat' || name === 'fstat' || name === 'readlink' || name === 'realpath' || name === 'mkdtemp')
      && args.length === 3) {
      return cbForm(args[0], cb);
    }
    return cbForm(...args);
  };
  Object.defineProperty(fs[name], 'name', { value: name });
}
fs.realpath.native = fs.realpath;
fs.realpathSync.native = fs.realpathSync;

function toSeconds(t) {
  if (t instanceof Date) {
    return t.getTime() / 1000;
  }
  return typeof t === 'string' ? Number(t) : t;
}

fs.truncateSync = function truncateSync(path, len) {
  const fd = fs.openSync(path, 'r+');
  try {
    fs.ftruncateSync(fd, len);
  } finally {
    fs.closeSync(fd);
  }
};
fs.truncate = function truncate(path, len, cb) {
  if (typeof len === 'function') {
    cb = len;
    len = 0;
  }
  fs.open(path, 'r+', (err, fd) => {
    if (err) {
      return cb(err);
    }
    fs.ftruncate(fd, len, (err2) => fs.close(fd, (err3) => cb(err2 || err3 || null)));
  });
};

fs.existsSync = function existsSync(path) {
  try {
    return binding.access(toPath(path), 0, 0) === 0;
  } catch (e) {
    return false;
  }
};
fs.exists = function exists(path, cb) {
  checkCallback(cb);
  let p;
  try {
    p = toPath(path);
  } catch (e) {
    return internal.nextTick(cb, false);
  }
  const id = internal.register(internal.request('FSReqCallback', function (result) {
    internal.unregister(id);
    cb(result === 0);
  }));
  binding.access(p, 0, id);
};

// readdir: names sorted as libuv's scandir sorts them, or Dirents
fs.readdirSync = function readdirSync(path, options) {
  const p = toPath(path);
  const o = getOptions(options, {});
  return entries(p, o)(check(binding.scandir(p, 0), 'scandir', p));
};
fs.readdir = function readdir(path, options, cb) {
  if (typeof options === 'function') {
    cb = options;
    options = undefined;
  }
  checkCallback(cb);
  const p = toPath(path);
  const o = getOptions(options, {});
  binding.scandir(p, request(cb, 'scandir', p, undefined, entries(p, o)));
};

// read and write
function readArgs(args) {
  // (fd, buffer, offset, length, position) or (fd, buffer, {offset, length, position}) or (fd, {buffer, ...})
  let [fd, buffer, offset, length, position] = args;
  if (buffer && !ArrayBuffer.isView(buffer) && typeof buffer === 'object') {
    ({ buffer = Buffer.alloc(16384), offset = 0, length, position = null } = buffer);
  } else if (offset && typeof offset === 'object') {
    ({ offset = 0, length, position = null } = offset);
  }
  if (!ArrayBuffer.isView(buffer)) {
    throw invalidArgType('buffer', 'an instance of Buffer, TypedArray, or DataView', buffer);
  }
  offset = offset === undefined ? 0 : offset;
  length = length === undefined ? buffer.byteLength - offset : length;
  if (offset < 0 || offset > buffer.byteLength) {
    throw internal.codeError(RangeError, 'ERR_OUT_OF_RANGE',
      'The value of "offset" is out of range. It must be >= 0 && <= ' + buffer.byteLength + '. Received ' + offset);
  }
  if (length < 0 || offset + length > buffer.byteLength) {
    throw internal.codeError(RangeError, 'ERR_OUT_OF_RANGE',
      'The value of "length" is out of range. It must be >= 0 && <= ' + (buffer.byteLength - offset) + '. Received ' + length);
  }
  const pos = position === null || position === undefined || position < 0 ? -1 : Number(position);
  return { fd: checkFd(fd), buffer, offset, length, position: pos };
}

function copyInto(r, chunk) {
  new Uint8Array(r.buffer.buffer, r.buffer.byteOffset, r.buffer.byteLength).set(chunk, r.offset);
  return chunk.length;
}

fs.readSync = function readSync(...args) {
  const r = readArgs(args);
  if (r.length === 0) {
    return 0;
  }
  return copyInto(r, check(binding.read(r.fd, r.length, r.position, 0), 'read'));
};
fs.read = function read(...args) {
  const cb = checkCallback(args.pop());
  const r = readArgs(args);
  if (r.length === 0) {
    return internal.nextTick(cb, null, 0, r.buffer);
  }
  binding.read(r.fd, r.length, r.position, request((err, chunk) => {
    if (err) {
      cb(err);
    } else {
      cb(null, copyInto(r, chunk), r.buffer);
    }
  }, 'read', undefined, undefined, (x) => x));
};

function outOfRange(name, range, value) {
  return internal.codeError(RangeError, 'ERR_OUT_OF_RANGE',
    'The value of "' + name + '" is out of range. It must be ' + range + '. Received ' + outOfRangeReceived(value));
}

function writeArgs(args) {
  // (fd, buffer, offset, length, position) | (fd, buffer, {offset, length, position}) | (fd, string, position, encoding)
  let [fd, data, a, b, c] = args;
  checkFd(fd);
  if (typeof data === 'string') {
    const bytes = Buffer.from(data, typeof b === 'string' ? b : 'utf8');
    return { fd, bytes, data, position: a === null || a === undefined || typeof a !== 'number' ? -1 : a };
  }
  if (!ArrayBuffer.isView(data)) {
    throw invalidArgType('buffer', 'of type string or an instance of Buffer, TypedArray, or DataView', data);
  }
  let offset = a;
  let length = b;
  let position = c;
  if (a && typeof a === 'object') {
    ({ offset = 0, length, position = null } = a);
  }
  // Node's checks: an integer offset from 0, any length not a number meaning the rest, and
  // both within the buffer (validateOffsetLengthWrite)
  offset = offset === undefined || offset === null || typeof offset === 'function' ? 0
    : validateInteger(offset, 'offset', 0, Number.MAX_SAFE_INTEGER);
  if (typeof length !== 'number') {
    length = data.byteLength - offset;
  }
  if (offset > data.byteLength) {
    throw outOfRange('offset', '<= ' + data.byteLength, offset);
  }
  if (length > data.byteLength - offset) {
    throw outOfRange('length', '<= ' + (data.byteLength - offset), length);
  }
  if (length < 0) {
    throw outOfRange('length', '>= 0', length);
  }
  validateInteger(length, 'length', 0, 2147483647);
  const view = new Uint8Array(data.buffer, data.byteOffset + offset, length);
  return { fd, bytes: view, data, position: typeof position === 'number' ? position : -1 };
}

fs.writeSync = function writeSync(...args) {
  const w = writeArgs(args);
  return check(binding.write(w.fd, w.bytes, w.position, 0), 'write');
};
fs.write = function write(...args) {
  const cb = checkCallback(args.pop());
  const w = writeArgs(args);
  binding.write(w.fd, w.bytes, w.position, request((err, n) => cb(err, err ? undefined : n, w.data),
    'write', undefined, undefined, (n) => n));
};

// readFile, writeFile, appendFile
fs.readFileSync = function readFileSync(path, options) {
  const o = getOptions(options, { flag: 'r' });
  if (typeof path === 'number') {
    return decoded(readAllFd(path), o.encoding);
  }
  const p = toPath(path);
  const bytes = binding.readFile(p, stringToFlags(o.flag), 0);
  if (typeof bytes === 'number') {
    throw uvException(bytes, bytes === -21 ? 'read' : 'open', bytes === -21 ? undefined : p);
  }
  return decoded(bytes, o.encoding);
};

function readAllFd(fd) {
  const parts = [];
  for (;;) {
    const chunk = check(binding.read(fd, 65536, -1, 0), 'read');
    if (chunk.length === 0) {
      return Buffer.concat(parts);
    }
    parts.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length));
  }
}

fs.readFile = function readFile(path, options, cb) {
  if (typeof options === 'function') {
    cb = options;
    options = undefined;
  }
  checkCallback(cb);
  const o = getOptions(options, { flag: 'r' });
  if (typeof path === 'number') {
    // a descriptor: read from where it is to the end, as Node does
    const parts = [];
    (function next() {
      binding.read(path, 65536, -1, request((err, chunk) => {
        if (err) {
          cb(err);
        } else if (chunk.length === 0) {
          cb(null, decoded(Buffer.concat(parts), o.encoding));
        } else {
          parts.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length));
          next();
        }
      }, 'read', undefined, undefined, (chunk) => chunk));
    })();
    return;
  }
  const p = toPath(path);
  const id = internal.register(internal.request('FSReqCallback', function (result) {
    internal.unregister(id);
    if (typeof result === 'number') {
      // EISDIR comes from the read, as in Node; everything else from the open
      cb(result === -21 ? uvException(result, 'read') : uvException(result, 'open', p));
    } else {
      cb(null, decoded(result, o.encoding));
    }
  }));
  binding.readFile(p, stringToFlags(o.flag), id);
};

function writeAll(fd, bytes, position, done) {
  const view = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
  let off = 0;
  (function next() {
    if (off >= view.byteLength) {
      return done(null);
    }
    const part = new Uint8Array(view.buffer, view.byteOffset + off, view.byteLength - off);
    binding.write(fd, part, position < 0 ? -1 : position + off, request((err, n) => {
      if (err) {
        return done(err);
      }
      off += n;
      next();
    }, 'write', undefined, undefined, (n) => n));
  })();
}

fs.writeFileSync = function writeFileSync(path, data, options) {
  const o = getOptions(options, { encoding: 'utf8', mode: 0o666, flag: 'w' });
  const bytes = toBytes(data, o.encoding);
  const isFd = typeof path === 'number';
  const fd = isFd ? path : fs.openSync(path, o.flag, o.mode);
  try {
    const view = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
    let off = 0;
    while (off < view.byteLength) {
      off += check(binding.write(fd, new Uint8Array(view.buffer, view.byteOffset + off, view.byteLength - off), -1, 0), 'write');
    }
  } finally {
    if (!isFd) {
      fs.closeSync(fd);
    }
  }
};
fs.writeFile = function writeFile(path, data, options, cb) {
  if (typeof options === 'function') {
    cb = options;
    options = undefined;
  }
  checkCallback(cb);
  const o = getOptions(options, { encoding: 'utf8', mode: 0o666, flag: 'w' });
  const bytes = toBytes(data, o.encoding);
  if (typeof path === 'number') {
    return writeAll(path, bytes, -1, cb);
  }
  fs.open(path, o.flag, o.mode, (err, fd) => {
    if (err) {
      return cb(err);
    }
    writeAll(fd, bytes, -1, (werr) => fs.close(fd, (cerr) => cb(werr || cerr || null)));
  });
};
fs.appendFileSync = function appendFileSync(path, data, options) {
  const o = getOptions(options, { encoding: 'utf8', mode: 0o666, flag: 'a' });
  fs.writeFileSync(path, data, Object.assign({}, o, { flag: o.flag || 'a' }));
};
fs.appendFile = function appendFile(path, data, options, cb) {
  if (typeof options === 'function') {
    cb = options;
    options = undefined;
  }
  const o = getOptions(options, { encoding: 'utf8', mode: 0o666, flag: 'a' });
  fs.writeFile(path, data, Object.assign({}, o, { flag: o.flag || 'a' }), cb);
};

// mkdir, with recursive as Node has it: the callback gets the first directory made
fs.mkdirSync = function mkdirSync(path, options) {
  const p = toPath(path);
  const o = typeof options === 'object' && options !== null ? options : { mode: options };
  const mode = parseMode(o.mode, 0o777);
  if (!o.recursive) {
    check(binding.mkdir(p, mode, 0), 'mkdir', p);
    return undefined;
  }
  const abs = pathModule.resolve(p);
  const missing = [];
  for (let dir = abs; ; dir = pathModule.dirname(dir)) {
    const st = binding.stat(dir, 0);
    if (typeof st !== 'number') {
      if ((st[1] & constants.S_IFMT) !== constants.S_IFDIR) {
        throw uvException(missing.length ? -20 : -17, 'mkdir', p);
      }
      break;
    }
    missing.unshift(dir);
    if (dir === '/') {
      break;
    }
  }
  for (const dir of missing) {
    const r = binding.mkdir(dir, mode, 0);
    if (r < 0 && r !== -17) {
      throw uvException(r, 'mkdir', p);
    }
  }
  return missing.length ? missing[0] : undefined;
};
fs.mkdir = function mkdir(path, options, cb) {
  if (typeof options === 'function') {
    cb = options;
    options = undefined;
  }
  checkCallback(cb);
  const p = toPath(path);
  const o = typeof options === 'object' && options !== null ? options : { mode: options };
  if (!o.recursive) {
    binding.mkdir(p, parseMode(o.mode, 0o777), request(cb, 'mkdir', p));
    return;
  }
  // recursive: done on the loop thread in one go, its callback deferred as an fs callback is
  let result;
  let error = null;
  try {
    result = fs.mkdirSync(p, o);
  } catch (e) {
    error = e;
  }
  setImmediate(() => (error ? cb(error) : cb(null, result)));
};

// rm: files, and with recursive whole trees; force ignores a missing path
function rmTreeSync(p) {
  const st = binding.lstat(p, 0);
  if (typeof st === 'number') {
    throw uvException(st, 'lstat', p);
  }
  if ((st[1] & constants.S_IFMT) === constants.S_IFDIR) {
    for (const name of fs.readdirSync(p)) {
      rmTreeSync(pathModule.join(p, name));
    }
    check(binding.rmdir(p, 0), 'rmdir', p);
  } else {
    check(binding.unlink(p, 0), 'unlink', p);
  }
}

fs.rmSync = function rmSync(path, options) {
  const p = toPath(path);
  const o = options || {};
  const st = binding.lstat(p, 0);
  if (typeof st === 'number') {
    if (st === -2 && o.force) {
      return;
    }
    throw uvException(st, 'lstat', p);
  }
  if ((st[1] & constants.S_IFMT) === constants.S_IFDIR && !o.recursive) {
    const e = new Error('Path is a directory: rm returned EISDIR (is a directory) ' + p);
    e.code = 'ERR_FS_EISDIR';
    e.name = 'SystemError';
    e.errno = 21;
    e.syscall = 'rm';
    e.path = p;
    throw e;
  }
  rmTreeSync(p);
};
fs.rm = function rm(path, options, cb) {
  if (typeof options === 'function') {
    cb = options;
    options = undefined;
  }
  checkCallback(cb);
  let error = null;
  try {
    fs.rmSync(path, options);
  } catch (e) {
    error = e;
  }
  setImmediate(() => cb(error));
};
// rmdir's recursive option (deprecated in Node, DEP0147 once) removes a tree as rm does
{
  let recursiveWarned = false;
  const warnRecursive = () => {
    if (!recursiveWarned) {
      recursiveWarned = true;
      process.emitWarning('In future versions of Node.js, fs.rmdir(path, { recursive: true }) will be removed. '
        + 'Use fs.rm(path, { recursive: true }) instead', 'DeprecationWarning', 'DEP0147');
    }
  };
  const rmdirSync = fs.rmdirSync;
  fs.rmdirSync = function (path, options) {
    if (options && options.recursive) {
      warnRecursive();
      return rmTreeSync(toPath(path));
    }
    return rmdirSync(path);
  };
  const rmdir = fs.rmdir;
  fs.rmdir = function (path, options, cb) {
    if (typeof options === 'function') {
      return rmdir(path, options);
    }
    if (options && options.recursive) {
      warnRecursive();
      return fs.rm(path, { recursive: true }, cb);
    }
    return rmdir(path, cb);
  };
}

// ------------------------------------------------------------------ watch

class FSWatcher extends EventEmitter {
  constructor() {
    super();
    this._id = internal.register(this);
    this._closed = false;
  }

  onevent(type, arg) {
    if (this._closed) {
      return;
    }
    if (type === 'error') {
      const err = uvException(arg, 'watch');
      this.close();
      this.emit('error', err);
      return;
    }
    this.emit('change', type, arg);
  }

  close() {
    if (this._closed) {
      return;
    }
    this._closed = true;
    binding.unwatch(this._id);
    internal.unregister(this._id);
    internal.nextTick(() => this.emit('close'));
  }

  ref() {
    binding.watchRef(this._id, true);
    return this;
  }

  unref() {
    binding.watchRef(this._id, false);
    return this;
  }
}

fs.FSWatcher = FSWatcher;
fs.watch = function watch(filename, options, listener) {
  if (typeof options === 'function') {
    listener = options;
    options = undefined;
  }
  const o = getOptions(options, { persistent: true });
  const p = toPath(filename, 'filename');
  const w = new FSWatcher();
  const r = binding.watch(w._id, p);
  if (r < 0) {
    internal.unregister(w._id);
    throw uvException(r, 'watch', p);
  }
  if (o.persistent === false) {
    w.unref();
  }
  if (listener) {
    w.on('change', listener);
  }
  return w;
};

// ------------------------------------------------------------------ streams

let streams;
function fileStreams() {
  return streams || (streams = require('internal/fs_streams')(fs));
}
Object.defineProperty(fs, 'ReadStream', { enumerable: true, get: () => fileStreams().ReadStream });
Object.defineProperty(fs, 'WriteStream', { enumerable: true, get: () => fileStreams().WriteStream });
fs.createReadStream = (path, options) => new (fileStreams().ReadStream)(path, options);
fs.createWriteStream = (path, options) => new (fileStreams().WriteStream)(path, options);

// ------------------------------------------------------------------ promises

let promisesApi;
Object.defineProperty(fs, 'promises', {
  enumerable: true,
  get: () => promisesApi || (promisesApi = require('internal/fs_promises')(fs)),
});
