// http: the server side of Node's http module over juv-http's streaming server. Requests arrive
// as their heads are read ('request'), bodies as 'data' events, and responses are written with
// the head Node writes: the caller's headers in order, then Date, Connection, Keep-Alive, and
// Content-Length (end() with the whole body) or Transfer-Encoding: chunked (write() first).
'use strict';

const EventEmitter = require('events');
const stream = require('stream');
const { Buffer } = require('buffer');
const host = internal.host;
const { invalidArgType, validateInteger, outOfRangeReceived } = require('internal/errors');
const { addStreamTimeout } = require('internal/stream_timeout');

const STATUS_CODES = {
  100: 'Continue', 101: 'Switching Protocols', 102: 'Processing', 103: 'Early Hints',
  200: 'OK', 201: 'Created', 202: 'Accepted', 203: 'Non-Authoritative Information', 204: 'No Content',
  205: 'Reset Content', 206: 'Partial Content', 207: 'Multi-Status', 208: 'Already Reported', 226: 'IM Used',
  300: 'Multiple Choices', 301: 'Moved Permanently', 302: 'Found', 303: 'See Other', 304: 'Not Modified',
  305: 'Use Proxy', 307: 'Temporary Redirect', 308: 'Permanent Redirect',
  400: 'Bad Request', 401: 'Unauthorized', 402: 'Payment Required', 403: 'Forbidden', 404: 'Not Found',
  405: 'Method Not Allowed', 406: 'Not Acceptable', 407: 'Proxy Authentication Required', 408: 'Request Timeout',
  409: 'Conflict', 410: 'Gone', 411: 'Length Required', 412: 'Precondition Failed', 413: 'Payload Too Large',
  414: 'URI Too Long', 415: 'Unsupported Media Type', 416: 'Range Not Satisfiable', 417: 'Expectation Failed',
  418: "I'm a Teapot", 421: 'Misdirected Request', 422: 'Unprocessable Entity', 423: 'Locked',
  424: 'Failed Dependency', 425: 'Too Early', 426: 'Upgrade Required', 428: 'Precondition Required',
  429: 'Too Many Requests', 431: 'Request Header Fields Too Large', 451: 'Unavailable For Legal Reasons',
  500: 'Internal Server Error', 501: 'Not Implemented', 502: 'Bad Gateway', 503: 'Service Unavailable',
  504: 'Gateway Timeout', 505: 'HTTP Version Not Supported', 506: 'Variant Also Negotiates',
  507: 'Insufficient Storage', 508: 'Loop Detected', 509: 'Bandwidth Limit Exceeded', 510: 'Not Extended',
  511: 'Network Authentication Required',
};

const METHODS = ['ACL', 'BIND', 'CHECKOUT', 'CONNECT', 'COPY', 'DELETE', 'GET', 'HEAD', 'LINK', 'LOCK',
  'M-SEARCH', 'MERGE', 'MKACTIVITY', 'MKCALENDAR', 'MKCOL', 'MOVE', 'NOTIFY', 'OPTIONS', 'PATCH', 'POST',
  'PROPFIND', 'PROPPATCH', 'PURGE', 'PUT', 'QUERY', 'REBIND', 'REPORT', 'SEARCH', 'SOURCE', 'SUBSCRIBE',
  'TRACE', 'UNBIND', 'UNLINK', 'UNLOCK', 'UNSUBSCRIBE'];

/** What a header value or a status message may not hold, as Node's checkInvalidHeaderChar. */
const INVALID_HEADER_CHAR = /[^\t\x20-\x7e\x80-\xff]/;

/** Headers Node keeps only once (later values dropped); set-cookie is an array; others join with ', '. */
const SINGLE = new Set(['age', 'authorization', 'content-length', 'content-type', 'etag', 'expires', 'from',
  'host', 'if-modified-since', 'if-unmodified-since', 'last-modified', 'location', 'max-forwards',
  'proxy-authorization', 'referer', 'retry-after', 'server', 'user-agent']);

// ---------------------------------------------------------------- the socket stand-in

/**
 * What `req.socket`, `res.socket` and the 'connection' event give: juv-http owns the connection,
 * so this is a stand-in with a socket's shape (an EventEmitter, writable until its response is
 * done or it is destroyed), enough for the libraries that look at it (on-finished, Express).
 */
class SocketStandIn extends EventEmitter {
  constructor(server, req) {
    super();
    this.server = server;
    this._req = req; // the request's id, for its peer's address
    this._peerInfo = undefined;
    this.encrypted = false;
    this.readable = true;
    this.writable = true;
    this.destroyed = false;
    this._response = null;
  }

