// Node's net on juv's Tcp handle (NetBinding.java): Socket is a Duplex whose reads come from the
// handle's read callback (reading stops while the readable side is full, as Node's does), whose
// writes go out at once when the socket takes them (the write callback then runs at once, as in
// Node) or complete later from the loop, and whose end() shuts the writing side down after the
// queued writes. 'close' comes from the handle's close callback, with hadError.
'use strict';

const EventEmitter = require('events');
const stream = require('stream');
const { Buffer } = require('buffer');
const dns = require('dns');
const { isIP, isIPv4, isIPv6, validatePort, isPipeName } = require('internal/ip');
const { exceptionWithHostPort, errnoException, invalidArgType, AbortError } = require('internal/errors');

const binding = internal.host.net();

// ------------------------------------------------------------------ Socket

class Socket extends stream.Duplex {
  constructor(options) {
    options = Object.assign({}, options);
    const allowHalfOpen = !!options.allowHalfOpen;
    super({
      allowHalfOpen,
      emitClose: false, // 'close' comes from the handle's close callback
      autoDestroy: true,
      decodeStrings: false,
      highWaterMark: options.highWaterMark,
      readable: options.readable, // false for a child's stdin, as Node's
      writable: options.writable, // false for a child's stdout and stderr
    });
    for (const name of ['objectMode', 'readableObjectMode', 'writableObjectMode']) {
      if (options[name]) {
        throw internal.codeError(TypeError, 'ERR_INVALID_ARG_VALUE',
          "The property 'options." + name + "' is not supported. Received " + require('util').inspect(options[name]));
      }
    }
    this.allowHalfOpen = allowHalfOpen;
    this.connecting = false;
    this._hadError = false;
    this._id = 0;
    this._reading = false;
    this._pendingWrite = null; // a write waiting for the connection
    this._writeCallbacks = []; // writes the loop will complete, in order
    this._shutdownCallback = null;
    this._timeoutMs = 0;
    this._timer = null;
    this._bytesRead = 0;
    this._bytesDispatched = 0;
    this._peer = null;
    this.server = null;
    this._server = null;
    if (options.handle !== undefined) {
      this._attach(options.handle);
      this.connecting = false;
      if (options.readable !== false && !options.pauseOnCreate && !options.manualStart) {
        this.read(0);
      }
    }
    if (options.pauseOnCreate) {
      // As Node's: paused for good, so a 'data' listener does not start it; resume() does.
      this.readableFlowing = false;
    }
    if (options.signal !== undefined) {
      // as Node's client sockets: an abort destroys the socket with an AbortError
      const signal = options.signal;
      require('internal/event_target').onAbortSignal(this, signal,
        () => this.destroy(new AbortError(undefined, { cause: signal.reason })), true, 'signal');
    }
    this.on('end', onReadableEnd);
  }

  _attach(id) {
    this._id = id;
    internal.handleOwner(id, this);
  }

  onevent(event, arg) {
    switch (event) {
      case 'connect':
        this._afterConnect(arg);
        break;
      case 'data':
        this._touch();
        this._bytesRead += arg.byteLength;
        if (!this.push(Buffer.from(arg.buffer, arg.byteOffset, arg.byteLength))) {
          this._reading = false;
          binding.readStop(this._id);
        }
        break;
      case 'end':
        this._reading = false;
        this.push(null);
        this.read(0);
        break;
      case 'error':
        this.destroy(errnoException(arg, 'read'));
        break;
      case 'written': {
        const cb = this._writeCallbacks.shift();
        this._touch();
        if (cb) {
          cb(arg < 0 ? errnoException(arg, 'write') : undefined);
        }
        break;
      }
      case 'shutdown': {
        const cb = this._shutdownCallback;
        this._shutdownCallback = null;
        if (cb) {
          cb(arg < 0 && arg !== -107 ? errnoException(arg, 'shutdown') : undefined);
        }
        break;
      }
      case 'close':
        if (this._detachedId) {
          internal.unregister(this._detachedId);
          this._detachedId = 0;
          break;
        }
        internal.unregister(this._id);
        this._id = 0; // Node's socket._handle is null from here on; its methods do nothing
        if (this._handleCloseCallback) { // closed through _handle.close(cb): no 'close', as Node
          const cb = this._handleCloseCallback;
          this._handleCloseCallback = null;
          cb();
        } else if (!this._silentClose) {
          this.emit('close', this._hadError);
        }
        break;
      default:
        break;
    }
  }

