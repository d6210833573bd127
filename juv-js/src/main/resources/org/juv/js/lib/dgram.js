// Node's dgram on juv's Udp handle (NetBinding.java). As in Node, bind and send look their address
// up first (a literal answers on the next tick), 'listening' follows the bind, a send on an
// unbound socket binds it to a random port first, and 'close' comes on the tick after close().
'use strict';

const EventEmitter = require('events');
const { Buffer } = require('buffer');
const dns = require('dns');
const { exceptionWithHostPort, errnoException, invalidArgType, errname, errmessage, validateInteger } = require('internal/errors');
const { validatePort } = require('internal/ip');

const binding = internal.host.net();

const UNBOUND = 0;
const BINDING = 1;
const BOUND = 2;
const DISCONNECTED = 0; // connect states, as Node's
const CONNECTING = 1;
const CONNECTED = 2;

function notRunning() {
  return internal.codeError(Error, 'ERR_SOCKET_DGRAM_NOT_RUNNING', 'Not running');
}

class Socket extends EventEmitter {
  constructor(options, listener) {
    super();
    if (typeof options === 'string') {
      options = { type: options };
    }
    if (!options || (options.type !== 'udp4' && options.type !== 'udp6')) {
      throw internal.codeError(TypeError, 'ERR_SOCKET_BAD_TYPE',
        'Bad socket type specified. Valid types are: udp4, udp6');
    }
    if (options.lookup !== undefined && typeof options.lookup !== 'function') {
      throw invalidArgType('lookup', 'of type function', options.lookup);
    }
    for (const name of ['recvBufferSize', 'sendBufferSize']) {
      if (options[name]) {
        validateInteger(options[name], 'options.' + name, 0, 4294967295);
      }
    }
    this.type = options.type;
    this._reuseAddr = !!options.reuseAddr;
    this._lookup = options.lookup || dns.lookup;
    this._bufferSizes = [options.recvBufferSize, options.sendBufferSize]; // set once bound
    this._id = internal.register(this);
    this._state = UNBOUND;
    this._closed = false;
    this._connected = null; // the peer's address while connected
    this._connectState = DISCONNECTED;
    this._queue = null; // sends waiting for an implicit bind
    this._sendCallbacks = []; // in send order: the host completes sends in order
    binding.udpOpen(this._id);
    if (typeof listener === 'function') {
      this.on('message', listener);
    }
    require('internal/event_target').onAbortSignal(this, options.signal, () => {
      if (!this._closed) {
        this.close();
      }
    }, false);
  }

  onevent(event, a, b, c, d) {
    switch (event) {
      case 'message':
        this.emit('message', Buffer.from(a.buffer, a.byteOffset, a.byteLength),
          { address: b, family: c, port: d, size: a.byteLength });
        break;
      case 'sent': {
        const cb = this._sendCallbacks.shift();
        if (cb) {
          cb(a);
        }
        break;
      }
      case 'error':
        this.emit('error', errnoException(a, 'recvmsg'));
        break;
      case 'close':
        internal.unregister(this._id);
        break;
      default:
        break;
    }
  }

  // As Node's: the callback is the last argument, whatever its place; it waits for 'listening'
  // and is dropped if 'error' comes first, so that a bind retried after errors piles up nothing.
  bind(port, address) {
    if (this._closed) {
      throw notRunning();
    }
    if (this._state !== UNBOUND) {
      throw internal.codeError(Error, 'ERR_SOCKET_ALREADY_BOUND', 'Socket is already bound');
    }
    const callback = arguments.length > 0 ? arguments[arguments.length - 1] : undefined;
    if (typeof callback === 'function') {
      const onListening = () => {
        this.removeListener('error', removeListeners);
        this.removeListener('listening', onListening);
        callback.call(this);
      };
      const removeListeners = () => {
        this.removeListener('error', removeListeners);
        this.removeListener('listening', onListening);
      };
      this.on('error', removeListeners);
      this.on('listening', onListening);
    }
    if (port !== null && typeof port === 'object') {
      address = port.address;
      port = port.port;
    } else if (typeof address === 'function') {
      address = undefined;
    }
    if (typeof port === 'function') {
      port = 0;
    }
    port = port === undefined || port === null ? 0 : port;
    if (!address) {
      address = this.type === 'udp4' ? '0.0.0.0' : '::';
    }
    this._state = BINDING;
    this._lookup(address, { family: this.type === 'udp4' ? 4 : 6 }, (err, ip) => {
      if (this._closed) {
        return;
      }
      if (err) {
        this._state = UNBOUND;
        this.emit('error', err);
        return;
      }
      const r = binding.udpBind(this._id, ip, port, this._reuseAddr);
      if (r < 0) {
        this._state = UNBOUND;
        this.emit('error', exceptionWithHostPort(r, 'bind', ip, port));
        return;
      }
      this._startListening();
    });
    return this;
  }