  address() {
    return this.server ? this.server.address() : null;
  }

  /** The peer, asked of juv-http once; IPv4 clients of a server on IPv6's any address as mapped. */
  _peer() {
    if (this._peerInfo === undefined) {
      const p = this._req === undefined ? null : host.httpRemote(this._req);
      const info = p ? { address: p[0], family: p[1], port: p[2] } : { address: '127.0.0.1', family: 'IPv4', port: undefined };
      const listen = this.server ? this.server._host : '';
      if (this.server && info.family === 'IPv4' && (listen === undefined || listen === null || String(listen).includes(':'))) {
        info.address = '::ffff:' + info.address;
        info.family = 'IPv6';
      }
      this._peerInfo = info;
    }
    return this._peerInfo;
  }

  get remoteAddress() {
    return this._peer().address;
  }

  get remoteFamily() {
    return this._peer().family;
  }

  get remotePort() {
    return this._peer().port;
  }

  /**
   * As Node's server on a socket's timeout: the request (if still coming), the response and the
   * server hear 'timeout'; if none of them listens, the connection is destroyed. Then the
   * socket's own listeners (setTimeout's callback).
   */
  _onTimeout() {
    const req = this._request;
    const reqTimeout = req && !req.complete && req.emit('timeout', this);
    const res = this._response;
    const resTimeout = res && res.emit('timeout', this);
    const serverTimeout = this.server && this.server.emit('timeout', this);
    if (!reqTimeout && !resTimeout && !serverTimeout) {
      this.destroy();
    }
    this.emit('timeout');
  }

  setNoDelay() {
    return this;
  }

  setKeepAlive() {
    return this;
  }

  ref() {
    return this;
  }

  unref() {
    return this;
  }

  destroy(err) {
    if (!this.destroyed) {
      this.destroyed = true;
      this.readable = false;
      this.writable = false;
      this._clearTimer();
      if (this._response) {
        this._response._abort();
      }
      internal.nextTick(() => {
        if (err) {
          this.emit('error', err);
        }
        this.emit('close', !!err);
      });
    }
    return this;
  }

  end() {
    return this.destroy();
  }
}

addStreamTimeout(SocketStandIn.prototype);

/**
 * The socket a 'clientError' listener gets: what it writes, synchronously, is the answer juv-http
 * sends before it closes the connection (which it does whatever the listener does).
 */
class RefusalSocket extends SocketStandIn {
  constructor(server) {
    super(server, undefined);
    this._answer = '';
  }

  write(data, encoding, cb) {
    if (typeof encoding === 'function') {
      cb = encoding;
      encoding = undefined;
    }
    if (!this.writable) {
      const err = internal.codeError(Error, 'ERR_STREAM_WRITE_AFTER_END', 'write after end');
      internal.nextTick(() => (typeof cb === 'function' ? cb(err) : this.emit('error', err)));
      return false;
    }
    const bytes = typeof data === 'string' ? Buffer.from(data, encoding || 'utf8') : data;
    this._answer += Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    if (typeof cb === 'function') {
      internal.nextTick(cb);
    }
    return true;
  }

  end(data, encoding, cb) {
    if (typeof data === 'function') {
      cb = data;
      data = undefined;
    }
    if (data !== undefined && data !== null) {
      this.write(data, encoding);
    }
    return this.destroy();
  }
}

// ---------------------------------------------------------------- IncomingMessage

/**
 * A request's head and body: a Readable whose chunks are the body's pieces as juv-http hands them
 * over, ending when the request does.
 */
class IncomingMessage extends stream.Readable {
  constructor(server, method, url, minor, raw, id) {
    super({});
    this.method = method;
    this.url = url;
    this.httpVersionMajor = 1;
    this.httpVersionMinor = minor;
    this.httpVersion = '1.' + minor;
    this.rawHeaders = Array.from(raw);
    this.headers = {};
    for (let i = 0; i < this.rawHeaders.length; i += 2) {
      const name = this.rawHeaders[i].toLowerCase();
      const value = this.rawHeaders[i + 1];
      if (name === 'set-cookie') {
        (this.headers[name] || (this.headers[name] = [])).push(value);
      } else if (this.headers[name] === undefined) {
        this.headers[name] = value;
      } else if (!SINGLE.has(name)) {
        this.headers[name] += ', ' + value;
      }
    }
    this.trailers = {};
    this.rawTrailers = [];
    this.complete = false;
    this.aborted = false;
    this.upgrade = false;
    this.socket = new SocketStandIn(server, id);
    this.socket._request = this;
    this.connection = this.socket;
  }

