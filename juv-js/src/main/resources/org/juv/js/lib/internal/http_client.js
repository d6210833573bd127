// http's client: ClientRequest and Agent over juv-http's client connection (HttpClientBinding
// in Java), as Node's: the head is sent with the first write() or end() (the caller's headers in
// order, then Host, then Connection, then Content-Length when end() brings the whole body, or
// Transfer-Encoding: chunked for a method that carries a body); the response is an
// IncomingMessage (a Readable). The global agent keeps connections alive (Node 19+), each idle
// pooled connection unref'd so that it never keeps the process alive, and a server's close of
// an idle one drops it from the pool.
'use strict';

module.exports = function makeClient(http, IncomingMessage) {
  const EventEmitter = require('events');
  const stream = require('stream');
  const { Buffer } = require('buffer');
  const dns = require('dns');
  const { isIP } = require('internal/ip');
  const { exceptionWithHostPort, errname } = require('internal/errors');

  const binding = internal.host.httpClient();
  const NO_BODY_BY_DEFAULT = new Set(['GET', 'HEAD', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT']);

  // ---------------------------------------------------------------- a pooled connection

  /** One connection of an agent: a stand-in for Node's socket, with the events requests need. */
  class Connection extends EventEmitter {
    constructor(agent, name) {
      super();
      this._agent = agent;
      this._name = name;
      this._id = internal.register(this);
      this._req = null;
      this._connected = false;
      this._closed = false;
      this._writes = [];
      this.destroyed = false;
      this.remoteAddress = undefined;
      this.remotePort = undefined;
      this.remoteFamily = undefined;
      this.localAddress = undefined;
      this.localPort = undefined;
    }

    onevent(event, a, b, c, d, e) {
      switch (event) {
        case 'connect': {
          this._connected = true;
          const addr = binding.addresses(this._id);
          if (addr) {
            [this.localAddress, this.localFamily, this.localPort, this.remoteAddress, this.remoteFamily, this.remotePort] = addr;
          }
          this.emit('connect');
          if (this._req) {
            this._req._onConnect();
          }
          break;
        }
        case 'response':
          if (this._req) {
            this._req._onResponse(a, b, c, d, e);
          }
          break;
        case 'info':
          if (this._req) {
            this._req._onInformation(a, b, c);
          }
          break;
        case 'body':
          if (this._req && this._req._timer) {
            this._req._timer.refresh(); // the socket's timeout counts from its last activity
          }
          if (this._req && this._req.res) {
            this._req.res.push(Buffer.from(a.buffer, a.byteOffset, a.byteLength));
          }
          break;
        case 'end':
          if (this._req) {
            this._req._onResponseEnd();
          }
          break;
        case 'error':
          if (this._req) {
            this._req._onError(a, b, c);
          }
          break;
        case 'written': {
          const cb = this._writes.shift();
          if (cb) {
            cb(a);
          }
          break;
        }
        case 'close':
          this._closed = true;
          this.destroyed = true;
          internal.unregister(this._id);
          this._agent._removeConnection(this);
          if (this._req) {
            this._req._onConnectionClose(a);
          }
          this.emit('close', a < 0);
          break;
        default:
          break;
      }
    }

    // A write to a connection that is already gone fails in its callback, as any other write error.
    _write(data, cb) {
      this._writes.push(cb);
      const r = binding.write(this._id, data);
      if (r < 0) {
        this._writes.pop();
        internal.nextTick(cb, r);
      }
    }

    _end(cb) {
      this._writes.push(cb);
      const r = binding.end(this._id);
      if (r < 0) {
        this._writes.pop();
        internal.nextTick(cb, r);
      }
    }

    /** The socket's timeout: its 'timeout' reaches the response in progress, and the request if it set one. */
    setTimeout(ms, cb) {
      if (typeof cb === 'function') {
        this.once('timeout', cb);
      }
      if (this._req) {
        this._req._armTimeout(ms);
      }
      return this;
    }

    /** Whether the connection has closed (Node's socket.closed). */
    get closed() {
      return this._closed;
    }

    setNoDelay() {
      return this;
    }

    setKeepAlive() {
      return this;
    }

    ref() {
      binding.ref(this._id, true);
      return this;
    }

    unref() {
      binding.ref(this._id, false);
      return this;
    }

    destroy() {
      if (!this._closed) {
        binding.close(this._id);
      }
      return this;
    }

    end() {
      return this.destroy();
    }
  }

  // ---------------------------------------------------------------- Agent

  class Agent extends EventEmitter {
    constructor(options) {
      super();
      this.options = Object.assign({ path: null }, options);
      this.keepAlive = !!this.options.keepAlive;
      this.keepAliveMsecs = this.options.keepAliveMsecs || 1000;
      this.maxSockets = this.options.maxSockets || Infinity;
      this.maxFreeSockets = this.options.maxFreeSockets || 256;
      this.maxTotalSockets = this.options.maxTotalSockets || Infinity;
      this.scheduling = this.options.scheduling || 'lifo';
      this.defaultPort = 80;
      this.protocol = 'http:';
      this.sockets = Object.create(null);
      this.freeSockets = Object.create(null);
      this.requests = Object.create(null);
    }

    getName(options = {}) {
      let name = options.host || 'localhost';
      name += ':';
      if (options.port) {
        name += options.port;
      }
      name += ':';
      if (options.localAddress) {
        name += options.localAddress;
      }
      if (options.family === 4 || options.family === 6) {
        name += ':' + options.family;
      }
      if (options.socketPath) {
        name += ':' + options.socketPath;
      }
      return name;
    }

    /** Gives a request a connection: a free one, a new one, or a place in the queue. */
    _assign(req, options) {
      const name = this.getName(options);
      const free = this.freeSockets[name];
      if (free && free.length > 0) {
        const conn = this.scheduling === 'lifo' ? free.pop() : free.shift();
        if (free.length === 0) {
          delete this.freeSockets[name];
        }
        conn.ref();
        (this.sockets[name] || (this.sockets[name] = [])).push(conn);
        req.reusedSocket = true;
        req._attach(conn);
        return;
      }
      const busy = this.sockets[name] ? this.sockets[name].length : 0;
      if (busy >= this.maxSockets) {
        (this.requests[name] || (this.requests[name] = [])).push([req, options]);
        return;
      }
      const conn = new Connection(this, name);
      (this.sockets[name] || (this.sockets[name] = [])).push(conn);
      req._attach(conn);
      req._connect(conn, options);
    }

    /** A connection finished its exchange and may carry another. */
    _free(conn, keepAlive) {
      const name = conn._name;
      remove(this.sockets, name, conn);
      const waiting = this.requests[name];
      if (keepAlive && waiting && waiting.length > 0) {
        const [req] = waiting.shift();
        if (waiting.length === 0) {
          delete this.requests[name];
        }
        (this.sockets[name] || (this.sockets[name] = [])).push(conn);
        req.reusedSocket = true;
        req._attach(conn);
        return;
      }
      const count = this.freeSockets[name] ? this.freeSockets[name].length : 0;
      if (!keepAlive || !this.keepAlive || count >= this.maxFreeSockets) {
        conn.destroy();
        return;
      }
      conn.unref();
      (this.freeSockets[name] || (this.freeSockets[name] = [])).push(conn);
      this.emit('free', conn, {});
    }

    _removeConnection(conn) {
      remove(this.sockets, conn._name, conn);
      remove(this.freeSockets, conn._name, conn);
      const waiting = this.requests[conn._name];
      if (waiting && waiting.length > 0) {
        const [req, options] = waiting.shift();
        if (waiting.length === 0) {
          delete this.requests[conn._name];
        }
        this._assign(req, options);
      }
    }

    destroy() {
      for (const set of [this.freeSockets, this.sockets]) {
        for (const name of Object.keys(set)) {
          for (const conn of set[name].slice()) {
            conn.destroy();
          }
        }
      }
    }
  }

  function remove(map, name, conn) {
    const list = map[name];
    if (list) {
      const i = list.indexOf(conn);
      if (i >= 0) {
        list.splice(i, 1);
      }
      if (list.length === 0) {
        delete map[name];
      }
    }
  }

  const globalAgent = new Agent({ keepAlive: true, scheduling: 'lifo', timeout: 5000 });

  // ---------------------------------------------------------------- ClientRequest

  function connResetError(message) {
    const err = new Error(message);
    err.code = 'ECONNRESET';
    return err;
  }

  class ClientRequest extends stream.Stream {
    constructor(input, options, cb) {
      super();
      if (typeof input === 'string') {
        input = urlToOptions(new URL(input));
      } else if (input && typeof input === 'object' && input.href !== undefined && input.searchParams !== undefined) {
        input = urlToOptions(input);
      } else {
        cb = options;
        options = input;
        input = null;
      }
      if (typeof options === 'function') {
        cb = options;
        options = input || {};
      } else {
        options = Object.assign({}, input || {}, options || {});
      }
      let agent = options.agent;
      if (agent === false) {
        agent = new Agent({ keepAlive: false });
      } else if (agent === undefined || agent === null) {
        agent = globalAgent;
      }
      this.agent = agent;
      const defaultPort = options.defaultPort || (agent && agent.defaultPort) || 80;
      const port = options.port = options.port || defaultPort;
      const host = options.host = validateHost(options.hostname, 'hostname') || validateHost(options.host, 'host') || 'localhost';
      this.host = host;
      this.protocol = options.protocol || 'http:';
      if (this.protocol !== 'http:') {
        throw internal.codeError(TypeError, 'ERR_INVALID_PROTOCOL',
          'Protocol "' + this.protocol + '" not supported. Expected "http:"');
      }
      const method = (options.method || 'GET').toUpperCase();
      if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(method)) {
        throw internal.codeError(TypeError, 'ERR_INVALID_HTTP_TOKEN', 'Method must be a valid HTTP token ["' + options.method + '"]');
      }
      this.method = method;
      this.path = options.path || '/';
      if (/[\u0000-\u0020]/.test(this.path)) {
        throw internal.codeError(TypeError, 'ERR_UNESCAPED_CHARACTERS', 'Request path contains unescaped characters');
      }
      this.useChunkedEncodingByDefault = !NO_BODY_BY_DEFAULT.has(method);
      this.shouldKeepAlive = !!agent.keepAlive;
      this._headers = new Map();
      this.headersSent = false;
      this._header = null;
      this.finished = false;
      this.writableEnded = false;
      this.writableFinished = false;
      this.destroyed = false;
      this.aborted = false;
      this.reusedSocket = false;
      this.maxHeadersCount = null;
      this.res = null;
      this.socket = null;
      this._conn = null;
      this._connected = false;
      this._queue = []; // [bytes, cb] written before the connection was up
      this._ending = null;
      this._options = options;
      this._timeoutMs = 0;
      this._timer = null;
      this._done = false;
      if (options.timeout !== undefined) {
        this.setTimeout(options.timeout);
      }
      const headers = options.headers;
      if (Array.isArray(headers)) {
        for (let i = 0; i < headers.length; i += 2) {
          this.setHeader(headers[i], headers[i + 1]);
        }
      } else if (headers) {
        for (const k of Object.keys(headers)) {
          this.setHeader(k, headers[k]);
        }
      }
      if (options.setHost !== false && !this.hasHeader('host')) {
        let hostHeader = host.includes(':') && !host.startsWith('[') ? '[' + host + ']' : host;
        if (+port !== +defaultPort) {
          hostHeader += ':' + port;
        }
        this.setHeader('Host', hostHeader);
      }
      if (options.auth && !this.hasHeader('authorization')) {
        this.setHeader('Authorization', 'Basic ' + Buffer.from(options.auth).toString('base64'));
      }
      if (typeof cb === 'function') {
        this.once('response', cb);
      }
      // the agent gives a connection at once ('socket' follows on the next tick), as Node's
      agent._assign(this, options);
    }

    // ---------------------------------------------------------------- headers

    setHeader(name, value) {
      if (this._header) {
        throw internal.codeError(Error, 'ERR_HTTP_HEADERS_SENT', 'Cannot set headers after they are sent to the client');
      }
      http.validateHeaderName(name);
      http.validateHeaderValue(name, value);
      this._headers.set(String(name).toLowerCase(), [String(name), value]);
      return this;
    }

    getRawHeaderNames() {
      return Array.from(this._headers.values(), (v) => v[0]);
    }

    removeHeader(name) {
      if (this._header) {
        throw internal.codeError(Error, 'ERR_HTTP_HEADERS_SENT', 'Cannot remove headers after they are sent to the client');
      }
      this._headers.delete(String(name).toLowerCase());
    }

    /** The head Node sends, given the whole body's length when end() brings it. */
    _makeHead(contentLength) {
      let head = this.method + ' ' + this.path + ' HTTP/1.1\r\n';
      for (const [, [name, value]] of this._headers) {
        if (Array.isArray(value)) {
          for (const v of value) {
            head += name + ': ' + v + '\r\n';
          }
        } else {
          head += name + ': ' + value + '\r\n';
        }
      }
      if (!this._headers.has('connection')) {
        head += this.shouldKeepAlive ? 'Connection: keep-alive\r\n' : 'Connection: close\r\n';
      } else if (/(^|,)\s*close\s*(,|$)/i.test(String(this.getHeader('connection')))) {
        this.shouldKeepAlive = false;
      }
      if (!this._headers.has('content-length') && !this._headers.has('transfer-encoding') && this.useChunkedEncodingByDefault) {
        if (contentLength !== undefined) {
          head += 'Content-Length: ' + contentLength + '\r\n';
        } else {
          head += 'Transfer-Encoding: chunked\r\n';
          this.chunkedEncoding = true;
        }
      }
      this.headersSent = true;
      return head + '\r\n';
    }

    flushHeaders() {
      if (!this._header) {
        this._header = this._makeHead(undefined);
        this._sendHead();
      }
    }

    // ---------------------------------------------------------------- the connection

    _attach(conn) {
      this._conn = conn;
      this.socket = conn;
      this.connection = conn;
      conn._req = this;
      internal.nextTick(() => {
        if (!this.destroyed) {
          this.emit('socket', conn);
        }
      });
      if (conn._connected) {
        this._connected = true;
        if (this._header) {
          this._sendHead();
        }
      }
    }

    _connect(conn, options) {
      const host = options.host;
      const go = (ip) => {
        const r = binding.connect(conn._id, ip, +options.port);
        if (r < 0) {
          this._fail(exceptionWithHostPort(r, 'connect', ip, +options.port));
        }
        this._target = { ip, port: +options.port };
      };
      if (isIP(host)) {
        go(host);
        return;
      }
      (options.lookup || dns.lookup)(host, { family: options.family || 0 }, (err, ip) => {
        if (err) {
          this._fail(err);
          conn._agent._removeConnection(conn);
          return;
        }
        if (!this.destroyed) {
          go(ip);
        }
      });
    }

    _onConnect() {
      this._connected = true;
      if (this._header) {
        this._sendHead();
      }
    }

    _sendHead() {
      if (this._headSent || !this._connected || !this._conn) {
        return;
      }
      this._headSent = true;
      binding.request(this._conn._id, this._header);
      for (const [bytes, cb] of this._queue) {
        this._conn._write(bytes, cb);
      }
      this._queue = [];
      if (this._ending) {
        const cb = this._ending;
        this._ending = null;
        this._conn._end(cb);
      }
    }

    // ---------------------------------------------------------------- writing

    write(chunk, encoding, cb) {
      if (typeof encoding === 'function') {
        cb = encoding;
        encoding = undefined;
      }
      if (this.writableEnded) {
        const err = internal.codeError(Error, 'ERR_STREAM_WRITE_AFTER_END', 'write after end');
        internal.nextTick(() => {
          if (typeof cb === 'function') {
            cb(err);
          }
          this.emit('error', err);
        });
        return false;
      }
      if (!this._header) {
        this._header = this._makeHead(undefined);
        this._sendHead();
      }
      this._writeBody(chunk, encoding, cb);
      return this._pendingBytes < 16384;
    }

    _writeBody(chunk, encoding, cb) {
      if (chunk === undefined || chunk === null) {
        return;
      }
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, encoding || 'utf8') : chunk;
      if (bytes.length === 0) {
        if (typeof cb === 'function') {
          internal.nextTick(cb);
        }
        return;
      }
      this._pendingBytes = (this._pendingBytes || 0) + bytes.length;
      const done = (status) => {
        this._pendingBytes -= bytes.length;
        if (typeof cb === 'function') {
          cb(status < 0 ? exceptionWithHostPort(status, 'write') : null);
        }
        if (this._needDrain && this._pendingBytes < 16384) {
          this._needDrain = false;
          this.emit('drain');
        }
      };
      if (this._pendingBytes >= 16384) {
        this._needDrain = true;
      }
      if (this._headSent) {
        this._conn._write(bytes, done);
      } else {
        this._queue.push([bytes, done]);
      }
    }

    end(chunk, encoding, cb) {
      if (typeof chunk === 'function') {
        cb = chunk;
        chunk = undefined;
      } else if (typeof encoding === 'function') {
        cb = encoding;
        encoding = undefined;
      }
      if (this.writableEnded) {
        if (typeof cb === 'function') {
          internal.nextTick(cb);
        }
        return this;
      }
      if (!this._header) {
        let length = 0;
        if (chunk !== undefined && chunk !== null) {
          length = typeof chunk === 'string' ? Buffer.byteLength(chunk, encoding) : chunk.length;
        }
        this._header = this._makeHead(length);
      }
      this._writeBody(chunk, encoding);
      this.finished = true;
      this.writableEnded = true;
      const finish = (status) => {
        if (status < 0) {
          return; // the exchange's error reports it
        }
        this.writableFinished = true;
        this.emit('finish');
        if (typeof cb === 'function') {
          cb();
        }
      };
      if (this._headSent) {
        this._conn._end(finish);
      } else {
        this._ending = finish;
        this._sendHead();
      }
      return this;
    }

    // ---------------------------------------------------------------- the response

    _onInformation(status, reason, raw) {
      const headers = {};
      for (let i = 0; i < raw.length; i += 2) {
        headers[raw[i].toLowerCase()] = raw[i + 1];
      }
      if (status === 100) {
        this.emit('continue');
      }
      this.emit('information', { statusCode: status, statusMessage: reason, httpVersion: '1.1', httpVersionMajor: 1,
        httpVersionMinor: 1, headers, rawHeaders: Array.from(raw) });
    }

    _onResponse(status, reason, minor, raw, keepAlive) {
      const res = new IncomingMessage(null, null, null, minor, raw);
      res.statusCode = status;
      res.statusMessage = reason;
      res.req = this;
      res.socket = this._conn;
      res.connection = this._conn;
      delete res.method;
      delete res.url;
      this.res = res;
      // Node decides keep-alive when the head is read, before it knows a HEAD answer has no body:
      // an answer framed by neither a length nor chunks (HEAD's included) closes the connection
      const framed = status === 204 || status === 304 || res.headers['content-length'] !== undefined
        || /chunked/i.test(res.headers['transfer-encoding'] || '');
      this._responseKeepAlive = keepAlive && framed;
      res._read = () => binding.pause(this._conn._id, false);
      if (this._timer) {
        this._timer.refresh(); // a timeout set goes on through the response, from its last activity
      }
      if (!this.emit('response', res)) {
        // nobody listens: the body is read and dropped, as Node dumps it
        res.resume();
      }
    }

    _onResponseEnd() {
      const res = this.res;
      if (res) {
        res.complete = true;
        res.push(null);
      }
      this._finishExchange(this._responseKeepAlive && this.shouldKeepAlive);
    }

    _finishExchange(keepAlive) {
      if (this._done) {
        return;
      }
      this._done = true;
      const conn = this._conn;
      conn._req = null;
      this._clearTimer();
      // 'close' first, then the connection goes back to the pool: a request made in a 'close'
      // listener does not get it (Node frees it after the listeners ran, on the same tick)
      internal.nextTick(() => {
        this.emit('close');
        conn._agent._free(conn, keepAlive);
      });
    }

    _onError(code, parseCode, parseReason) {
      let err;
      if (parseCode) {
        err = new Error('Parse Error: ' + parseReason);
        err.code = parseCode;
        err.bytesParsed = 0;
      } else if (code === -4095 /* EOF */ || (code === -104 && this.res === null)) {
        err = connResetError('socket hang up');
      } else if (code === -125) {
        err = connResetError(this.aborted || this.destroyed ? 'socket hang up' : 'aborted');
      } else if (this._target && this._conn && !this._conn._connected) {
        err = exceptionWithHostPort(code, 'connect', this._target.ip, this._target.port);
      } else {
        err = exceptionWithHostPort(code, 'read');
        err.message = 'read ' + errname(code);
      }
      this._fail(err);
    }

    _fail(err) {
      if (this._done) {
        return;
      }
      this._done = true;
      this._clearTimer();
      const res = this.res;
      if (res && !res.complete) {
        // the response had begun: it is aborted (its _destroy says so), and the request reports
        // nothing (as in Node)
        res.destroy(connResetError('aborted'));
      } else if (!this._destroyedByUser || !res) {
        this.emit('error', err);
      }
      internal.nextTick(() => this.emit('close'));
    }

    _onConnectionClose(reason) {
      if (!this._done) {
        this._onError(reason < 0 ? reason : -4095);
      }
    }

    // ---------------------------------------------------------------- ending early

    setTimeout(ms, cb) {
      if (typeof cb === 'function') {
        this.once('timeout', cb);
      }
      this._listensTimeout = true;
      this._armTimeout(ms);
      return this;
    }

    /**
     * The connection's inactivity timeout, as Node's socket timeout: the request hears it if it
     * set one (setTimeout), the response if one is coming, then the connection's own listeners.
     */
    _armTimeout(ms) {
      this._timeoutMs = ms;
      this._clearTimer();
      if (ms > 0 && !this._done) {
        this._timer = setTimeout(() => {
          this._timer = null;
          const conn = this._conn;
          if (this._listensTimeout) {
            this.emit('timeout');
          }
          if (this.res && !this.res.complete) {
            this.res.emit('timeout');
          }
          if (conn) {
            conn.emit('timeout');
          }
        }, ms);
        this._timer.unref();
      }
    }

    _clearTimer() {
      if (this._timer) {
        clearTimeout(this._timer);
        this._timer = null;
      }
    }

    setNoDelay() {
      return this;
    }

    setSocketKeepAlive() {
      return this;
    }

    destroy(err) {
      if (this.destroyed) {
        return this;
      }
      this.destroyed = true;
      if (this._conn && !this._done) {
        this._destroyedByUser = !err;
        if (err) {
          this._fail(err);
        } else {
          this._fail(connResetError('socket hang up'));
        }
        this._conn.destroy();
      } else if (!this._conn) {
        this._done = true;
        if (err) {
          internal.nextTick(() => this.emit('error', err));
        }
        internal.nextTick(() => this.emit('close'));
      }
      return this;
    }

    abort() {
      if (!this.aborted) {
        this.aborted = true;
        internal.nextTick(() => this.emit('abort'));
        this.destroy();
      }
    }
  }

  // the header readers are the server response's: both keep lower-case name -> [name, value]
  for (const name of ['getHeader', 'getHeaders', 'getHeaderNames', 'hasHeader']) {
    ClientRequest.prototype[name] = http.ServerResponse.prototype[name];
  }

  function validateHost(host, name) {
    if (host !== null && host !== undefined && typeof host !== 'string') {
      throw internal.codeError(TypeError, 'ERR_INVALID_ARG_TYPE',
        'The "options.' + name + '" property must be of type string or one of undefined or null. Received ' + internal.describe(host));
    }
    return host;
  }

  function urlToOptions(url) {
    const options = {
      protocol: url.protocol,
      hostname: url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname,
      hash: url.hash,
      search: url.search,
      pathname: url.pathname,
      path: (url.pathname || '') + (url.search || ''),
      href: url.href,
    };
    if (url.port !== '') {
      options.port = Number(url.port);
    }
    if (url.username || url.password) {
      options.auth = decodeURIComponent(url.username) + ':' + decodeURIComponent(url.password);
    }
    return options;
  }

  function request(url, options, cb) {
    return new ClientRequest(url, options, cb);
  }

  function get(url, options, cb) {
    const req = request(url, options, cb);
    req.end();
    return req;
  }

  return { Agent, ClientRequest, globalAgent, request, get };
};