  // ---------------------------------------------------------------- connecting

  connect(...args) {
    let options;
    let cb;
    if (args[0] !== null && typeof args[0] === 'object') {
      options = args[0];
      cb = args[1];
    } else if (isPipeName(args[0])) {
      options = { path: args[0] };
      cb = args[1];
    } else {
      options = { port: args[0] };
      if (typeof args[1] === 'string') {
        options.host = args[1];
        cb = args[2];
      } else {
        cb = args[1];
      }
    }
    if (options.port === undefined && (options.path === undefined || options.path === null)) {
      throw internal.codeError(TypeError, 'ERR_MISSING_ARGS', 'The "options" or "port" or "path" argument must be specified');
    }
    if (typeof cb === 'function') {
      this.once('connect', cb);
    }
    if (options.path !== undefined && options.path !== null) {
      return this._connectPipe(options.path);
    }
    const host = options.host || 'localhost';
    if (options.port !== undefined && typeof options.port !== 'number' && typeof options.port !== 'string') {
      throw internal.codeError(TypeError, 'ERR_INVALID_ARG_TYPE',
        'The "options.port" property must be one of type number or string. Received ' + internal.describe(options.port));
    }
    const port = validatePort(options.port);
    const { localAddress, localPort } = options;
    if (localAddress && !isIP(localAddress)) {
      throw internal.codeError(TypeError, 'ERR_INVALID_IP_ADDRESS', 'Invalid IP address: ' + localAddress);
    }
    if (localPort && typeof localPort !== 'number') {
      throw internal.codeError(TypeError, 'ERR_INVALID_ARG_TYPE',
        'The "options.localPort" property must be of type number. Received ' + internal.describe(localPort));
    }
    this._local = localAddress || localPort ? { address: localAddress, port: localPort | 0 } : null;
    if (this.destroyed) {
      this._undestroy();
    }
    this._id = internal.register(this);
    this._pipe = false;
    binding.tcpOpen(this._id);
    this._bytesRead = 0; // a new handle counts from zero, as Node's
    this._bytesDispatched = 0;
    this.connecting = true;
    if (options.noDelay) {
      binding.noDelay(this._id, true);
    }
    const literal = isIP(host);
    if (literal) {
      internal.nextTick(() => this._tryConnect([{ address: host, family: literal }], port, host));
      return this;
    }
    if (options.lookup !== undefined && options.lookup !== null && typeof options.lookup !== 'function') {
      throw internal.codeError(TypeError, 'ERR_INVALID_ARG_TYPE',
        'The "options.lookup" property must be of type function. Received ' + internal.describe(options.lookup));
    }
    const lookup = options.lookup || dns.lookup;
    // Node's options for the lookup: every address (autoSelectFamily), and ADDRCONFIG unless a
    // family or hints were asked for
    const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
    const dnsOptions = { family, hints: options.hints || 0, all: true };
    if (family !== 4 && family !== 6 && dnsOptions.hints === 0) {
      dnsOptions.hints = dns.ADDRCONFIG;
    }
    lookup(host, dnsOptions, (err, list, listFamily) => {
      if (!this.connecting) {
        return;
      }
      if (!err && Array.isArray(list) && list.length === 0) {
        err = internal.codeError(Error, 'ENOTFOUND', 'getaddrinfo ENOTFOUND ' + host);
      }
      if (err) {
        this.emit('lookup', err, undefined, undefined, host);
        this.destroy(err);
        return;
      }
      if (!Array.isArray(list)) { // a custom lookup that answered with one address
        list = [{ address: list, family: listFamily }];
      }
      // As Node's lookupAndConnectMultiple: a 'lookup' per address, then only IPv4 and IPv6
      // addresses are tried; with none, the first one says what was wrong with it.
      const valid = [];
      for (const a of list) {
        this.emit('lookup', null, a.address, a.family, host);
        if (!this.connecting) {
          return;
        }
        if (isIP(a.address) && (a.family === 4 || a.family === 6)) {
          valid.push(a);
        }
      }
      if (valid.length === 0) {
        const first = list[0];
        const e = !isIP(first.address)
          ? internal.codeError(TypeError, 'ERR_INVALID_IP_ADDRESS', 'Invalid IP address: ' + first.address)
          : Object.assign(internal.codeError(RangeError, 'ERR_INVALID_ADDRESS_FAMILY',
            'Invalid address family: ' + first.family + ' ' + options.host + ':' + options.port),
          { host: options.host, port: options.port });
        internal.nextTick(() => this.destroy(e));
        return;
      }
      this._tryConnect(valid, port, host);
    });
    return this;
  }