  _read() {
    // the body is pushed as it arrives
  }

  _push(chunk) {
    this.socket._touch();
    this.push(chunk);
  }

  _end() {
    this.complete = true;
    this.push(null);
  }

  /** As Node's: a request destroyed before it was read through is aborted; the error goes only to listeners. */
  _destroy(err, cb) {
    if (!this.readableEnded || !this.complete) {
      this.aborted = true;
      this.emit('aborted');
    }
    internal.nextTick(() => cb(this.listenerCount('error') > 0 ? err : null));
  }
}
IncomingMessage.prototype.setTimeout = messageSetTimeout;

/**
 * The connection of a request in progress closed (the client went away, or reset it): as Node's
 * server does, the request is destroyed with ECONNRESET (aborted if not read through), a
 * response not ended yet closes, then the socket.
 */
function connectionGone(req, res) {
  const request = req || res.req;
  const socket = request.socket;
  socket._clearTimer();
  socket.destroyed = true;
  socket.readable = false;
  socket.writable = false;
  if (!request.destroyed) {
    request.destroy(internal.codeError(Error, 'ECONNRESET', 'aborted'));
  }
  if (res && !res.writableEnded) {
    res.destroyed = true;
    res.emit('close');
  }
  socket.emit('close', false);
}

// ---------------------------------------------------------------- OutgoingMessage

/**
 * Node's base of ServerResponse (and ClientRequest): the headers to send. Libraries reach it as
 * http.OutgoingMessage.prototype (cookies sets Set-Cookie through it).
 */
class OutgoingMessage extends EventEmitter {
  constructor() {
    super();
    this.headersSent = false;
    this._headers = new Map(); // lower-case name -> [name as set, value]
  }

  setHeader(name, value) {
    if (this.headersSent) {
      throw internal.codeError(Error, 'ERR_HTTP_HEADERS_SENT', 'Cannot set headers after they are sent to the client');
    }
    validateHeader(name, value);
    this._headers.set(String(name).toLowerCase(), [String(name), value]);
    return this;
  }

  getHeader(name) {
    const h = this._headers.get(String(name).toLowerCase());
    return h === undefined ? undefined : h[1];
  }

  getHeaders() {
    const out = Object.create(null);
    for (const [k, v] of this._headers) {
      out[k] = v[1];
    }
    return out;
  }

  getHeaderNames() {
    return Array.from(this._headers.keys());
  }

  hasHeader(name) {
    return this._headers.has(String(name).toLowerCase());
  }

  removeHeader(name) {
    if (this.headersSent) {
      throw internal.codeError(Error, 'ERR_HTTP_HEADERS_SENT', 'Cannot remove headers after they are sent to the client');
    }
    const key = String(name).toLowerCase();
    // as Node's: what the program removed is not added back by the head
    if (key === 'connection') {
      this._removedConnection = true;
    } else if (key === 'content-length') {
      this._removedContLen = true;
    } else if (key === 'transfer-encoding') {
      this._removedTE = true;
    } else if (key === 'date') {
      this.sendDate = false;
    }
    this._headers.delete(key);
  }

  setTimeout(ms, cb) {
    return messageSetTimeout.call(this, ms, cb);
  }
}

/**
 * A message's setTimeout, as Node's (IncomingMessage's and OutgoingMessage's): the callback hears
 * 'timeout' of the message; the timeout is its socket's, once it has one.
 */
function messageSetTimeout(ms, cb) {
  if (cb) {
    this.on('timeout', cb);
  }
  if (this.socket) {
    this.socket.setTimeout(ms);
  } else {
    this.once('socket', (socket) => socket.setTimeout(ms));
  }
  return this;
}

// ---------------------------------------------------------------- ServerResponse

class ServerResponse extends OutgoingMessage {
  constructor(req, server, id, keepAlive) {
    super();
    this.req = req;
    this._server = server;
    this._id = id;
    this._keepAlive = keepAlive;
    this.statusCode = 200;
    this.statusMessage = undefined;
    this.sendDate = true;
    this.finished = false;
    this.writableEnded = false;
    this.writableFinished = false;
    this.chunkedEncoding = false;
    this._hasBody = req.method !== 'HEAD';
    this.socket = req.socket;
    this.connection = req.socket;
    this.socket._response = this;
    this.destroyed = false;
  }