  _startListening() {
    const r = binding.recvStart(this._id);
    if (r < 0) {
      this.emit('error', errnoException(r, 'recvStart'));
      return;
    }
    this._state = BOUND;
    if (this._bufferSizes[0]) {
      this._bufferSize(this._bufferSizes[0], true);
    }
    if (this._bufferSizes[1]) {
      this._bufferSize(this._bufferSizes[1], false);
    }
    this.emit('listening');
    const queue = this._queue;
    this._queue = null;
    if (queue) {
      for (const send of queue) {
        send();
      }
    }
  }

  send(msg, offset, length, port, address, callback) {
    // send(msg[, offset, length], port[, address][, callback]); on a connected socket no port
    if (!this._connected) {
      if (address || (port && typeof port !== 'function')) {
        msg = slice(msg, offset, length);
      } else {
        callback = port;
        port = offset;
        address = length;
      }
    } else {
      if (typeof length === 'number') {
        msg = slice(msg, offset, length);
        if (typeof port === 'function') {
          callback = port;
          port = null;
        }
      } else {
        callback = offset;
      }
      if (port || address) {
        throw internal.codeError(Error, 'ERR_SOCKET_DGRAM_IS_CONNECTED', 'Already connected');
      }
    }
    const list = Array.isArray(msg) ? msg : [msg];
    if (!list.every((part) => typeof part === 'string' || ArrayBuffer.isView(part))) {
      throw invalidArgType(list === msg ? 'buffer list arguments' : 'buffer', BUFFER_TYPES, msg);
    }
    if (!this._connected) {
      port = validatePort(port, 'Port', false);
    }
    if (typeof callback !== 'function') {
      callback = undefined;
    }
    if (typeof address === 'function') {
      callback = address;
      address = undefined;
    } else if (address !== undefined && address !== null && typeof address !== 'string') {
      throw invalidArgType('address', 'of type string', address);
    }
    if (this._closed) {
      throw notRunning();
    }
    const data = list.length === 1 ? list[0] : Buffer.concat(list.map((x) => (typeof x === 'string' ? Buffer.from(x) : x)));
    const size = typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
    const send = () => {
      if (this._connected) {
        this._doSend(data, size, null, 0, callback);
        return;
      }
      this._lookup(address || (this.type === 'udp4' ? '127.0.0.1' : '::1'), { family: this.type === 'udp4' ? 4 : 6 },
        (err, ip) => {
          if (err) {
            if (callback) {
              callback(err);
            } else {
              this.emit('error', err);
            }
            return;
          }
          if (!this._closed) {
            this._doSend(data, size, ip, port, callback);
          }
        });
    };
    if (this._state === BOUND) {
      send();
      return;
    }
    (this._queue || (this._queue = [])).push(send);
    if (this._state === UNBOUND) {
      this.bind({ port: 0, exclusive: true });
    }
  }

  _doSend(data, size, ip, port, callback) {
    this._sendCallbacks.push((status) => {
      if (!callback) {
        if (status < 0) {
          this.emit('error', exceptionWithHostPort(status, 'send', ip, port));
        }
        return;
      }
      if (status < 0) {
        callback(exceptionWithHostPort(status, 'send', ip, port));
      } else {
        callback(null, size);
      }
    });
    const r = binding.send(this._id, data, ip, port);
    if (r < 0) {
      const cb = this._sendCallbacks.pop();
      internal.nextTick(cb, r);
    }
  }