  /** A Unix-domain socket (Node's "pipe"): connected at once, errors as Node's `connect ENOENT path`. */
  _connectPipe(path) {
    if (typeof path !== 'string') {
      throw internal.codeError(TypeError, 'ERR_INVALID_ARG_TYPE',
        'The "options.path" property must be of type string. Received ' + internal.describe(path));
    }
    if (this.destroyed) {
      this._undestroy();
    }
    this._id = internal.register(this);
    this._pipe = true;
    binding.pipeOpen(this._id);
    this._bytesRead = 0;
    this._bytesDispatched = 0;
    this.connecting = true;
    this._connectTarget = { list: [{ address: path }], address: path, port: undefined };
    const r = binding.pipeConnect(this._id, path);
    if (r < 0) {
      this.destroy(exceptionWithHostPort(r, 'connect', path));
    }
    return this;
  }

  /** Tries each address in turn, as Node 20's autoSelectFamily does (without its delay). */
  _tryConnect(list, port, host) {
    if (!this.connecting || this.destroyed) {
      return;
    }
    const { address, family } = list[0];
    this._connectTarget = { list, port, host, address };
    const local = this._local;
    if (local) { // options.localAddress and localPort: bind first, as Node's internalConnect
      const localAddress = local.address || (family === 6 ? '::' : '0.0.0.0');
      let b = binding.tcpBind(this._id, localAddress, local.port);
      if (b === 0 && local.port > 0) {
        b = binding.checkBind(this._id, local.port);
      }
      if (b < 0) {
        this.destroy(exceptionWithHostPort(b, 'bind', localAddress, local.port));
        return;
      }
    }
    const r = binding.connect(this._id, address, port);
    if (r < 0) {
      this.destroy(exceptionWithHostPort(r, 'connect', address, port));
    }
  }

  _afterConnect(status) {
    if (!this.connecting || this.destroyed) {
      return;
    }
    const t = this._connectTarget;
    if (status < 0) {
      if (t.list.length > 1 && status !== -125) {
        // the next address, on a fresh handle
        const old = this._id;
        internal.unregister(old);
        binding.close(old);
        this._id = internal.register(this);
        binding.tcpOpen(this._id);
        this._tryConnect(t.list.slice(1), t.port, t.host);
        return;
      }
      this.destroy(exceptionWithHostPort(status, 'connect', t.address, t.port));
      return;
    }
    this.connecting = false;
    this._touch();
    this.emit('connect');
    this.emit('ready');
    if (this._pendingWrite) {
      const { chunks, cb } = this._pendingWrite;
      this._pendingWrite = null;
      this._writeChunks(chunks, cb);
    }
    if (this._pendingFinal) {
      const cb = this._pendingFinal;
      this._pendingFinal = null;
      this._final(cb);
    }
    if (!this.isPaused()) { // as Node's afterConnect: a socket paused while connecting stays so
      this._startReading();
    }
  }

  // ---------------------------------------------------------------- the stream

  _startReading() {
    if (!this._reading && this._id && !this.connecting && !this.destroyed) {
      this._reading = true;
      const r = binding.readStart(this._id);
      if (r < 0) {
        this._reading = false;
        this.destroy(errnoException(r, 'read'));
      }
    }
  }

  _read() {
    if (this.connecting || !this._id) {
      this.once('connect', () => this._read());
      return;
    }
    this._startReading();
  }

  _write(chunk, encoding, cb) {
    this._writeChunks([typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk], cb);
  }

  _writev(chunks, cb) {
    this._writeChunks(chunks.map((c) => (typeof c.chunk === 'string' ? Buffer.from(c.chunk, c.encoding) : c.chunk)), cb);
  }