  /** The connection goes (destroy()): what is written so far is sent, then it closes. */
  _abort() {
    this._server._responses.delete(this._id);
    if (!this.writableEnded) {
      this.finished = true;
      this.writableEnded = true;
      this.destroyed = true;
      host.httpEnd(this._id, false);
      internal.nextTick(() => this.emit('close'));
    }
  }

  destroy(err) {
    this.socket.destroy(err);
    return this;
  }

  writeHead(statusCode, reason, headers) {
    if (this.headersSent) {
      throw internal.codeError(Error, 'ERR_HTTP_HEADERS_SENT', 'Cannot write headers after they are sent to the client');
    }
    if (typeof reason !== 'string') {
      headers = reason;
      reason = undefined;
    }
    const original = statusCode;
    statusCode |= 0;
    if (statusCode < 100 || statusCode > 999) {
      throw internal.codeError(RangeError, 'ERR_HTTP_INVALID_STATUS_CODE', 'Invalid status code: ' + original);
    }
    this.statusCode = statusCode;
    if (reason !== undefined) {
      this.statusMessage = reason;
    }
    if (this.statusMessage !== undefined && INVALID_HEADER_CHAR.test(String(this.statusMessage))) {
      throw internal.codeError(TypeError, 'ERR_INVALID_CHAR', 'Invalid character in statusMessage');
    }
    if (Array.isArray(headers)) {
      for (let i = 0; i < headers.length; i += 2) {
        this.setHeader(headers[i], headers[i + 1]);
      }
    } else if (headers) {
      for (const k of Object.keys(headers)) {
        this.setHeader(k, headers[k]);
      }
    }
    // Node builds the head here, knowing the body's length only when end() got it all (through
    // _implicitHeader): no Content-Length otherwise, unless set
    this._pendingHead = this._head(this._contentLength);
    return this;
  }

  /** As Node's: the head from the status set so far, through writeHead (which libraries wrap). */
  _implicitHeader() {
    this.writeHead(this.statusCode);
  }

  /** The head not yet sent: built by writeHead, or now. */
  _takeHead(contentLength) {
    if (this._pendingHead === undefined && !this.headersSent) {
      this._contentLength = contentLength;
      this._implicitHeader();
    }
    if (this._pendingHead !== undefined) {
      const head = this._pendingHead;
      this._pendingHead = undefined;
      return head;
    }
    return null;
  }

  /** The head Node writes, given the body's length if known (end() with the whole body). */
  _head(contentLength) {
    const code = this.statusCode;
    if (code < 100 || code > 999) {
      throw internal.codeError(RangeError, 'ERR_HTTP_INVALID_STATUS_CODE', 'Invalid status code: ' + code);
    }
    const message = this.statusMessage !== undefined ? this.statusMessage : (STATUS_CODES[code] || 'unknown');
    let head = 'HTTP/1.1 ' + code + ' ' + message + '\r\n';
    for (const entry of this._headers.values()) {
      const name = entry[0];
      const value = entry[1];
      if (Array.isArray(value)) {
        for (const v of value) {
          head += name + ': ' + v + '\r\n';
        }
      } else {
        head += name + ': ' + value + '\r\n';
      }
    }
    if (this.sendDate && !this._headers.has('date')) {
      head += host.httpDate(this._server._handle);
    }
    const noBody = code === 204 || code === 304 || (code >= 100 && code < 200);
    this._hasBody = this._hasBody && !noBody;
    const hasLength = this._headers.has('content-length');
    const hasTE = this._headers.has('transfer-encoding');
    let keepAlive = this._keepAlive;
    const conn = this._headers.get('connection');
    if (conn !== undefined && /(^|,)\s*close\s*(,|$)/i.test(String(conn[1]))) {
      keepAlive = false;
    }
    // no framing for an answer without a body (HEAD's included, as Node: neither length nor chunks)
    if (!hasLength && !hasTE && this._hasBody) {
      if (contentLength !== undefined && !this._removedContLen) {
        this._length = contentLength;
      } else if (this.req.httpVersionMinor >= 1 && !this._removedTE) {
        this.chunkedEncoding = true;
      } else {
        // HTTP/1.0, or both framing headers removed by the program: the end of the body is the
        // end of the connection
        keepAlive = false;
      }
    }
    if (hasTE && /chunked/i.test(String(this._headers.get('transfer-encoding')[1]))) {
      this.chunkedEncoding = true;
    }
    if (conn === undefined && !this._removedConnection) {
      head += keepAlive ? 'Connection: keep-alive\r\n' : 'Connection: close\r\n';
      if (keepAlive && !this._headers.has('keep-alive') && this._server.keepAliveTimeout) {
        head += 'Keep-Alive: timeout=' + Math.floor(this._server.keepAliveTimeout / 1000) + '\r\n';
      }
    }
    if (this._length !== undefined && !hasLength) {
      head += 'Content-Length: ' + this._length + '\r\n';
    } else if (this.chunkedEncoding && !hasTE) {
      head += 'Transfer-Encoding: chunked\r\n';
    }
    this._keepAlive = keepAlive;
    this.headersSent = true;
    return head + '\r\n';
  }

