// child_process on juv's Process (NetBinding.spawn): as Node's, a ChildProcess is an
// EventEmitter over a process handle, and each piped stdio is a net.Socket over a pipe handle,
// so a child's output is read, paused and ended as any socket's. 'exit' comes when the child
// ends; 'close' once it has ended and its piped stdout and stderr have closed. exec and execFile
// gather the output; the Sync forms run the child on a loop of their own and wait. fork (a child
// Node program with an IPC channel) is not written.
'use strict';

const EventEmitter = require('events');
const net = require('net');
const { Buffer } = require('buffer');
const errors = require('internal/errors');
const signals = require('os').constants.signals;

const binding = internal.host.net();
const UV_ENOENT = -2;
const UV_EACCES = -13;
const UV_ESRCH = -3;
const UV_EINVAL = -22;

function signalName(n) {
  for (const name of Object.keys(signals)) {
    if (signals[name] === n) {
      return name;
    }
  }
  return null;
}

function signalNumber(sig) {
  if (typeof sig === 'number' && (sig | 0) === sig) {
    if (sig === 0 || signalName(sig) !== null) {
      return sig;
    }
    throw internal.codeError(TypeError, 'ERR_UNKNOWN_SIGNAL', 'Unknown signal: ' + sig);
  }
  if (typeof sig === 'string' && signals[sig.toUpperCase()] !== undefined) {
    return signals[sig.toUpperCase()];
  }
  throw internal.codeError(TypeError, 'ERR_UNKNOWN_SIGNAL', 'Unknown signal: ' + sig);
}

function normalizeSpawnArguments(file, args, options) {
  if (typeof file !== 'string') {
    throw errors.invalidArgType('file', 'of type string', file);
  }
  if (file.length === 0) {
    throw internal.codeError(TypeError, 'ERR_INVALID_ARG_VALUE', "The argument 'file' cannot be empty. Received ''");
  }
  if (Array.isArray(args)) {
    args = args.slice();
  } else if (args == null) {
    args = [];
  } else if (typeof args !== 'object') {
    throw errors.invalidArgType('args', 'an instance of Array', args);
  } else {
    options = args;
    args = [];
  }
  if (options === undefined) {
    options = {};
  } else if (options === null || typeof options !== 'object') {
    throw errors.invalidArgType('options', 'of type object', options);
  }
  options = Object.assign({}, options);
  if (options.shell) {
    const command = [file].concat(args).join(' ');
    file = typeof options.shell === 'string' ? options.shell : '/bin/sh';
    args = ['-c', command];
  }
  const argv0 = typeof options.argv0 === 'string' ? options.argv0 : file;
  const env = options.env || process.env;
  const envPairs = [];
  for (const key of Object.keys(env)) {
    if (env[key] !== undefined) {
      envPairs.push(key + '=' + env[key]);
    }
  }
  return {
    file,
    args: [argv0].concat(args),
    spawnargs: [file].concat(args),
    envPairs,
    cwd: options.cwd == null ? null : String(options.cwd),
    detached: !!options.detached,
    stdio: normalizeStdio(options.stdio),
    options,
  };
}

/** ['pipe'|'ignore'|'inherit:N', ...] from Node's stdio option. */
function normalizeStdio(stdio) {
  if (stdio === undefined || stdio === null || typeof stdio === 'string') {
    stdio = [stdio || 'pipe', stdio || 'pipe', stdio || 'pipe'];
  } else if (!Array.isArray(stdio)) {
    throw internal.codeError(TypeError, 'ERR_INVALID_ARG_VALUE',
      "The property 'options.stdio' is invalid. Received " + internal.describe(stdio));
  }
  const out = [];
  for (let i = 0; i < Math.max(3, stdio.length); i++) {
    const s = stdio[i];
    if (s === undefined || s === null) {
      out.push(i < 3 ? 'pipe' : 'ignore');
    } else if (s === 'pipe' || s === 'overlapped') {
      out.push('pipe');
    } else if (s === 'ignore') {
      out.push('ignore');
    } else if (s === 'inherit') {
      out.push('inherit:' + i);
    } else if (typeof s === 'number') {
      out.push('inherit:' + s);
    } else if (s === process.stdin || s === process.stdout || s === process.stderr) {
      out.push('inherit:' + (s === process.stdin ? 0 : s === process.stdout ? 1 : 2));
    } else {
      throw internal.codeError(TypeError, 'ERR_INVALID_ARG_VALUE',
        "The property 'options.stdio' is invalid. Received " + internal.describe(s));
    }
  }
  return out;
}

function maybeClose(child) {
  child._closesGot++;
  if (child._closesGot === child._closesNeeded) {
    child.emit('close', child.exitCode, child.signalCode);
  }
}