  _writeChunks(chunks, cb) {
    if (this.connecting) {
      this._pendingWrite = { chunks, cb };
      return;
    }
    if (!this._id || this.destroyed) {
      cb(internal.codeError(Error, 'ERR_SOCKET_CLOSED', 'Socket is closed'));
      return;
    }
    const data = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
    this._bytesDispatched += data.byteLength;
    this._touch();
    const r = binding.write(this._id, data);
    if (r === 1) {
      cb();
    } else if (r === 0) {
      this._writeCallbacks.push(cb);
    } else {
      cb(errnoException(r, 'write'));
    }
  }

  _final(cb) {
    if (this.connecting) {
      this._pendingFinal = cb;
      return;
    }
    if (!this._id || this.destroyed) {
      cb();
      return;
    }
    this._shutdownCallback = cb;
    const r = binding.shutdown(this._id);
    if (r < 0) {
      this._shutdownCallback = null;
      cb(r === -107 ? undefined : errnoException(r, 'shutdown'));
    }
  }

  _destroy(err, cb) {
    this.connecting = false;
    if (this._pendingWrite) { // a write that waited for a connection that never came
      const pending = this._pendingWrite.cb;
      this._pendingWrite = null;
      pending(internal.codeError(Error, 'ERR_SOCKET_CLOSED_BEFORE_CONNECTION',
        'Socket closed before the connection was established'));
    }
    this._clearTimer();
    if (this._id) {
      this._hadError = !!err;
      this._reading = false;
      // writes in flight end with the close (libuv cancels them); the stream is destroyed already
      this._writeCallbacks = [];
      if (this._resetAndClosing) {
        this._resetAndClosing = false;
        const r = binding.closeReset(this._id);
        if (r < 0) {
          // Node leaves the handle open then; juv-js closes it with a FIN rather than leak it
          this.emit('error', errnoException(r, 'reset'));
          binding.close(this._id);
        }
      } else {
        binding.close(this._id);
      }
      if (this._server) {
        this._server._connectionClosed();
        this._server = null;
      }
      cb(err);
    } else {
      cb(err);
      internal.nextTick(() => this.emit('close', !!err));
    }
  }

  // ---------------------------------------------------------------- options and addresses

  setNoDelay(enable) {
    if (this._id && !this.connecting && !this._pipe) {
      binding.noDelay(this._id, enable === undefined ? true : !!enable);
    }
    return this;
  }

  setKeepAlive(enable, initialDelay) {
    if (this._id && !this.connecting && !this._pipe) {
      binding.keepAlive(this._id, !!enable, Math.floor((initialDelay || 0) / 1000));
    }
    return this;
  }

  // setTimeout, _touch, _clearTimer and `timeout` come from internal/stream_timeout (below the class)
  _onTimeout() {
    this.emit('timeout');
  }

  address() {
    const a = this._id ? binding.sockname(this._id) : null;
    return a ? { address: a[0], family: a[1], port: a[2] } : {};
  }

  _peerName() {
    if (!this._peer && this._id) {
      const a = binding.peername(this._id);
      if (a) {
        this._peer = { address: a[0], family: a[1], port: a[2] };
      }
    }
    return this._peer || {};
  }

  get remoteAddress() { return this._peerName().address; }
  get remoteFamily() { return this._peerName().family; }
  get remotePort() { return this._peerName().port; }
  get localAddress() { return this.address().address; }
  get localPort() { return this.address().port; }
  get localFamily() { return this.address().family; }
  get bytesRead() { return this._bytesRead; }
  // As Node's: the bytes handed to the handle, plus those still queued in the stream or waiting
  // for the connection (a string counts its bytes in its encoding, not its characters).
  get bytesWritten() {
    const buffered = this.writableBuffer;
    if (!buffered) {
      return undefined;
    }
    let bytes = this._bytesDispatched;
    for (const el of buffered) {
      bytes += Buffer.isBuffer(el.chunk) ? el.chunk.length : Buffer.byteLength(el.chunk, el.encoding);
    }
    if (this._pendingWrite) {
      for (const chunk of this._pendingWrite.chunks) {
        bytes += chunk.byteLength;
      }
    }
    return bytes;
  }
  get pending() { return !this._id || this.connecting; }