  write(chunk, encoding, callback) {
    if (typeof encoding === 'function') {
      callback = encoding;
      encoding = undefined;
    }
    if (this.writableEnded) {
      const err = internal.codeError(Error, 'ERR_STREAM_WRITE_AFTER_END', 'write after end');
      internal.nextTick(() => this.emit('error', err));
      return false;
    }
    if (this.destroyed) { // the connection is gone: the callback hears it, as in Node
      if (typeof callback === 'function') {
        internal.nextTick(callback, destroyedError('write'));
      }
      return false;
    }
    const head = this._takeHead(undefined);
    this._send(head, chunk, encoding);
    if (typeof callback === 'function') {
      internal.nextTick(callback);
    }
    return true;
  }

  _send(head, chunk, encoding) {
    this.socket._touch();
    let body = null;
    if (chunk !== undefined && chunk !== null && this._hasBody) {
      const bytes = typeof chunk === 'string'
        ? (encoding && encoding !== 'utf8' && encoding !== 'utf-8' ? Buffer.from(chunk, encoding) : chunk)
        : chunk;
      // a string's length in bytes only matters for a chunk's size line: otherwise, whether it is empty
      const length = typeof bytes !== 'string' ? bytes.length : this.chunkedEncoding ? Buffer.byteLength(bytes) : bytes.length;
      if (length > 0) {
        if (this.chunkedEncoding) {
          host.httpWrite(this._id, (head || '') + length.toString(16) + '\r\n', bytes);
          host.httpWrite(this._id, '\r\n', null);
          return;
        }
        body = bytes;
      }
    }
    if (head !== null || body !== null) {
      host.httpWrite(this._id, head, body);
    }
  }

  end(chunk, encoding, callback) {
    if (typeof chunk === 'function') {
      callback = chunk;
      chunk = undefined;
    } else if (typeof encoding === 'function') {
      callback = encoding;
      encoding = undefined;
    }
    if (this.writableEnded) {
      if (typeof callback === 'function') {
        internal.nextTick(callback);
      }
      return this;
    }
    if (this.destroyed) { // the connection is gone: no 'finish'
      this.finished = true;
      this.writableEnded = true;
      if (typeof callback === 'function') {
        internal.nextTick(callback, destroyedError('end'));
      }
      return this;
    }
    if (!this.headersSent || this._pendingHead !== undefined) {
      let length = 0;
      if (chunk !== undefined && chunk !== null) {
        length = typeof chunk === 'string' ? Buffer.byteLength(chunk, encoding) : chunk.length;
      }
      this._send(this._takeHead(this._hasBody ? length : undefined), chunk, encoding);
    } else {
      this._send(null, chunk, encoding);
    }
    if (this.chunkedEncoding && this._hasBody) {
      host.httpWrite(this._id, '0\r\n\r\n', null);
    }
    this.finished = true;
    this.writableEnded = true;
    this._server._responses.delete(this._id); // ended: a close of its connection no longer concerns it
    this.socket._clearTimer(); // the exchange is over: the connection's idle time is the server's keepAliveTimeout
    host.httpEnd(this._id, this._keepAlive);
    internal.nextTick(() => {
      this.writableFinished = true;
      this.emit('finish');
      if (typeof callback === 'function') {
        callback();
      }
      this.emit('close');
    });
    return this;
  }

  flushHeaders() {
    if (!this.headersSent || this._pendingHead !== undefined) {
      host.httpWrite(this._id, this._takeHead(undefined), null);
    }
  }
}

function destroyedError(method) {
  return internal.codeError(Error, 'ERR_STREAM_DESTROYED', 'Cannot call ' + method + ' after a stream was destroyed');
}

// Header names and string values already checked: a server sets the same few on every
// response, and each test is a regular expression run per call (at most 256 of each are kept,
// each of at most 128 characters).
const checkedNames = new Set();
const checkedValues = new Set();