class ChildProcess extends EventEmitter {
  constructor() {
    super();
    this._closesNeeded = 1;
    this._closesGot = 0;
    this._id = 0;
    this._exited = false;
    this.connected = false;
    this.signalCode = null;
    this.exitCode = null;
    this.killed = false;
    this.spawnfile = null;
    this.spawnargs = [];
    this.pid = undefined;
    this.stdin = null;
    this.stdout = null;
    this.stderr = null;
    this.stdio = [];
  }

  spawn(options) {
    this.spawnfile = options.file;
    this.spawnargs = options.spawnargs;
    const sockets = options.stdio.map((s, i) => (s === 'pipe'
      ? new net.Socket({ readable: i !== 0, writable: i === 0 }) : null));
    const ids = sockets.map((s) => (s ? internal.register(s) : 0));
    const spec = options.stdio.map((s, i) => (s === 'pipe' ? 'pipe:' + ids[i] : s));
    this._id = internal.register(this);
    const r = binding.spawn(this._id, options.file, options.args.join('\0'), options.envPairs.join('\0'),
      options.cwd, spec.join('\0'), options.detached);
    if (r < 0) {
      internal.unregister(this._id);
      this._id = 0;
      this._exited = true;
      ids.forEach((id) => id && internal.unregister(id));
      if (r !== UV_ENOENT && r !== UV_EACCES) {
        throw errors.errnoException(r, 'spawn');
      }
      // As Node's: the error comes on the next tick, as an exit with the error's code.
      internal.nextTick(() => this._onexit(r, 0));
    } else {
      this.pid = r;
      sockets.forEach((s, i) => {
        if (s) {
          s._attach(ids[i]);
          if (i !== 0) {
            s.read(0);
          }
        }
      });
      internal.nextTick(() => this.emit('spawn'));
    }
    sockets.forEach((s, i) => {
      if (s && i > 0) {
        this._closesNeeded++;
        s.on('close', () => maybeClose(this));
      }
      if (s && r < 0) {
        s.destroy();
      }
    });
    this.stdio = sockets;
    this.stdin = sockets[0] || null;
    this.stdout = sockets[1] || null;
    this.stderr = sockets[2] || null;
    return r < 0 ? r : 0;
  }

  onevent(event, status, signal) {
    if (event === 'exit') {
      binding.close(this._id); // 'close' follows and lets the id go
      this._onexit(status, signal);
    } else if (event === 'close') {
      internal.unregister(this._id);
    }
  }

  _onexit(exitCode, signal) {
    this._exited = true;
    if (signal) {
      this.signalCode = signalName(signal);
    } else {
      this.exitCode = exitCode;
    }
    if (this.stdin) {
      this.stdin.destroy();
    }
    if (exitCode < 0) {
      const syscall = this.spawnfile ? 'spawn ' + this.spawnfile : 'spawn';
      const err = errors.errnoException(exitCode, syscall);
      if (this.spawnfile) {
        err.path = this.spawnfile;
      }
      err.spawnargs = this.spawnargs.slice(1);
      this.emit('error', err);
    } else {
      this.emit('exit', this.exitCode, this.signalCode);
    }
    // Output nobody reads still has to flow for the pipes to close.
    internal.nextTick(() => {
      for (const s of this.stdio) {
        if (s && s.readable && !s._readableState.readableListening && !s.readableFlowing) {
          s.resume();
        }
      }
    });
    maybeClose(this);
  }

  kill(sig) {
    const signum = sig === 0 ? 0 : signalNumber(sig === undefined ? 'SIGTERM' : sig);
    if (this._id && !this._exited) {
      const err = binding.processKill(this._id, signum);
      if (err === 0) {
        this.killed = true;
        return true;
      }
      if (err === UV_EINVAL) {
        throw errors.errnoException(err, 'kill');
      }
      if (err !== UV_ESRCH) {
        this.emit('error', errors.errnoException(err, 'kill'));
      }
    }
    return false;
  }

  ref() {
    if (this._id) {
      binding.ref(this._id, true);
    }
  }

  unref() {
    if (this._id) {
      binding.ref(this._id, false);
    }
  }
}

function spawn(file, args, options) {
  const opts = normalizeSpawnArguments(file, args, options);
  const child = new ChildProcess();
  child.spawn(opts);
  return child;
}

function normalizeExecArgs(command, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  options = Object.assign({}, options);
  options.shell = typeof options.shell === 'string' ? options.shell : true;
  return { file: command, options, callback };
}