  // Node's deprecated names: the bytes queued to be written, and `connecting`.
  get bufferSize() {
    return this._id ? this.writableLength : undefined;
  }

  get _connecting() {
    return this.connecting;
  }

  get readyState() {
    if (this.connecting) {
      return 'opening';
    }
    if (this.readable && this.writable) {
      return 'open';
    }
    if (this.readable && !this.writable) {
      return 'readOnly';
    }
    if (!this.readable && this.writable) {
      return 'writeOnly';
    }
    return 'closed';
  }

  // Node's socket._handle: null once the handle has closed, or once a program sets it to null.
  // Its close(cb) closes the handle under the socket, whose next write then fails with EBADF; as
  // in Node, the socket then emits no 'close' of its own (the handle's close calls cb instead).
  get _handle() {
    if (!this._id) {
      return null;
    }
    const id = this._id;
    return {
      id,
      close: (cb) => {
        if (!this._handleCloseCallback) {
          this._handleCloseCallback = typeof cb === 'function' ? cb : () => {};
          binding.close(id);
        }
      },
    };
  }

  set _handle(value) {
    if ((value === null || value === undefined) && this._id) {
      this._detachedId = this._id; // its close event still comes, to be dropped
      this._id = 0;
    }
  }

  ref() {
    if (this._id) {
      binding.ref(this._id, true);
    }
    return this;
  }

  unref() {
    if (this._id) {
      binding.ref(this._id, false);
    }
    return this;
  }

  destroySoon() {
    if (this.writable) {
      this.end();
    }
    if (this.writableFinished) {
      this.destroy();
    } else {
      this.once('finish', () => this.destroy());
    }
  }

  // As Node's: the connection ends with a reset (RST, SO_LINGER 0) instead of a FIN, once it is
  // connected; a socket without a handle is destroyed with ERR_SOCKET_CLOSED. (juv-js's net
  // sockets are all TCP, so Node's ERR_INVALID_HANDLE_TYPE for a pipe cannot happen.)
  resetAndDestroy() {
    if (this._id) {
      if (this.connecting) {
        this.once('connect', () => this._reset());
      } else {
        this._reset();
      }
    } else {
      this.destroy(internal.codeError(Error, 'ERR_SOCKET_CLOSED', 'Socket is closed'));
    }
    return this;
  }

  _reset() {
    this._resetAndClosing = true;
    return this.destroy();
  }
}

require('internal/stream_timeout').addStreamTimeout(Socket.prototype);

/**
 * The peer ended: without allowHalfOpen the Duplex ends this side on the next tick, and a write()
 * meanwhile fails with EPIPE, as in Node (end(chunk) still writes its chunk).
 */
function onReadableEnd() {
  if (!this.allowHalfOpen) {
    this.write = writeAfterFIN;
  }
}

function writeAfterFIN(chunk, encoding, cb) {
  if (!this.writableEnded) { // this side has not ended yet: the write goes out as any other
    return stream.Duplex.prototype.write.call(this, chunk, encoding, cb);
  }
  if (typeof encoding === 'function') {
    cb = encoding;
  }
  const err = new Error('This socket has been ended by the other party');
  err.code = 'EPIPE';
  if (typeof cb === 'function') {
    internal.nextTick(cb, err);
  }
  this.destroy(err);
  return false;
}

// ------------------------------------------------------------------ Server

class Server extends EventEmitter {
  constructor(options, connectionListener) {
    super();
    if (typeof options === 'function') {
      connectionListener = options;
      options = {};
    } else if (options === undefined || options === null) {
      options = {};
    } else if (typeof options !== 'object') {
      throw invalidArgType('options', 'of type object', options);
    }
    this.allowHalfOpen = !!options.allowHalfOpen;
    this.pauseOnConnect = !!options.pauseOnConnect;
    this.noDelay = !!options.noDelay;
    this.keepAlive = !!options.keepAlive;
    this.maxConnections = undefined;
    this._id = 0;
    this._connections = 0;
    this._closing = false;
    this._unref = false;
    if (typeof connectionListener === 'function') {
      this.on('connection', connectionListener);
    }
  }