function validateHeader(name, value) {
  if (typeof name !== 'string' || !checkedNames.has(name) && !checkName(name)) {
    throw internal.codeError(TypeError, 'ERR_INVALID_HTTP_TOKEN', 'Header name must be a valid HTTP token ["' + name + '"]');
  }
  if (value === undefined) {
    throw internal.codeError(TypeError, 'ERR_HTTP_INVALID_HEADER_VALUE', 'Invalid value "undefined" for header "' + name + '"');
  }
  if (!(typeof value === 'string' && checkedValues.has(value)) && INVALID_HEADER_CHAR.test(String(value))) {
    throw internal.codeError(TypeError, 'ERR_INVALID_CHAR', 'Invalid character in header content ["' + name + '"]');
  }
  if (typeof value === 'string' && value.length <= 128 && checkedValues.size < 256) {
    checkedValues.add(value);
  }
}

function checkName(name) {
  if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name)) {
    return false;
  }
  if (name.length <= 128 && checkedNames.size < 256) {
    checkedNames.add(name);
  }
  return true;
}

// ---------------------------------------------------------------- Server

/**
 * A function, not a class, as Node's: an older program's subclass initialises it with
 * `http.Server.call(this)` (util.inherits style); `new`, a call without it and `class extends`
 * work as well.
 */
function Server(options, requestListener) {
  if (!(this instanceof Server)) {
    return new Server(options, requestListener);
  }
  EventEmitter.call(this);
  if (typeof options === 'function') {
    requestListener = options;
    options = {};
  } else if (options === undefined || options === null) {
    options = {};
  } else if (typeof options !== 'object' || Array.isArray(options)) {
    throw invalidArgType('options', 'of type object', options);
  }
  this._timeouts = { keepAliveTimeout: 5000, headersTimeout: 60000, requestTimeout: 300000 };
  storeOptions(this, options);
  if (typeof requestListener === 'function') {
    this.on('request', requestListener);
  }
  this._handle = 0;
  this._port = 0;
  this._host = null;
  this._requests = new Map(); // id -> request whose body is still coming
  this._responses = new Map(); // id -> response not ended yet
  this.listening = false;
  this.timeout = 0;
  this.maxHeadersCount = null;
}
Object.setPrototypeOf(Server.prototype, EventEmitter.prototype);
Object.setPrototypeOf(Server, EventEmitter);

class ServerMethods {

  /** As Node's: the time after which a connection with no activity hears 'timeout' (0: none). */
  setTimeout(ms, cb) {
    this.timeout = ms;
    if (cb) {
      this.on('timeout', cb);
    }
    return this;
  }

  listen(...args) {
    let port = 0;
    let hostname;
    let backlog = 511;
    let cb;
    if (typeof args[args.length - 1] === 'function') {
      cb = args.pop();
    }
    const pipe = args[0] !== null && typeof args[0] === 'object'
      ? (args[0].port === undefined || args[0].port === null) && args[0].path
      : require('internal/ip').isPipeName(args[0]);
    if (pipe) {
      // not a silent TCP port instead: juv-http's server listens on TCP only
      throw internal.codeError(Error, 'ERR_FEATURE_UNAVAILABLE_ON_PLATFORM',
        'An http server on a Unix-domain socket path is not available: juv-http listens on TCP only');
    }
    if (args[0] !== null && typeof args[0] === 'object') {
      port = args[0].port || 0;
      hostname = args[0].host;
      backlog = args[0].backlog || 511;
      require('internal/event_target').onAbortSignal(this, args[0].signal, () => this.close(), true);
    } else {
      port = args[0] === undefined ? 0 : Number(args[0]);
      if (typeof args[1] === 'string') {
        hostname = args[1];
        if (typeof args[2] === 'number') {
          backlog = args[2];
        }
      } else if (typeof args[1] === 'number') {
        backlog = args[1];
      }
    }
    if (cb) {
      this.once('listening', cb);
    }
    this._handle = internal.register(this);
    try {
      const t = this._timeouts;
      this._port = host.httpListen(this._handle, hostname === undefined ? null : hostname, port, backlog,
        t.keepAliveTimeout, t.headersTimeout, t.requestTimeout);
      this._host = hostname;
      this.listening = true;
      internal.nextTick(() => {
        if (this.listening) { // not if closed meanwhile (a listen signal already aborted), as Node's
          this.emit('listening');
        }
      });
    } catch (e) {
      internal.unregister(this._handle);
      this._handle = 0;
      const err = toNodeError(e, 'listen', hostname === undefined ? '::' : hostname, port);
      internal.nextTick(() => this.emit('error', err));
    }
    return this;
  }