  // As Node's: the port is checked at once, a second connect throws at once (even while the
  // first is still binding or looking its address up), the callback listens for 'connect', and
  // both 'connect' and a failure come on a later tick (a failure goes to the callback if there is
  // one, else to 'error').
  connect(port, address, callback) {
    port = validatePort(port, 'Port', false);
    if (typeof address === 'function') {
      callback = address;
      address = '';
    } else if (address === undefined) {
      address = '';
    }
    if (typeof address !== 'string') {
      throw invalidArgType('address', 'of type string', address);
    }
    if (this._connectState !== DISCONNECTED) {
      throw internal.codeError(Error, 'ERR_SOCKET_DGRAM_IS_CONNECTED', 'Already connected');
    }
    this._connectState = CONNECTING;
    const go = () => {
      if (callback) {
        this.once('connect', callback);
      }
      this._lookup(address || (this.type === 'udp4' ? '127.0.0.1' : '::1'), { family: this.type === 'udp4' ? 4 : 6 },
        (err, ip) => {
          if (this._closed) {
            return;
          }
          if (!err) {
            const r = binding.udpConnect(this._id, ip, port);
            if (r < 0) {
              err = exceptionWithHostPort(r, 'connect', address, port);
            }
          }
          if (err) {
            this._connectState = DISCONNECTED;
            internal.nextTick(() => {
              if (callback) {
                this.removeListener('connect', callback);
                callback(err);
              } else {
                this.emit('error', err);
              }
            });
            return;
          }
          this._connectState = CONNECTED;
          this._connected = { address: ip, port };
          internal.nextTick(() => this.emit('connect'));
        });
    };
    if (this._state === UNBOUND) {
      this.bind({ port: 0 });
    }
    if (this._state === BOUND) {
      go();
    } else {
      (this._queue || (this._queue = [])).unshift(go);
    }
  }

  disconnect() {
    if (!this._connected) {
      throw internal.codeError(Error, 'ERR_SOCKET_DGRAM_NOT_CONNECTED', 'Not connected');
    }
    const r = binding.udpConnect(this._id, null, 0);
    if (r < 0) {
      throw errnoException(r, 'connect');
    }
    this._connected = null;
    this._connectState = DISCONNECTED;
  }

  // Node's older name for send with all six arguments, each checked first.
  sendto(buffer, offset, length, port, address, callback) {
    for (const [name, value] of [['offset', offset], ['length', length], ['port', port]]) {
      if (typeof value !== 'number') {
        throw invalidArgType(name, 'of type number', value);
      }
    }
    if (typeof address !== 'string') {
      throw invalidArgType('address', 'of type string', address);
    }
    this.send(buffer, offset, length, port, address, callback);
  }

  remoteAddress() {
    if (this._closed) {
      throw notRunning();
    }
    if (!this._connected) {
      throw internal.codeError(Error, 'ERR_SOCKET_DGRAM_NOT_CONNECTED', 'Not connected');
    }
    return this._address(true, 'getpeername');
  }

  // As Node's: a socket that is not closed asks its handle, and one without a socket yet (not
  // bound) gets EBADF from it.
  address() {
    if (this._closed) {
      throw notRunning();
    }
    return this._address(false, 'getsockname');
  }

  _address(peer, syscall) {
    const a = binding.udpAddress(this._id, peer);
    if (a.length === 1) {
      throw errnoException(a[0], syscall);
    }
    return { address: a[0], family: a[1], port: a[2] };
  }

  close(callback) {
    if (this._closed) {
      throw notRunning();
    }
    if (typeof callback === 'function') {
      this.once('close', callback);
    }
    this._closed = true;
    this._queue = null;
    binding.close(this._id);
    internal.nextTick(() => this.emit('close'));
    return this;
  }

  // As Node's: the option goes to the handle whatever the state, so an unbound socket (no
  // descriptor yet) gets libuv's EBADF; after close() Node's handle is null, and reading a method
  // off it is a TypeError.
  _option(name, value, syscall) {
    if (this._closed) {
      throw new TypeError("Cannot read properties of null (reading '" + syscall + "')");
    }
    const r = binding.udpOption(this._id, name, value);
    if (r < 0) {
      throw errnoException(r, syscall);
    }
    return value;
  }

  setBroadcast(on) {
    this._option('broadcast', on ? 1 : 0, 'setBroadcast');
  }

  setTTL(ttl) {
    if (typeof ttl !== 'number') {
      throw invalidArgType('ttl', 'of type number', ttl);
    }
    return this._option('ttl', ttl, 'setTTL');
  }

  setMulticastTTL(ttl) {
    if (typeof ttl !== 'number') {
      throw invalidArgType('ttl', 'of type number', ttl);
    }
    return this._option('multicastTtl', ttl, 'setMulticastTTL');
  }

  setMulticastLoopback(on) {
    this._option('multicastLoop', on ? 1 : 0, 'setMulticastLoopback');
    return on;
  }

  addMembership(group, iface) {
    this._membership(group, iface, true, 'addMembership');
  }

