// Node's dgram on juv's Udp handle (NetBinding.java). As in Node, bind and send look their address
// up first (a literal answers on the next tick), 'listening' follows the bind, a send on an
// unbound socket binds it to a random port first, and 'close' comes on the tick after close().
'use strict';

const EventEmitter = require('events');
const { Buffer } = require('buffer');
const dns = require('dns');
const { exceptionWithHostPort, errnoException, invalidArgType } = require('internal/errors');

const binding = internal.host.net();

const UNBOUND = 0;
const BINDING = 1;
const BOUND = 2;

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
    this.type = options.type;
    this._reuseAddr = !!options.reuseAddr;
    this._lookup = options.lookup || dns.lookup;
    this._id = internal.register(this);
    this._state = UNBOUND;
    this._closed = false;
    this._connected = null;
    this._queue = null; // sends waiting for an implicit bind
    this._sendCallbacks = []; // in send order: the host completes sends in order
    binding.udpOpen(this._id);
    if (typeof listener === 'function') {
      this.on('message', listener);
    }
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

  bind(port, address, callback) {
    if (this._closed) {
      throw notRunning();
    }
    if (this._state !== UNBOUND) {
      throw internal.codeError(Error, 'ERR_SOCKET_ALREADY_BOUND', 'Socket is already bound');
    }
    let exclusive = false;
    if (port !== null && typeof port === 'object') {
      callback = address;
      address = port.address;
      exclusive = !!port.exclusive;
      port = port.port;
    } else if (typeof port === 'function') {
      callback = port;
      port = 0;
      address = undefined;
    } else if (typeof address === 'function') {
      callback = address;
      address = undefined;
    }
    void exclusive;
    if (typeof callback === 'function') {
      this.once('listening', callback);
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
        port = null;
        address = undefined;
      }
      if (port || address) {
        throw internal.codeError(Error, 'ERR_SOCKET_DGRAM_IS_CONNECTED', 'Already connected');
      }
    }
    const list = Array.isArray(msg) ? msg : [msg];
    for (const part of list) {
      if (typeof part !== 'string' && !ArrayBuffer.isView(part)) {
        throw invalidArgType('buffer', 'of type string or an instance of Buffer, TypedArray, or DataView', part);
      }
    }
    if (typeof address === 'function') {
      callback = address;
      address = undefined;
    }
    if (typeof callback !== 'function') {
      callback = undefined;
    }
    if (this._closed) {
      throw notRunning();
    }
    if (!this._connected && (typeof port !== 'number' || port <= 0 || port > 65535)) {
      throw internal.codeError(RangeError, 'ERR_SOCKET_BAD_PORT',
        'Port should be > 0 and < 65536. Received ' + (typeof port === 'number' ? port : 'type ' + typeof port + ' (' + port + ')') + '.');
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

  connect(port, address, callback) {
    if (typeof address === 'function') {
      callback = address;
      address = undefined;
    }
    if (this._connected) {
      throw internal.codeError(Error, 'ERR_SOCKET_DGRAM_IS_CONNECTED', 'Already connected');
    }
    if (typeof callback === 'function') {
      this.once('connect', callback);
    }
    const go = () => {
      this._lookup(address || (this.type === 'udp4' ? '127.0.0.1' : '::1'), { family: this.type === 'udp4' ? 4 : 6 },
        (err, ip) => {
          if (err) {
            this.emit('error', err);
            return;
          }
          const r = binding.udpConnect(this._id, ip, port);
          if (r < 0) {
            this.emit('error', exceptionWithHostPort(r, 'connect', ip, port));
            return;
          }
          this._connected = { address: ip, port };
          this.emit('connect');
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
    binding.udpConnect(this._id, null, 0);
    this._connected = null;
  }

  remoteAddress() {
    if (!this._connected) {
      throw internal.codeError(Error, 'ERR_SOCKET_DGRAM_NOT_CONNECTED', 'Not connected');
    }
    const a = binding.peername(this._id);
    return { address: a[0], family: a[1], port: a[2] };
  }

  address() {
    if (this._closed || this._state !== BOUND) {
      throw internal.codeError(Error, 'ERR_SOCKET_DGRAM_NOT_RUNNING', 'Not running');
    }
    const a = binding.sockname(this._id);
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
    const r = binding.membership(this._id, group, iface || null, true);
    if (r < 0) {
      throw errnoException(r, 'addMembership');
    }
  }

  dropMembership(group, iface) {
    const r = binding.membership(this._id, group, iface || null, false);
    if (r < 0) {
      throw errnoException(r, 'dropMembership');
    }
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

function slice(msg, offset, length) {
  if (typeof msg === 'string') {
    msg = Buffer.from(msg);
  }
  if (Array.isArray(msg) || typeof offset !== 'number') {
    return msg;
  }
  return new Uint8Array(msg.buffer, msg.byteOffset + (offset >>> 0), length === undefined ? msg.byteLength - offset : length >>> 0);
}

function createSocket(type, listener) {
  return new Socket(type, listener);
}

module.exports = { createSocket, Socket };