  address() {
    if (!this.listening) {
      return null;
    }
    const h = this._host === undefined || this._host === null ? '::' : this._host;
    return { address: h, family: h.includes(':') ? 'IPv6' : 'IPv4', port: this._port };
  }

  close(cb) {
    if (cb) {
      this.once('close', cb);
    }
    if (this.listening) {
      // As Node's: no new connections, the idle ones closed, the others go on; 'close' on the
      // next tick if none is left, else once the last one has closed. juv-http says "closed"
      // after the last event of the server's connections.
      this.listening = false;
      this._closeEmitted = false;
      if (host.httpClose(this._handle) === 0) {
        internal.nextTick(() => this._emitClose());
      }
    } else if (cb) {
      const err = internal.codeError(Error, 'ERR_SERVER_NOT_RUNNING', 'Server is not running.');
      internal.nextTick(() => this.emit('close', err));
    }
    return this;
  }

  _emitClose() {
    if (!this._closeEmitted) {
      this._closeEmitted = true;
      this.emit('close');
    }
  }

  /** Closes every connection, requests in progress too (they hear 'aborted' and 'close'). */
  closeAllConnections() {
    if (this._handle) {
      host.httpCloseConnections(this._handle, true);
    }
  }

  /** Closes the connections with no request in progress. */
  closeIdleConnections() {
    if (this._handle) {
      host.httpCloseConnections(this._handle, false);
    }
  }

  ref() {
    if (this._handle) {
      host.httpRef(this._handle, true);
    }
    return this;
  }

  unref() {
    if (this._handle) {
      host.httpRef(this._handle, false);
    }
    return this;
  }

  /**
   * A request refused, malformed (`code`: its HPE_ code) or past its deadline (`code` null): as
   * Node's server, 'clientError' listeners get the error and the socket, and what they write
   * is the answer; without any, undefined (juv-http sends Node's refusal).
   */
  _clientError(code, reason, packet, bytesParsed) {
    if (this.listenerCount('clientError') === 0) {
      return undefined;
    }
    let err;
    if (code === null || code === undefined) {
      err = internal.codeError(Error, 'ERR_HTTP_REQUEST_TIMEOUT', 'Request timeout');
    } else {
      err = new Error('Parse Error: ' + reason);
      err.bytesParsed = bytesParsed;
      err.code = code;
      err.reason = reason;
      err.rawPacket = require('buffer')._wrap(packet);
    }
    const socket = new RefusalSocket(this);
    this.emit('clientError', err, socket);
    return socket._answer;
  }

  /**
   * As Node's: a request that asks to switch protocols, with 'upgrade' listeners, hands its
   * connection over as a net.Socket (not reading until the program reads), with the bytes read
   * after the head; the request is complete, with no body.
   */
  _upgrade(method, url, minor, raw, head) {
    const net = require('net');
    const socket = new net.Socket();
    const sid = internal.register(socket, false);
    host.httpAdopt(sid);
    socket._attach(sid);
    socket.server = this;
    const req = new IncomingMessage(this, method, url, minor, raw, undefined);
    req.upgrade = true;
    req.socket = socket;
    req.connection = socket;
    req._end();
    this.emit('upgrade', req, socket, require('buffer')._wrap(head));
  }

  /** The connection of request `id` closed while it was in progress. */
  _gone(id) {
    const req = this._requests.get(id);
    const res = this._responses.get(id);
    this._requests.delete(id);
    this._responses.delete(id);
    if (req || res) {
      connectionGone(req, res);
    }
  }