function execFile(file, args, options, callback) {
  if (typeof args === 'function') {
    callback = args;
    args = [];
    options = undefined;
  } else if (args !== null && typeof args === 'object' && !Array.isArray(args)) {
    callback = options;
    options = args;
    args = [];
  } else if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  options = Object.assign({ encoding: 'utf8', timeout: 0, maxBuffer: 1024 * 1024, killSignal: 'SIGTERM' }, options);
  const child = spawn(file, args, options);
  const stdout = [];
  const stderr = [];
  let ended = false;
  let ex = null;
  let timer = null;
  const text = (chunks) => {
    const all = Buffer.concat(chunks);
    return options.encoding && options.encoding !== 'buffer' && Buffer.isEncoding(options.encoding)
      ? all.toString(options.encoding) : all;
  };
  const cmd = [file].concat(args || []).join(' ');
  function exithandler(code, signal) {
    if (ended) {
      return;
    }
    ended = true;
    if (timer) {
      clearTimeout(timer);
    }
    if (!callback) {
      return;
    }
    const out = text(stdout);
    const err = text(stderr);
    if (!ex && code === 0 && signal === null) {
      callback(null, out, err);
      return;
    }
    if (!ex) {
      ex = new Error('Command failed: ' + cmd + '\n' + err);
      ex.code = code < 0 ? errors.errname(code) : code;
      ex.killed = child.killed;
      ex.signal = signal;
    }
    ex.cmd = cmd;
    callback(ex, out, err);
  }
  if (options.timeout > 0) {
    timer = setTimeout(() => {
      timer = null;
      child.kill(options.killSignal);
    }, options.timeout);
  }
  if (child.stdout) {
    child.stdout.on('data', (chunk) => stdout.push(chunk));
  }
  if (child.stderr) {
    child.stderr.on('data', (chunk) => stderr.push(chunk));
  }
  child.addListener('close', exithandler);
  child.addListener('error', (e) => {
    ex = e;
    if (child.stdout) {
      child.stdout.destroy();
    }
    if (child.stderr) {
      child.stderr.destroy();
    }
    exithandler();
  });
  return child;
}

function exec(command, options, callback) {
  const opts = normalizeExecArgs(command, options, callback);
  return execFile(opts.file, opts.options, opts.callback);
}

function spawnSync(file, args, options) {
  const opts = normalizeSpawnArguments(file, args, options);
  const o = opts.options;
  const stdio = opts.stdio.slice(0, 3).map((s) => s);
  const r = binding.spawnSync(opts.file, opts.args.join('\0'), opts.envPairs.join('\0'), opts.cwd, stdio.join('\0'),
    o.input === undefined ? null : o.input, o.timeout > 0 ? o.timeout : 0,
    signalNumber(o.killSignal === undefined ? 'SIGTERM' : o.killSignal));
  const encode = (bytes) => {
    const b = bytes == null ? null : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return b && o.encoding && o.encoding !== 'buffer' ? b.toString(o.encoding) : b;
  };
  const result = {
    pid: r[0] === 0 ? r[1] : 0,
    output: [null, encode(r[4]), encode(r[5])],
    stdout: encode(r[4]),
    stderr: encode(r[5]),
    status: r[0] === 0 && !r[3] ? r[2] : null,
    signal: r[0] === 0 && r[3] ? signalName(r[3]) : null,
  };
  if (r[0] !== 0) {
    const err = errors.errnoException(r[0], 'spawnSync ' + opts.file);
    err.path = opts.file;
    err.spawnargs = opts.args.slice(1);
    result.error = err;
  }
  return result;
}

function checkExecSyncError(ret, args, cmd) {
  if (ret.error) {
    return ret.error;
  }
  if (ret.status !== 0) {
    let msg = 'Command failed: ' + (cmd || args.join(' '));
    if (ret.stderr && ret.stderr.length > 0) {
      msg += '\n' + ret.stderr.toString();
    }
    const err = new Error(msg);
    Object.assign(err, ret);
    return err;
  }
  return undefined;
}

function execFileSync(file, args, options) {
  if (args !== null && typeof args === 'object' && !Array.isArray(args)) {
    options = args;
    args = [];
  }
  options = Object.assign({ stdio: ['pipe', 'pipe', 'inherit'] }, options);
  const ret = spawnSync(file, args, options);
  const err = checkExecSyncError(ret, [file].concat(args || []), undefined);
  if (err) {
    throw err;
  }
  return ret.stdout;
}

function execSync(command, options) {
  options = Object.assign({ stdio: ['pipe', 'pipe', 'inherit'] }, options, { shell: true });
  const ret = spawnSync(command, [], options);
  const err = checkExecSyncError(ret, [command], command);
  if (err) {
    throw err;
  }
  return ret.stdout;
}

module.exports = {
  ChildProcess,
  exec,
  execFile,
  execFileSync,
  execSync,
  fork: errors.unavailable('fork', 'child_process.fork()', 'juv-js has no IPC channel to a child yet'),
  spawn,
  spawnSync,
};