  get listening() {
    return this._id !== 0 && !this._closing;
  }

  listen(...args) {
    let options = {};
    let cb;
    if (typeof args[args.length - 1] === 'function') {
      cb = args.pop();
    }
    if (args[0] !== null && typeof args[0] === 'object') {
      options = args[0];
    } else if (isPipeName(args[0])) {
      options.path = args[0];
      options.backlog = args[1];
    } else {
      options.port = args[0];
      if (typeof args[1] === 'string') {
        options.host = args[1];
        options.backlog = args[2];
      } else if (typeof args[1] === 'number') {
        options.backlog = args[1];
      }
    }
    if (this._id) {
      throw internal.codeError(Error, 'ERR_SERVER_ALREADY_LISTEN', 'Listen method has been called more than once without closing.');
    }
    require('internal/event_target').onAbortSignal(this, options.signal, () => this.close(), true);
    // the port is checked first: it takes precedence over a path, as in Node
    const port = options.port === undefined || options.port === null ? 0 : validatePort(options.port, 'options.port');
    const isPipe = options.path !== undefined && options.path !== null && (options.port === undefined || options.port === null);
    if (isPipe && typeof options.path !== 'string') {
      throw internal.codeError(TypeError, 'ERR_INVALID_ARG_TYPE',
        'The "options.path" property must be of type string. Received ' + internal.describe(options.path));
    }
    if (typeof cb === 'function') {
      this.once('listening', cb);
    }
    const backlog = options.backlog || 511;
    if (isPipe) {
      this._listenPipe(options.path, backlog);
      return this;
    }
    if (options.host === undefined || options.host === null || options.host === '') {
      this._bind(['::', '0.0.0.0'], port, backlog);
    } else {
      // a host is looked up first, a literal too (it answers on the next tick), as in Node; a
      // close() meanwhile cancels the listen (Node's _listeningId)
      const listening = this._listeningId = (this._listeningId || 0) + 1;
      dns.lookup(options.host, (err, ip) => {
        if (listening !== this._listeningId) {
          return;
        }
        if (err) {
          this.emit('error', err);
        } else {
          this._bind([ip], port, backlog);
        }
      });
    }
    return this;
  }

  /** A Unix-domain socket server on `path` (its file made now, removed at close, as libuv's). */
  _listenPipe(path, backlog) {
    this._id = internal.register(this);
    binding.pipeOpen(this._id);
    let r = binding.pipeBind(this._id, path);
    if (r === 0) {
      r = binding.listen(this._id, backlog);
    }
    if (r < 0) {
      binding.close(this._id);
      this._id = 0;
      const err = exceptionWithHostPort(r, 'listen', path, -1, true);
      err.port = -1; // Node's port for a pipe
      internal.nextTick(() => this.emit('error', err));
      return;
    }
    this._pipeName = path;
    if (this._unref) {
      binding.ref(this._id, false);
    }
    this._connectionKey = path;
    const id = this._id;
    internal.nextTick(() => {
      if (this._id === id) {
        this.emit('listening');
      }
    });
  }

  _bind(addresses, port, backlog) {
    this._pipeName = undefined;
    let r = 0;
    let address;
    for (address of addresses) {
      this._id = internal.register(this);
      binding.tcpOpen(this._id);
      r = binding.tcpBind(this._id, address, port);
      if (r === 0) {
        r = binding.listen(this._id, backlog);
      }
      if (r === 0) {
        break;
      }
      binding.close(this._id);
      this._id = 0;
    }
    if (r < 0) {
      const err = exceptionWithHostPort(r, 'listen', address, port, true);
      internal.nextTick(() => this.emit('error', err));
      return;
    }
    if (this._unref) {
      binding.ref(this._id, false);
    }
    // Node's key for the address asked for (the port as given): "6::::0", "4:127.0.0.1:0"
    this._connectionKey = (isIPv6(address) ? 6 : 4) + ':' + address + ':' + port;
    const id = this._id;
    internal.nextTick(() => { // not if close() came first, as Node's emitListeningNT
      if (this._id === id) {
        this.emit('listening');
      }
    });
  }