  onevent(event, id, a, b, c, d, e, bodyless) {
    if (event === 'connection') {
      this.emit('connection', new SocketStandIn(this));
    } else if (event === 'request') {
      const req = new IncomingMessage(this, a, b, c, d, id);
      const res = new ServerResponse(req, this, id, e);
      if (this.timeout > 0) {
        req.socket.setTimeout(this.timeout);
      }
      if (!bodyless) {
        this._requests.set(id, req);
      }
      this._responses.set(id, res);
      if (req.headers.expect && /100-continue/i.test(req.headers.expect) && this.listenerCount('checkContinue') > 0) {
        this.emit('checkContinue', req, res);
      } else {
        this.emit('request', req, res);
      }
      if (bodyless) {
        req._end(); // the message is complete: its end follows the 'request' listeners, as in Node
      }
    } else if (event === 'body') {
      const req = this._requests.get(id);
      if (req) {
        req._push(require('buffer')._wrap(a));
      }
    } else if (event === 'end') {
      const req = this._requests.get(id);
      if (req) {
        this._requests.delete(id);
        req._end();
      }
    } else if (event === 'clientError') {
      return this._clientError(a, b, c, d);
    } else if (event === 'canUpgrade') {
      return this.listenerCount('upgrade') > 0;
    } else if (event === 'upgrade') {
      this._upgrade(a, b, c, d, e);
    } else if (event === 'close') {
      this._gone(id);
    } else if (event === 'closed') {
      internal.unregister(this._handle);
      this._handle = 0;
      this._emitClose();
    }
  }
}
for (const name of Object.getOwnPropertyNames(ServerMethods.prototype)) {
  if (name !== 'constructor') {
    Object.defineProperty(Server.prototype, name, Object.getOwnPropertyDescriptor(ServerMethods.prototype, name));
  }
}

// The timeouts of a server, read by juv-http at listen and again whenever one is set afterwards
// (Node reads them at each check: a program may set them after listen).
for (const name of ['keepAliveTimeout', 'headersTimeout', 'requestTimeout']) {
  Object.defineProperty(Server.prototype, name, {
    get() {
      return this._timeouts[name];
    },
    set(value) {
      this._timeouts[name] = value;
      if (this._handle) {
        const t = this._timeouts;
        host.httpTimeouts(this._handle, +t.keepAliveTimeout || 0, +t.headersTimeout || 0, +t.requestTimeout || 0);
      }
    },
    enumerable: true,
    configurable: true,
  });
}

/** Node's storeHTTPOptions, for the timeouts (the options juv-http applies). */
function storeOptions(server, options) {
  const integer = (name, dflt) => {
    const v = options[name];
    return v === undefined ? dflt : validateInteger(v, name, 0, Number.MAX_SAFE_INTEGER);
  };
  const requestTimeout = integer('requestTimeout', 300000);
  const headersTimeout = integer('headersTimeout', Math.min(60000, requestTimeout));
  if (requestTimeout > 0 && headersTimeout > 0 && headersTimeout > requestTimeout) {
    throw internal.codeError(RangeError, 'ERR_OUT_OF_RANGE', 'The value of "headersTimeout" is out of range. It must be '
      + '<= requestTimeout. Received ' + outOfRangeReceived(options.headersTimeout));
  }
  server._timeouts.requestTimeout = requestTimeout;
  server._timeouts.headersTimeout = headersTimeout;
  server._timeouts.keepAliveTimeout = integer('keepAliveTimeout', 5000);
  // juv-http checks its deadlines every quarter of the shortest one (at most every second), not
  // at this interval: kept for the programs that read it
  server.connectionsCheckingInterval = integer('connectionsCheckingInterval', 30000);
}

function toNodeError(e, syscall, address, port) {
  const code = e && typeof e.code === 'function' ? String(e.code().name()) : 'UNKNOWN';
  const errno = e && typeof e.code === 'function' ? e.code().code() : -4094;
  const err = new Error(syscall + ' ' + code + ' ' + address + ':' + port);
  err.code = code;
  err.errno = errno;
  err.syscall = syscall;
  err.address = address;
  err.port = port;
  return err;
}

function createServer(options, requestListener) {
  return new Server(options, requestListener);
}

function validateHeaderName(name) {
  if (typeof name !== 'string' || !/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name)) {
    throw internal.codeError(TypeError, 'ERR_INVALID_HTTP_TOKEN', 'Header name must be a valid HTTP token ["' + name + '"]');
  }
}

function validateHeaderValue(name, value) {
  validateHeader(name, value);
}

module.exports = {
  STATUS_CODES,
  METHODS,
  Server,
  IncomingMessage,
  OutgoingMessage,
  ServerResponse,
  createServer,
  validateHeaderName,
  validateHeaderValue,
  maxHeaderSize: 16384,
};

// the client half, loaded with the first use of one of its names
let client;
function clientApi() {
  return client || (client = require('internal/http_client')(module.exports, IncomingMessage));
}
for (const name of ['Agent', 'ClientRequest', 'globalAgent', 'request', 'get']) {
  Object.defineProperty(module.exports, name, {
    enumerable: true,
    configurable: true,
    get: () => clientApi()[name],
  });
}