  dropMembership(group, iface) {
    this._membership(group, iface, false, 'dropMembership');
  }

  _membership(group, iface, join, syscall) {
    if (this._closed) {
      throw notRunning();
    }
    if (!group) {
      throw internal.codeError(TypeError, 'ERR_MISSING_ARGS', 'The "multicastAddress" argument must be specified');
    }
    const r = binding.membership(this._id, group, iface || null, join);
    if (r < 0) {
      throw errnoException(r, syscall);
    }
  }

  addSourceSpecificMembership(source, group, iface) {
    this._sourceMembership(source, group, iface, true, 'addSourceSpecificMembership');
  }

  dropSourceSpecificMembership(source, group, iface) {
    this._sourceMembership(source, group, iface, false, 'dropSourceSpecificMembership');
  }

  _sourceMembership(source, group, iface, join, syscall) {
    if (this._closed) {
      throw notRunning();
    }
    if (typeof source !== 'string') {
      throw invalidArgType('sourceAddress', 'of type string', source);
    }
    if (typeof group !== 'string') {
      throw invalidArgType('groupAddress', 'of type string', group);
    }
    const r = binding.sourceMembership(this._id, source, group, iface || null, join);
    if (r < 0) {
      throw errnoException(r, syscall);
    }
  }

  setMulticastInterface(iface) {
    if (this._closed) {
      throw notRunning();
    }
    if (typeof iface !== 'string') {
      throw invalidArgType('interfaceAddress', 'of type string', iface);
    }
    const r = binding.multicastInterface(this._id, iface);
    if (r < 0) {
      throw errnoException(r, 'setMulticastInterface');
    }
  }

  getRecvBufferSize() {
    return this._bufferSize(0, true);
  }

  getSendBufferSize() {
    return this._bufferSize(0, false);
  }

  setRecvBufferSize(size) {
    this._bufferSize(size, true);
  }

  setSendBufferSize(size) {
    this._bufferSize(size, false);
  }

  // Node's bufferSize: a 32-bit size (0 reads), and a SystemError naming libuv's call on failure.
  _bufferSize(size, recv) {
    if (size >>> 0 !== size) {
      throw internal.codeError(TypeError, 'ERR_SOCKET_BAD_BUFFER_SIZE', 'Buffer size must be a positive integer');
    }
    if (this._closed) {
      throw new TypeError("Cannot read properties of null (reading 'bufferSize')");
    }
    const r = binding.udpBufferSize(this._id, recv, Math.min(size, 0x7fffffff));
    if (r < 0) {
      const syscall = recv ? 'uv_recv_buffer_size' : 'uv_send_buffer_size';
      const code = errname(r);
      const message = errmessage(r);
      const e = internal.codeError(Error, 'ERR_SOCKET_BUFFER_SIZE',
        'Could not get or set buffer size: ' + syscall + ' returned ' + code + ' (' + message + ')');
      e.name = 'SystemError';
      e.info = { errno: r, code, message, syscall };
      e.errno = r;
      e.syscall = syscall;
      throw e;
    }
    return r;
  }

  getSendQueueSize() {
    return binding.sendQueue(this._id)[0];
  }

  getSendQueueCount() {
    return binding.sendQueue(this._id)[1];
  }

  ref() {
    binding.ref(this._id, true);
    return this;
  }

  unref() {
    binding.ref(this._id, false);
    return this;
  }
}


const BUFFER_TYPES = 'of type string or an instance of Buffer, TypedArray, or DataView';

/** Node's sliceBuffer: send(msg, offset, length, ...) sends that part of one buffer or string. */
function slice(msg, offset, length) {
  if (typeof msg === 'string') {
    msg = Buffer.from(msg);
  } else if (!ArrayBuffer.isView(msg)) {
    throw invalidArgType('buffer', BUFFER_TYPES, msg);
  }
  offset = offset >>> 0;
  length = length >>> 0;
  if (offset > msg.byteLength) {
    throw internal.codeError(RangeError, 'ERR_BUFFER_OUT_OF_BOUNDS', '"offset" is outside of buffer bounds');
  }
  if (offset + length > msg.byteLength) {
    throw internal.codeError(RangeError, 'ERR_BUFFER_OUT_OF_BOUNDS', '"length" is outside of buffer bounds');
  }
  return Buffer.from(msg.buffer, msg.byteOffset + offset, length);
}

function createSocket(type, listener) {
  return new Socket(type, listener);
}

module.exports = { createSocket, Socket };