  onevent(event, status) {
    if (event === 'close') {
      internal.unregister(this._closedId);
      this._handleClosed = true;
      this._maybeEmitClose();
      return;
    }
    if (event !== 'connection') {
      return;
    }
    if (status < 0) {
      this.emit('error', errnoException(status, 'accept'));
      return;
    }
    const socket = new Socket({ allowHalfOpen: this.allowHalfOpen, pauseOnCreate: this.pauseOnConnect });
    const id = internal.register(socket, false);
    if (binding.accept(this._id, id) < 0) {
      internal.unregister(id);
      return;
    }
    if (this.maxConnections !== undefined && this._connections >= this.maxConnections) {
      socket._attach(id);
      if (this.listenerCount('drop') > 0) { // the dropped connection's ends, as Node's
        const local = socket.address();
        this.emit('drop', {
          localAddress: local.address, localPort: local.port, localFamily: local.family,
          remoteAddress: socket.remoteAddress, remotePort: socket.remotePort, remoteFamily: socket.remoteFamily,
        });
      }
      socket.destroy();
      return;
    }
    socket._attach(id);
    socket.server = this;
    socket._server = this;
    this._connections++;
    if (this._pipeName !== undefined) {
      socket._pipe = true;
    } else if (this.noDelay) {
      binding.noDelay(id, true);
    }
    if (!this.pauseOnConnect) {
      socket.read(0);
    }
    this.emit('connection', socket);
  }

  _connectionClosed() {
    this._connections--;
    this._maybeEmitClose();
  }

  _maybeEmitClose() {
    if (this._closing && this._handleClosed && this._connections === 0 && !this._closeEmitted) {
      this._closeEmitted = true;
      internal.nextTick(() => this.emit('close'));
    }
  }

  close(cb) {
    this._listeningId = (this._listeningId || 0) + 1;
    if (typeof cb === 'function') {
      if (!this._id) {
        this.once('close', () => cb(internal.codeError(Error, 'ERR_SERVER_NOT_RUNNING', 'Server is not running.')));
      } else {
        this.once('close', cb);
      }
    }
    if (this._id) {
      this._closing = true;
      this._closedId = this._id;
      binding.close(this._id);
      this._id = 0;
    } else if (!this._closeEmitted) {
      this._closeEmitted = true;
      internal.nextTick(() => this.emit('close'));
    }
    return this;
  }

  address() {
    if (!this._id) {
      return null;
    }
    if (this._pipeName !== undefined) {
      return this._pipeName; // a pipe server's address is its path, as Node's
    }
    const a = binding.sockname(this._id);
    return a ? { address: a[0], family: a[1], port: a[2] } : null;
  }

  getConnections(cb) {
    internal.nextTick(cb, null, this._connections);
    return this;
  }

  ref() {
    this._unref = false;
    if (this._id) {
      binding.ref(this._id, true);
    }
    return this;
  }

  unref() {
    this._unref = true;
    if (this._id) {
      binding.ref(this._id, false);
    }
    return this;
  }
}

// ------------------------------------------------------------------ the module


function createServer(options, connectionListener) {
  return new Server(options, connectionListener);
}

function connect(...args) {
  let options = args[0];
  if (options === null || typeof options !== 'object') {
    options = {};
  }
  const socket = new Socket(options);
  if (options.timeout) {
    socket.setTimeout(options.timeout);
  }
  return socket.connect(...args);
}

// Functions as Node's, so net.Server(listener) and net.Socket() work without `new`.
const callable = require('internal/callable');
const SocketFunction = callable(Socket);

let simultaneousAcceptsWarned = false;

/** Node's deprecated no-op (it mattered on Windows only), with its warning once. */
function _setSimultaneousAccepts() {
  if (!simultaneousAcceptsWarned) {
    simultaneousAcceptsWarned = true;
    process.emitWarning('net._setSimultaneousAccepts() is deprecated and will be removed.', 'DeprecationWarning', 'DEP0121');
  }
}

module.exports = {
  _setSimultaneousAccepts,
  Socket: SocketFunction,
  Stream: SocketFunction,
  Server: callable(Server),
  createServer,
  connect,
  createConnection: connect,
  isIP,
  isIPv4,
  isIPv6,
  getDefaultAutoSelectFamily: () => true,
  setDefaultAutoSelectFamily: () => {},
};
