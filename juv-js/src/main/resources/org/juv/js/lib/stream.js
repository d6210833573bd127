// stream: Node's streams. Stream (the legacy EventEmitter with pipe), Readable, Writable, Duplex,
// Transform, PassThrough, finished, pipeline, Readable.from and async iteration.
//
// What a program sees of a stream is mostly *when* things happen: which events and callbacks
// run at once and which wait for process.nextTick. Node's rules are kept here: 'end' is emitted
// on a tick after the last chunk is read; 'readable' is emitted on a tick unless the stream is
// being pushed to from outside _read; a write callback runs on a tick when _write completed
// synchronously (several such callbacks share one tick) and at once when it completed later;
// 'finish' follows end() on a tick when nothing is pending, and on a tick after _final's
// callback; destroy() closes at once but emits 'error' and then 'close' on a tick.
'use strict';

const EE = require('events');
const { Buffer } = require('buffer');

let StringDecoder; // loaded on first use of an encoding
function newDecoder(encoding) {
  if (StringDecoder === undefined) {
    StringDecoder = require('string_decoder').StringDecoder;
  }
  return new StringDecoder(encoding);
}

const nextTick = internal.nextTick;
function nop() {}

const kPaused = Symbol('kPaused');
const kOnFinished = Symbol('kOnFinished');
const kConstruct = Symbol('kConstruct');
const kDestroy = Symbol('kDestroy');
const kIsDestroyed = Symbol('kIsDestroyed');
const kCallback = Symbol('kCallback');

// ---------------------------------------------------------------- errors

/** An error as Node's internal ones: a code, and String(err) shows it ("Error [CODE]: message"). */
function codeError(Type, code, message) {
  const e = internal.codeError(Type, code, message);
  Object.defineProperty(e, 'toString', {
    value() { return this.name + ' [' + this.code + ']: ' + this.message; },
    enumerable: false, writable: true, configurable: true,
  });
  return e;
}

const errors = {
  writeAfterEnd: () => codeError(Error, 'ERR_STREAM_WRITE_AFTER_END', 'write after end'),
  destroyed: (what) => codeError(Error, 'ERR_STREAM_DESTROYED', 'Cannot call ' + what + ' after a stream was destroyed'),
  alreadyFinished: (what) => codeError(Error, 'ERR_STREAM_ALREADY_FINISHED', 'Cannot call ' + what + ' after a stream was finished'),
  pushAfterEOF: () => codeError(Error, 'ERR_STREAM_PUSH_AFTER_EOF', 'stream.push() after EOF'),
  unshiftAfterEnd: () => codeError(Error, 'ERR_STREAM_UNSHIFT_AFTER_END_EVENT', 'stream.unshift() after end event'),
  prematureClose: () => codeError(Error, 'ERR_STREAM_PREMATURE_CLOSE', 'Premature close'),
  nullValues: () => codeError(TypeError, 'ERR_STREAM_NULL_VALUES', 'May not write null values to stream'),
  multipleCallback: () => codeError(Error, 'ERR_MULTIPLE_CALLBACK', 'Callback called multiple times'),
  notImplemented: (method) => codeError(Error, 'ERR_METHOD_NOT_IMPLEMENTED', 'The ' + method + ' method is not implemented'),
  cannotPipe: () => codeError(Error, 'ERR_STREAM_CANNOT_PIPE', 'Cannot pipe, not readable'),
  unknownEncoding: (enc) => codeError(TypeError, 'ERR_UNKNOWN_ENCODING', 'Unknown encoding: ' + enc),
  missingArgs: (name) => codeError(TypeError, 'ERR_MISSING_ARGS', 'The "' + name + '" argument must be specified'),
  chunkType: (chunk) => codeError(TypeError, 'ERR_INVALID_ARG_TYPE',
    'The "chunk" argument must be of type string or an instance of Buffer, TypedArray, or DataView. Received '
    + internal.describe(chunk)),
  argType: (name, expected, value) => codeError(TypeError, 'ERR_INVALID_ARG_TYPE',
    'The "' + name + '" argument must be ' + expected + '. Received ' + internal.describe(value)),
  returnValue: (what, name, value) => codeError(TypeError, 'ERR_INVALID_RETURN_VALUE',
    'Expected ' + what + ' to be returned from the "' + name + '" function but got '
    + (value === null ? 'null' : value === undefined ? 'undefined' : 'type ' + typeof value) + '.'),
};

const { AbortError } = require('internal/errors');

/** Two errors that happened together: Node keeps the first and attaches the second to it. */
function aggregateTwoErrors(inner, outer) {
  if (inner && outer && inner !== outer) {
    if (Array.isArray(outer.errors)) {
      outer.errors.push(inner);
      return outer;
    }
    const err = new AggregateError([outer, inner], outer.message);
    err.code = outer.code;
    return err;
  }
  return inner || outer;
}

/** An AbortController, or where the global is missing, one with the little pipeline needs. */
function newAbortController() {
  if (typeof AbortController === 'function') {
    return new AbortController();
  }
  const listeners = [];
  const signal = {
    aborted: false,
    reason: undefined,
    onabort: null,
    addEventListener(type, fn) {
      if (type === 'abort') {
        listeners.push(fn);
      }
    },
    removeEventListener(type, fn) {
      const i = listeners.indexOf(fn);
      if (type === 'abort' && i !== -1) {
        listeners.splice(i, 1);
      }
    },
    throwIfAborted() {
      if (signal.aborted) {
        throw signal.reason;
      }
    },
  };
  return {
    signal,
    abort(reason = new AbortError('This operation was aborted')) {
      if (signal.aborted) {
        return;
      }
      signal.aborted = true;
      signal.reason = reason;
      const event = { type: 'abort', target: signal };
      if (typeof signal.onabort === 'function') {
        signal.onabort(event);
      }
      for (const fn of listeners.splice(0)) {
        fn.call(signal, event);
      }
    },
  };
}

function onceOnly(fn) {
  let called = false;
  return function (...args) {
    if (called) {
      return;
    }
    called = true;
    return fn.apply(this, args);
  };
}

// ---------------------------------------------------------------- the legacy Stream

function Stream(opts) {
  EE.call(this, opts);
}
Object.setPrototypeOf(Stream.prototype, EE.prototype);
Object.setPrototypeOf(Stream, EE);

/** The old pipe, for streams that are only EventEmitters with write/pause/resume. */
Stream.prototype.pipe = function pipe(dest, options) {
  const source = this;
  let didOnEnd = false;

  function ondata(chunk) {
    if (dest.writable && dest.write(chunk) === false && source.pause) {
      source.pause();
    }
  }
  function ondrain() {
    if (source.readable && source.resume) {
      source.resume();
    }
  }
  function onend() {
    if (!didOnEnd) {
      didOnEnd = true;
      dest.end();
    }
  }
  function onclose() {
    if (!didOnEnd) {
      didOnEnd = true;
      if (typeof dest.destroy === 'function') {
        dest.destroy();
      }
    }
  }
  function onerror(er) {
    cleanup();
    if (this.listenerCount('error') === 0) {
      this.emit('error', er); // nobody else listens: as unhandled as it was
    }
  }
  function cleanup() {
    source.removeListener('data', ondata);
    dest.removeListener('drain', ondrain);
    source.removeListener('end', onend);
    source.removeListener('close', onclose);
    source.removeListener('error', onerror);
    dest.removeListener('error', onerror);
    source.removeListener('end', cleanup);
    source.removeListener('close', cleanup);
    dest.removeListener('close', cleanup);
  }

  source.on('data', ondata);
  dest.on('drain', ondrain);
  if (!dest._isStdio && (!options || options.end !== false)) {
    source.on('end', onend);
    source.on('close', onclose);
  }
  prependListener(source, 'error', onerror);
  prependListener(dest, 'error', onerror);
  source.on('end', cleanup);
  source.on('close', cleanup);
  dest.on('close', cleanup);
  dest.emit('pipe', source);
  return dest;
};

function prependListener(emitter, event, fn) {
  if (typeof emitter.prependListener === 'function') {
    emitter.prependListener(event, fn);
  } else {
    emitter.on(event, fn);
  }
}

// ---------------------------------------------------------------- what kind of stream an object is

function isReadableNodeStream(obj, strict = false) {
  return !!(obj && typeof obj.pipe === 'function' && typeof obj.on === 'function'
    && (!strict || (typeof obj.pause === 'function' && typeof obj.resume === 'function'))
    && (!obj._writableState || (obj._readableState && obj._readableState.readable !== false))
    && (!obj._writableState || obj._readableState));
}

function isWritableNodeStream(obj) {
  return !!(obj && typeof obj.write === 'function' && typeof obj.on === 'function'
    && (!obj._readableState || (obj._writableState && obj._writableState.writable !== false)));
}

function isNodeStream(obj) {
  return !!(obj && (obj._readableState || obj._writableState
    || (typeof obj.write === 'function' && typeof obj.on === 'function')
    || (typeof obj.pipe === 'function' && typeof obj.on === 'function')));
}

function isIterable(obj, isAsync) {
  if (obj === null || obj === undefined) {
    return false;
  }
  if (isAsync === true) {
    return typeof obj[Symbol.asyncIterator] === 'function';
  }
  if (isAsync === false) {
    return typeof obj[Symbol.iterator] === 'function';
  }
  return typeof obj[Symbol.asyncIterator] === 'function' || typeof obj[Symbol.iterator] === 'function';
}

function isDestroyed(stream) {
  if (!isNodeStream(stream)) {
    return null;
  }
  const state = stream._writableState || stream._readableState;
  return !!(stream.destroyed || stream[kIsDestroyed] || (state && state.destroyed));
}

function isWritableEnded(stream) {
  if (!isWritableNodeStream(stream)) {
    return null;
  }
  if (stream.writableEnded === true) {
    return true;
  }
  const w = stream._writableState;
  if (w && w.errored) {
    return false;
  }
  if (!w || typeof w.ended !== 'boolean') {
    return null;
  }
  return w.ended;
}

function isWritableFinished(stream, strict) {
  if (!isWritableNodeStream(stream)) {
    return null;
  }
  if (stream.writableFinished === true) {
    return true;
  }
  const w = stream._writableState;
  if (w && w.errored) {
    return false;
  }
  if (!w || typeof w.finished !== 'boolean') {
    return null;
  }
  return !!(w.finished || (strict === false && w.ended === true && w.length === 0));
}

function isReadableFinished(stream, strict) {
  if (!isReadableNodeStream(stream)) {
    return null;
  }
  const r = stream._readableState;
  if (r && r.errored) {
    return false;
  }
  if (!r || typeof r.endEmitted !== 'boolean') {
    return null;
  }
  return !!(r.endEmitted || (strict === false && r.ended === true && r.length === 0));
}

function isReadable(stream) {
  if (!stream || typeof stream.readable !== 'boolean') {
    return null;
  }
  if (isDestroyed(stream)) {
    return false;
  }
  return isReadableNodeStream(stream) && stream.readable && !isReadableFinished(stream);
}

function isWritable(stream) {
  if (!stream || typeof stream.writable !== 'boolean') {
    return null;
  }
  if (isDestroyed(stream)) {
    return false;
  }
  return isWritableNodeStream(stream) && stream.writable && !isWritableEnded(stream);
}

function isFinished(stream, opts) {
  if (!isNodeStream(stream)) {
    return null;
  }
  if (isDestroyed(stream)) {
    return true;
  }
  if ((!opts || opts.readable !== false) && isReadable(stream)) {
    return false;
  }
  if ((!opts || opts.writable !== false) && isWritable(stream)) {
    return false;
  }
  return true;
}

function isClosed(stream) {
  if (!isNodeStream(stream)) {
    return null;
  }
  const w = stream._writableState;
  const r = stream._readableState;
  if ((w && typeof w.closed === 'boolean') || (r && typeof r.closed === 'boolean')) {
    return (w && w.closed) || (r && r.closed);
  }
  return null;
}

function willEmitClose(stream) {
  if (!isNodeStream(stream)) {
    return null;
  }
  const state = stream._writableState || stream._readableState;
  return !!(state && state.autoDestroy && state.emitClose && state.closed === false);
}

function writableErrored(stream) {
  if (stream.writableErrored !== undefined && stream.writableErrored !== null) {
    return stream.writableErrored;
  }
  const w = stream._writableState;
  return w && w.errored !== undefined && w.errored !== null ? w.errored : null;
}

function readableErrored(stream) {
  if (stream.readableErrored !== undefined && stream.readableErrored !== null) {
    return stream.readableErrored;
  }
  const r = stream._readableState;
  return r && r.errored !== undefined && r.errored !== null ? r.errored : null;
}

/** The first of these that is known (not null or undefined) says: a stream whose error was not yet emitted is not errored. */
function isErrored(stream) {
  if (!stream) {
    return false;
  }
  const r = stream._readableState;
  const w = stream._writableState;
  for (const v of [stream.readableErrored, stream.writableErrored, r && r.errorEmitted, w && w.errorEmitted,
    r && r.errored, w && w.errored]) {
    if (v !== undefined && v !== null) {
      return !!v;
    }
  }
  return false;
}

function isDisturbed(stream) {
  return !!(stream && (stream.readableDidRead || stream.readableAborted));
}

// ---------------------------------------------------------------- destroy, shared by both sides

function recordError(err, w, r) {
  if (err) {
    if (w && !w.errored) {
      w.errored = err;
    }
    if (r && !r.errored) {
      r.errored = err;
    }
  }
}

/** stream.destroy(err, cb): closes now; 'error' (when err) and 'close' follow on a tick. */
function destroy(err, cb) {
  const r = this._readableState;
  const w = this._writableState;
  const s = w || r;
  if ((w && w.destroyed) || (r && r.destroyed)) {
    if (typeof cb === 'function') {
      cb();
    }
    return this;
  }
  recordError(err, w, r);
  if (w) {
    w.destroyed = true;
  }
  if (r) {
    r.destroyed = true;
  }
  if (!s.constructed) {
    // _construct has not called back yet: _destroy waits for it.
    this.once(kDestroy, function (er) {
      callDestroy(this, aggregateTwoErrors(er, err), cb);
    });
  } else {
    callDestroy(this, err, cb);
  }
  return this;
}

function callDestroy(self, err, cb) {
  let called = false;
  function onDestroy(err) {
    if (called) {
      return;
    }
    called = true;
    const r = self._readableState;
    const w = self._writableState;
    recordError(err, w, r);
    if (w) {
      w.closed = true;
    }
    if (r) {
      r.closed = true;
    }
    if (typeof cb === 'function') {
      cb(err);
    }
    if (err) {
      nextTick(emitErrorCloseNT, self, err);
    } else {
      nextTick(emitCloseNT, self);
    }
  }
  try {
    self._destroy(err || null, onDestroy);
  } catch (e) {
    onDestroy(e);
  }
}

function emitErrorCloseNT(self, err) {
  emitErrorNT(self, err);
  emitCloseNT(self);
}

function emitCloseNT(self) {
  const r = self._readableState;
  const w = self._writableState;
  if (w) {
    w.closeEmitted = true;
  }
  if (r) {
    r.closeEmitted = true;
  }
  if ((w && w.emitClose) || (r && r.emitClose)) {
    self.emit('close');
  }
}

function emitErrorNT(self, err) {
  const r = self._readableState;
  const w = self._writableState;
  if ((w && w.errorEmitted) || (r && r.errorEmitted)) {
    return; // one 'error' per stream
  }
  if (w) {
    w.errorEmitted = true;
  }
  if (r) {
    r.errorEmitted = true;
  }
  self.emit('error', err);
}

function undestroy() {
  const r = this._readableState;
  const w = this._writableState;
  if (r) {
    r.constructed = true;
    r.closed = false;
    r.closeEmitted = false;
    r.destroyed = false;
    r.errored = null;
    r.errorEmitted = false;
    r.reading = false;
    r.ended = r.readable === false;
    r.endEmitted = r.readable === false;
  }
  if (w) {
    w.constructed = true;
    w.destroyed = false;
    w.closed = false;
    w.closeEmitted = false;
    w.errored = null;
    w.errorEmitted = false;
    w.finalCalled = false;
    w.prefinished = false;
    w.ended = w.writable === false;
    w.ending = w.writable === false;
    w.finished = w.writable === false;
  }
}

/** An error from inside the stream: destroys it when autoDestroy, else only emits 'error'. */
function errorOrDestroy(stream, err, sync) {
  const r = stream._readableState;
  const w = stream._writableState;
  if ((w && w.destroyed) || (r && r.destroyed)) {
    return;
  }
  if ((r && r.autoDestroy) || (w && w.autoDestroy)) {
    stream.destroy(err);
  } else if (err) {
    recordError(err, w, r);
    if (sync) {
      nextTick(emitErrorNT, stream, err);
    } else {
      emitErrorNT(stream, err);
    }
  }
}

/** Runs _construct (on a tick) when the stream has one; reads and writes wait for its callback. */
function construct(stream, cb) {
  if (typeof stream._construct !== 'function') {
    return;
  }
  const r = stream._readableState;
  const w = stream._writableState;
  if (r) {
    r.constructed = false;
  }
  if (w) {
    w.constructed = false;
  }
  stream.once(kConstruct, cb);
  if (stream.listenerCount(kConstruct) > 1) {
    return; // a Duplex: the Readable side has started it already
  }
  nextTick(constructNT, stream);
}

function constructNT(stream) {
  let called = false;
  function onConstruct(err) {
    if (called) {
      errorOrDestroy(stream, err !== undefined && err !== null ? err : errors.multipleCallback());
      return;
    }
    called = true;
    const r = stream._readableState;
    const w = stream._writableState;
    const s = w || r;
    if (r) {
      r.constructed = true;
    }
    if (w) {
      w.constructed = true;
    }
    if (s.destroyed) {
      stream.emit(kDestroy, err);
    } else if (err) {
      errorOrDestroy(stream, err, true);
    } else {
      nextTick(() => stream.emit(kConstruct));
    }
  }
  try {
    stream._construct((err) => {
      nextTick(onConstruct, err);
    });
  } catch (err) {
    nextTick(onConstruct, err);
  }
}

/** Destroys any stream-like object (pipeline and the async iterator use it). */
function destroyer(stream, err) {
  if (!stream || isDestroyed(stream)) {
    return;
  }
  if (!err && !isFinished(stream)) {
    err = new AbortError();
  }
  if (typeof stream.destroy === 'function') {
    stream.destroy(err);
  } else if (typeof stream.close === 'function') {
    stream.close();
  } else if (err) {
    nextTick((s, e) => s.emit('error', e), stream, err);
  } else {
    nextTick((s) => s.emit('close'), stream);
  }
  if (!stream.destroyed) {
    stream[kIsDestroyed] = true;
  }
}

// ---------------------------------------------------------------- options

let defaultHighWaterMarkBytes = 16 * 1024;
let defaultHighWaterMarkObjects = 16;

function getDefaultHighWaterMark(objectMode) {
  return objectMode ? defaultHighWaterMarkObjects : defaultHighWaterMarkBytes;
}

function setDefaultHighWaterMark(objectMode, value) {
  if (!Number.isInteger(value) || value < 0) {
    throw codeError(RangeError, 'ERR_OUT_OF_RANGE',
      'The value of "value" is out of range. It must be >= 0. Received ' + value);
  }
  if (objectMode) {
    defaultHighWaterMarkObjects = value;
  } else {
    defaultHighWaterMarkBytes = value;
  }
}

function getHighWaterMark(objectMode, options, duplexKey, isDuplex) {
  let hwm = options.highWaterMark;
  if (hwm === undefined || hwm === null) {
    hwm = isDuplex ? options[duplexKey] : null;
  }
  if (hwm !== undefined && hwm !== null) {
    if (!Number.isInteger(hwm) || hwm < 0) {
      const name = isDuplex ? 'options.' + duplexKey : 'options.highWaterMark';
      throw codeError(TypeError, 'ERR_INVALID_ARG_VALUE',
        "The property '" + name + "' is invalid. Received " + require('util').inspect(hwm));
    }
    return Math.floor(hwm);
  }
  return getDefaultHighWaterMark(objectMode);
}

/** A Uint8Array that is not a Buffer, seen as one (sharing its memory). */
function toBuffer(u8) {
  return Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength);
}

// ---------------------------------------------------------------- Readable

/**
 * The chunks a Readable holds: a queue with O(1) shift (a stream of many small objects would
 * otherwise spend its time moving an array along).
 */
class ChunkList {
  constructor() {
    this.items = [];
    this.head = 0;
  }

  get length() {
    return this.items.length - this.head;
  }

  push(chunk) {
    this.items.push(chunk);
  }

  unshift(chunk) {
    if (this.head > 0) {
      this.items[--this.head] = chunk;
    } else {
      this.items.unshift(chunk);
    }
  }

  first() {
    return this.items[this.head];
  }

  setFirst(chunk) {
    this.items[this.head] = chunk;
  }

  shift() {
    if (this.head >= this.items.length) {
      return undefined;
    }
    const chunk = this.items[this.head];
    this.items[this.head++] = undefined;
    if (this.head === this.items.length) {
      this.clear();
    } else if (this.head >= 1024 && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return chunk;
  }

  clear() {
    this.items = [];
    this.head = 0;
  }

  toArray() {
    return this.items.slice(this.head);
  }

  [Symbol.iterator]() {
    return this.toArray()[Symbol.iterator]();
  }
}

function ReadableState(options, stream, isDuplex) {
  if (typeof isDuplex !== 'boolean') {
    isDuplex = stream instanceof Duplex;
  }
  this.objectMode = !!(options && options.objectMode) || (isDuplex && !!(options && options.readableObjectMode));
  this.highWaterMark = options
    ? getHighWaterMark(this.objectMode, options, 'readableHighWaterMark', isDuplex)
    : getDefaultHighWaterMark(this.objectMode);
  this.buffer = new ChunkList(); // chunks: Buffers, strings (with a decoder) or objects
  this.length = 0; // bytes, characters or objects in buffer
  this.pipes = [];
  this.flowing = null; // null: nobody asked yet; true: 'data' mode; false: paused
  this.ended = false; // push(null) happened
  this.endEmitted = false;
  this.reading = false; // _read is under way
  this.constructed = true;
  // True while _read runs: a push() then only buffers, and 'readable' waits for a tick.
  this.sync = true;
  this.needReadable = false;
  this.emittedReadable = false;
  this.readableListening = false;
  this.resumeScheduled = false;
  this[kPaused] = null;
  this.errorEmitted = false;
  this.emitClose = !options || options.emitClose !== false;
  this.autoDestroy = !options || options.autoDestroy !== false;
  this.destroyed = false;
  this.errored = null;
  this.closed = false;
  this.closeEmitted = false;
  this.defaultEncoding = (options && options.defaultEncoding) || 'utf8';
  // The writers this stream pipes to that asked it to wait for 'drain'.
  this.awaitDrainWriters = null;
  this.multiAwaitDrain = false;
  this.readingMore = false;
  this.dataEmitted = false;
  this.decoder = null;
  this.encoding = null;
  if (options && options.encoding) {
    this.decoder = newDecoder(options.encoding);
    this.encoding = options.encoding;
  }
}

Object.defineProperty(ReadableState.prototype, 'pipesCount', {
  get() { return this.pipes.length; },
});
Object.defineProperty(ReadableState.prototype, 'paused', {
  get() { return this[kPaused] !== false; },
  set(value) { this[kPaused] = !!value; },
});

function Readable(options) {
  if (!(this instanceof Readable)) {
    return new Readable(options);
  }
  const isDuplex = this instanceof Duplex;
  this._readableState = new ReadableState(options, this, isDuplex);
  if (options) {
    if (typeof options.read === 'function') {
      this._read = options.read;
    }
    if (typeof options.destroy === 'function') {
      this._destroy = options.destroy;
    }
    if (typeof options.construct === 'function') {
      this._construct = options.construct;
    }
    if (options.signal && !isDuplex) {
      addAbortSignal(options.signal, this);
    }
  }
  Stream.call(this, options);
  construct(this, () => {
    if (this._readableState.needReadable) {
      maybeReadMore(this, this._readableState);
    }
  });
}
Object.setPrototypeOf(Readable.prototype, Stream.prototype);
Object.setPrototypeOf(Readable, Stream);

Readable.ReadableState = ReadableState;
Readable.prototype.destroy = destroy;
Readable.prototype._undestroy = undestroy;
Readable.prototype._destroy = function _destroy(err, cb) {
  cb(err);
};
// With captureRejections, a listener's rejected promise destroys the stream.
Readable.prototype[Symbol.for('nodejs.rejection')] = function (err) {
  this.destroy(err);
};

Readable.prototype.push = function push(chunk, encoding) {
  return addChunkFrom(this, chunk, encoding, false);
};

Readable.prototype.unshift = function unshift(chunk, encoding) {
  return addChunkFrom(this, chunk, encoding, true);
};

/** push() and unshift(): checks the chunk, then buffers it or hands it to 'data' at once. */
function addChunkFrom(stream, chunk, encoding, addToFront) {
  const state = stream._readableState;
  let err;
  if (!state.objectMode) {
    if (typeof chunk === 'string') {
      encoding = encoding || state.defaultEncoding;
      if (state.encoding !== encoding) {
        if (addToFront && state.encoding) {
          // Unshifted text goes back in the stream's own encoding, as read() gave it out.
          chunk = Buffer.from(chunk, encoding).toString(state.encoding);
        } else {
          chunk = Buffer.from(chunk, encoding);
          encoding = '';
        }
      }
    } else if (chunk instanceof Buffer) {
      encoding = '';
    } else if (chunk instanceof Uint8Array) {
      chunk = toBuffer(chunk);
      encoding = '';
    } else if (chunk !== null && chunk !== undefined) {
      err = errors.chunkType(chunk);
    }
  }

  if (err) {
    errorOrDestroy(stream, err);
  } else if (chunk === null) {
    state.reading = false;
    onEofChunk(stream, state);
  } else if (state.objectMode || (chunk && chunk.length > 0)) {
    if (addToFront) {
      if (state.endEmitted) {
        errorOrDestroy(stream, errors.unshiftAfterEnd());
      } else if (state.destroyed || state.errored) {
        return false;
      } else {
        addChunk(stream, state, chunk, true);
      }
    } else if (state.ended) {
      errorOrDestroy(stream, errors.pushAfterEOF());
    } else if (state.destroyed || state.errored) {
      return false;
    } else {
      state.reading = false;
      if (state.decoder && !encoding) {
        chunk = state.decoder.write(chunk);
        if (state.objectMode || chunk.length !== 0) {
          addChunk(stream, state, chunk, false);
        } else {
          maybeReadMore(stream, state);
        }
      } else {
        addChunk(stream, state, chunk, false);
      }
    }
  } else if (!addToFront) {
    // An empty chunk: _read is done for now and may be asked again.
    state.reading = false;
    maybeReadMore(stream, state);
  }
  // Room for more: below highWaterMark, or nothing buffered at all (highWaterMark 0).
  return !state.ended && (state.length < state.highWaterMark || state.length === 0);
}

function addChunk(stream, state, chunk, addToFront) {
  if (state.flowing && state.length === 0 && !state.sync && stream.listenerCount('data') > 0) {
    // Flowing with nothing buffered, pushed from outside _read: straight to 'data'.
    clearAwaitDrain(state);
    state.dataEmitted = true;
    stream.emit('data', chunk);
  } else {
    state.length += state.objectMode ? 1 : chunk.length;
    if (addToFront) {
      state.buffer.unshift(chunk);
    } else {
      state.buffer.push(chunk);
    }
    if (state.needReadable) {
      emitReadable(stream);
    }
  }
  maybeReadMore(stream, state);
}

function clearAwaitDrain(state) {
  if (state.multiAwaitDrain) {
    state.awaitDrainWriters.clear();
  } else {
    state.awaitDrainWriters = null;
  }
}

Readable.prototype.isPaused = function isPaused() {
  const state = this._readableState;
  return state[kPaused] === true || state.flowing === false;
};

Readable.prototype.setEncoding = function setEncoding(enc) {
  const decoder = newDecoder(enc);
  const state = this._readableState;
  state.decoder = decoder;
  state.encoding = decoder.encoding;
  // What is buffered already is given out as text from now on.
  let content = '';
  for (const data of state.buffer) {
    content += decoder.write(data);
  }
  state.buffer.clear();
  if (content !== '') {
    state.buffer.push(content);
  }
  state.length = content.length;
  return this;
};

const MAX_HWM = 0x40000000;
function computeNewHighWaterMark(n) {
  if (n > MAX_HWM) {
    throw codeError(RangeError, 'ERR_OUT_OF_RANGE',
      'The value of "size" is out of range. It must be <= 1GiB. Received ' + n);
  }
  // The next power of two, to avoid raising it a little at a time.
  let p = 1;
  while (p < n) {
    p *= 2;
  }
  return p;
}

/** How much read(n) gives out: all of it for read(), the first chunk when flowing. */
function howMuchToRead(n, state) {
  if (n <= 0 || (state.length === 0 && state.ended)) {
    return 0;
  }
  if (state.objectMode) {
    return 1;
  }
  if (Number.isNaN(n)) {
    if (state.flowing && state.length) {
      return state.buffer.first().length;
    }
    return state.length;
  }
  if (n <= state.length) {
    return n;
  }
  return state.ended ? state.length : 0;
}

Readable.prototype.read = function read(n) {
  if (n === undefined) {
    n = NaN;
  } else if (!Number.isInteger(n)) {
    n = Number.parseInt(n, 10);
  }
  const state = this._readableState;
  const nOrig = n;

  if (n > state.highWaterMark) {
    state.highWaterMark = computeNewHighWaterMark(n);
  }
  if (n !== 0) {
    state.emittedReadable = false;
  }

  // read(0) with enough buffered (or the end reached): only a 'readable' (or 'end') is due.
  if (n === 0 && state.needReadable
      && ((state.highWaterMark !== 0 ? state.length >= state.highWaterMark : state.length > 0) || state.ended)) {
    if (state.length === 0 && state.ended) {
      endReadable(this);
    } else {
      emitReadable(this);
    }
    return null;
  }

  n = howMuchToRead(n, state);

  if (n === 0 && state.ended) {
    if (state.length === 0) {
      endReadable(this);
    }
    return null;
  }

  // Ask _read for more when below highWaterMark after this read, unless it is already at it,
  // the stream has ended, or it cannot read (destroyed, errored, not constructed yet).
  let doRead = state.needReadable;
  if (state.length === 0 || state.length - n < state.highWaterMark) {
    doRead = true;
  }
  if (state.ended || state.reading || state.destroyed || state.errored || !state.constructed) {
    doRead = false;
  } else if (doRead) {
    state.reading = true;
    state.sync = true;
    if (state.length === 0) {
      state.needReadable = true;
    }
    try {
      this._read(state.highWaterMark);
    } catch (err) {
      errorOrDestroy(this, err);
    }
    state.sync = false;
    // _read may have pushed synchronously: what to give out is worked out again.
    if (!state.reading) {
      n = howMuchToRead(nOrig, state);
    }
  }

  let ret = n > 0 ? fromList(n, state) : null;
  if (ret === null) {
    state.needReadable = state.length <= state.highWaterMark;
    n = 0;
  } else {
    state.length -= n;
    clearAwaitDrain(state);
  }

  if (state.length === 0) {
    if (!state.ended) {
      state.needReadable = true;
    }
    if (nOrig !== n && state.ended) {
      endReadable(this);
    }
  }

  if (ret !== null && !state.errorEmitted && !state.closeEmitted) {
    state.dataEmitted = true;
    this.emit('data', ret);
  }
  return ret;
};

/** Takes n bytes, characters or one object from the front of the buffer. */
function fromList(n, state) {
  if (state.length === 0) {
    return null;
  }
  const buffer = state.buffer;
  let ret;
  if (state.objectMode) {
    ret = buffer.shift();
  } else if (!n || n >= state.length) {
    if (state.decoder) {
      ret = buffer.toArray().join('');
    } else if (buffer.length === 1) {
      ret = buffer.first();
    } else {
      ret = Buffer.concat(buffer.toArray(), state.length);
    }
    buffer.clear();
  } else {
    ret = consume(n, buffer, typeof buffer.first() === 'string');
  }
  return ret;
}

function consume(n, buffer, text) {
  const first = buffer.first();
  if (n < first.length) {
    buffer.setFirst(first.slice(n));
    return first.slice(0, n);
  }
  if (n === first.length) {
    return buffer.shift();
  }
  if (text) {
    let out = '';
    while (n > 0) {
      const s = buffer.first();
      if (n >= s.length) {
        out += s;
        n -= s.length;
        buffer.shift();
      } else {
        out += s.slice(0, n);
        buffer.setFirst(s.slice(n));
        n = 0;
      }
    }
    return out;
  }
  const out = Buffer.allocUnsafe(n);
  let at = 0;
  while (at < n) {
    const b = buffer.first();
    const take = Math.min(b.length, n - at);
    out.set(take === b.length ? b : b.subarray(0, take), at);
    at += take;
    if (take === b.length) {
      buffer.shift();
    } else {
      buffer.setFirst(b.subarray(take));
    }
  }
  return out;
}

function onEofChunk(stream, state) {
  if (state.ended) {
    return;
  }
  if (state.decoder) {
    const chunk = state.decoder.end();
    if (chunk && chunk.length) {
      state.buffer.push(chunk);
      state.length += state.objectMode ? 1 : chunk.length;
    }
  }
  state.ended = true;
  if (state.sync) {
    // Pushed from inside _read: 'readable' on a tick.
    emitReadable(stream);
  } else {
    // From outside: at once, so that a flowing stream gives out the rest and ends now.
    state.needReadable = false;
    state.emittedReadable = true;
    emitReadableNow(stream);
  }
}

function emitReadable(stream) {
  const state = stream._readableState;
  state.needReadable = false;
  if (!state.emittedReadable) {
    state.emittedReadable = true;
    nextTick(emitReadableNow, stream);
  }
}

function emitReadableNow(stream) {
  const state = stream._readableState;
  if (!state.destroyed && !state.errored && (state.length || state.ended)) {
    stream.emit('readable');
    state.emittedReadable = false;
  }
  // Another 'readable' is wanted once the buffer drops to highWaterMark, unless flowing.
  state.needReadable = !state.flowing && !state.ended && state.length <= state.highWaterMark;
  flow(stream);
}

/** Fills the buffer up to highWaterMark on a tick, by calls to read(0) while they add something. */
function maybeReadMore(stream, state) {
  if (!state.readingMore && state.constructed) {
    state.readingMore = true;
    nextTick(maybeReadMoreNow, stream, state);
  }
}

function maybeReadMoreNow(stream, state) {
  while (!state.reading && !state.ended
      && (state.length < state.highWaterMark || (state.flowing && state.length === 0))) {
    const len = state.length;
    stream.read(0);
    if (len === state.length) {
      break; // _read gave nothing synchronously
    }
  }
  state.readingMore = false;
}

Readable.prototype._read = function _read(n) {
  throw errors.notImplemented('_read()');
};

Readable.prototype.pipe = function pipe(dest, pipeOpts) {
  const src = this;
  const state = this._readableState;

  if (state.pipes.length === 1 && !state.multiAwaitDrain) {
    // A second destination: each may ask to wait for its drain.
    state.multiAwaitDrain = true;
    state.awaitDrainWriters = new Set(state.awaitDrainWriters ? [state.awaitDrainWriters] : []);
  }
  state.pipes.push(dest);

  const doEnd = (!pipeOpts || pipeOpts.end !== false) && dest !== process.stdout && dest !== process.stderr;
  const endFn = doEnd ? onend : unpipe;
  if (state.endEmitted) {
    nextTick(endFn);
  } else {
    src.once('end', endFn);
  }

  dest.on('unpipe', onunpipe);
  function onunpipe(readable, unpipeInfo) {
    if (readable === src && unpipeInfo && unpipeInfo.hasUnpiped === false) {
      unpipeInfo.hasUnpiped = true;
      cleanup();
    }
  }

  function onend() {
    dest.end();
  }

  let ondrain;
  let cleanedUp = false;
  function cleanup() {
    dest.removeListener('close', onclose);
    dest.removeListener('finish', onfinish);
    if (ondrain) {
      dest.removeListener('drain', ondrain);
    }
    dest.removeListener('error', onerror);
    dest.removeListener('unpipe', onunpipe);
    src.removeListener('end', onend);
    src.removeListener('end', unpipe);
    src.removeListener('data', ondata);
    cleanedUp = true;
    // If this destination was being waited on, it will not drain for us any more.
    if (ondrain && state.awaitDrainWriters && (!dest._writableState || dest._writableState.needDrain)) {
      ondrain();
    }
  }

  function pause() {
    // An unpipe during dest.write() must not leave the source paused for good.
    if (!cleanedUp) {
      if (state.pipes.length === 1 && state.pipes[0] === dest) {
        state.awaitDrainWriters = dest;
        state.multiAwaitDrain = false;
      } else if (state.pipes.length > 1 && state.pipes.includes(dest)) {
        state.awaitDrainWriters.add(dest);
      }
      src.pause();
    }
    if (!ondrain) {
      ondrain = pipeOnDrain(src, dest);
      dest.on('drain', ondrain);
    }
  }

  src.on('data', ondata);
  function ondata(chunk) {
    if (dest.write(chunk) === false) {
      pause();
    }
  }

  // An error on the destination unpipes; it is rethrown when nobody else listens.
  function onerror(er) {
    unpipe();
    dest.removeListener('error', onerror);
    if (dest.listenerCount('error') === 0) {
      const s = dest._writableState || dest._readableState;
      if (s && !s.errorEmitted) {
        errorOrDestroy(dest, er);
      } else {
        dest.emit('error', er);
      }
    }
  }
  prependListener(dest, 'error', onerror);

  function onclose() {
    dest.removeListener('finish', onfinish);
    unpipe();
  }
  dest.once('close', onclose);
  function onfinish() {
    dest.removeListener('close', onclose);
    unpipe();
  }
  dest.once('finish', onfinish);

  function unpipe() {
    src.unpipe(dest);
  }

  dest.emit('pipe', src);

  if (dest.writableNeedDrain === true) {
    pause();
  } else if (!state.flowing) {
    src.resume();
  }
  return dest;
};

function pipeOnDrain(src, dest) {
  return function pipeOnDrainFunctionResult() {
    const state = src._readableState;
    if (state.awaitDrainWriters === dest) {
      state.awaitDrainWriters = null;
    } else if (state.multiAwaitDrain) {
      state.awaitDrainWriters.delete(dest);
    }
    if ((!state.awaitDrainWriters || state.awaitDrainWriters.size === 0) && src.listenerCount('data')) {
      src.resume();
    }
  };
}

Readable.prototype.unpipe = function unpipe(dest) {
  const state = this._readableState;
  const unpipeInfo = { hasUnpiped: false };
  if (state.pipes.length === 0) {
    return this;
  }
  if (!dest) {
    const dests = state.pipes;
    state.pipes = [];
    this.pause();
    for (let i = 0; i < dests.length; i++) {
      dests[i].emit('unpipe', this, { hasUnpiped: false });
    }
    return this;
  }
  const index = state.pipes.indexOf(dest);
  if (index === -1) {
    return this;
  }
  state.pipes.splice(index, 1);
  if (state.pipes.length === 0) {
    this.pause();
  }
  dest.emit('unpipe', this, unpipeInfo);
  return this;
};

// Adding a 'data' listener starts the flow; a 'readable' listener stops it (read() is then
// the way to take data out).
Readable.prototype.on = function on(ev, fn) {
  const res = Stream.prototype.on.call(this, ev, fn);
  const state = this._readableState;
  if (ev === 'data') {
    state.readableListening = this.listenerCount('readable') > 0;
    if (state.flowing !== false) {
      this.resume();
    }
  } else if (ev === 'readable') {
    if (!state.endEmitted && !state.readableListening) {
      state.readableListening = state.needReadable = true;
      state.flowing = false;
      state.emittedReadable = false;
      if (state.length) {
        emitReadable(this);
      } else if (!state.reading) {
        nextTick(nReadingNextTick, this);
      }
    }
  }
  return res;
};
Readable.prototype.addListener = Readable.prototype.on;

Readable.prototype.removeListener = function removeListener(ev, fn) {
  const res = Stream.prototype.removeListener.call(this, ev, fn);
  if (ev === 'readable') {
    // On a tick: a 'readable' listener may be swapped for another in the same turn.
    nextTick(updateReadableListening, this);
  }
  return res;
};
Readable.prototype.off = Readable.prototype.removeListener;

Readable.prototype.removeAllListeners = function removeAllListeners(ev) {
  const res = Stream.prototype.removeAllListeners.apply(this, arguments);
  if (ev === 'readable' || ev === undefined) {
    nextTick(updateReadableListening, this);
  }
  return res;
};

function updateReadableListening(self) {
  const state = self._readableState;
  state.readableListening = self.listenerCount('readable') > 0;
  if (state.resumeScheduled && state[kPaused] === false) {
    state.flowing = true;
  } else if (self.listenerCount('data') > 0) {
    self.resume();
  } else if (!state.readableListening) {
    state.flowing = null;
  }
}

function nReadingNextTick(self) {
  self.read(0);
}

Readable.prototype.resume = function resume() {
  const state = this._readableState;
  if (!state.flowing) {
    // With a 'readable' listener the stream does not flow, but resume() is still noted.
    state.flowing = !state.readableListening;
    if (!state.resumeScheduled) {
      state.resumeScheduled = true;
      nextTick(resumeNow, this, state);
    }
  }
  state[kPaused] = false;
  return this;
};

function resumeNow(stream, state) {
  if (!state.reading) {
    stream.read(0);
  }
  state.resumeScheduled = false;
  stream.emit('resume');
  flow(stream);
  if (state.flowing && !state.reading) {
    stream.read(0);
  }
}

Readable.prototype.pause = function pause() {
  const state = this._readableState;
  if (state.flowing !== false) {
    state.flowing = false;
    this.emit('pause');
  }
  state[kPaused] = true;
  return this;
};

function flow(stream) {
  const state = stream._readableState;
  while (state.flowing && stream.read() !== null);
}

/** wrap(): a Readable over an old-style stream that emits 'data' and 'end'. */
Readable.prototype.wrap = function wrap(stream) {
  let paused = false;
  stream.on('data', (chunk) => {
    if (!this.push(chunk) && stream.pause) {
      paused = true;
      stream.pause();
    }
  });
  stream.on('end', () => {
    this.push(null);
  });
  stream.on('error', (err) => {
    errorOrDestroy(this, err);
  });
  stream.on('close', () => {
    this.destroy();
  });
  stream.on('destroy', () => {
    this.destroy();
  });
  this._read = () => {
    if (paused && stream.resume) {
      paused = false;
      stream.resume();
    }
  };
  for (const key of Object.keys(stream)) {
    if (this[key] === undefined && typeof stream[key] === 'function') {
      this[key] = stream[key].bind(stream);
    }
  }
  return this;
};

function endReadable(stream) {
  const state = stream._readableState;
  if (!state.endEmitted) {
    state.ended = true;
    nextTick(endReadableNT, state, stream);
  }
}

function endReadableNT(state, stream) {
  if (!state.errored && !state.closeEmitted && !state.endEmitted && state.length === 0) {
    state.endEmitted = true;
    stream.emit('end');
    if (stream.writable && stream.allowHalfOpen === false) {
      nextTick(endWritableNT, stream);
    } else if (state.autoDestroy) {
      // A Duplex is destroyed when its writable side is done too.
      const w = stream._writableState;
      const autoDestroy = !w || (w.autoDestroy && (w.finished || w.writable === false));
      if (autoDestroy) {
        stream.destroy();
      }
    }
  }
}

function endWritableNT(stream) {
  const writable = stream.writable && !stream.writableEnded && !stream.destroyed;
  if (writable) {
    stream.end();
  }
}

function defineGetters(proto, getters) {
  for (const name of Object.keys(getters)) {
    const g = getters[name];
    Object.defineProperty(proto, name, {
      enumerable: false,
      configurable: true,
      get: typeof g === 'function' ? g : g.get,
      set: typeof g === 'function' ? undefined : g.set,
    });
  }
}

defineGetters(Readable.prototype, {
  readable: {
    get() {
      const r = this._readableState;
      return !!r && r.readable !== false && !r.destroyed && !r.errorEmitted && !r.endEmitted;
    },
    set(val) {
      if (this._readableState) {
        this._readableState.readable = !!val;
      }
    },
  },
  readableDidRead() { return this._readableState.dataEmitted; },
  readableAborted() {
    const r = this._readableState;
    return !!(r.readable !== false && (r.destroyed || r.errored) && !r.endEmitted);
  },
  readableHighWaterMark() { return this._readableState.highWaterMark; },
  readableBuffer() { return this._readableState && this._readableState.buffer; },
  readableFlowing: {
    get() { return this._readableState.flowing; },
    set(state) {
      if (this._readableState) {
        this._readableState.flowing = state;
      }
    },
  },
  readableLength() { return this._readableState.length; },
  readableObjectMode() { return this._readableState ? this._readableState.objectMode : false; },
  readableEncoding() { return this._readableState ? this._readableState.encoding : null; },
  errored() { return this._readableState ? this._readableState.errored : null; },
  closed() { return this._readableState ? this._readableState.closed : false; },
  destroyed: {
    get() { return this._readableState ? this._readableState.destroyed : false; },
    set(value) {
      if (this._readableState) {
        this._readableState.destroyed = value;
      }
    },
  },
  readableEnded() { return this._readableState ? this._readableState.endEmitted : false; },
});

Readable.prototype[Symbol.asyncIterator] = function () {
  return streamToAsyncIterator(this);
};

Readable.prototype.iterator = function iterator(options) {
  return streamToAsyncIterator(this, options);
};

function streamToAsyncIterator(stream, options) {
  if (typeof stream.read !== 'function') {
    stream = Readable.wrap(stream, { objectMode: true });
  }
  const iter = createAsyncIterator(stream, options);
  iter.stream = stream;
  return iter;
}

/** for await over a Readable: read() what is buffered, wait for 'readable' or the end. */
async function* createAsyncIterator(stream, options) {
  let callback = nop;
  // As 'readable' listener (this === stream) it wakes the waiting loop; in the Promise it waits.
  function next(resolve) {
    if (this === stream) {
      callback();
      callback = nop;
    } else {
      callback = resolve;
    }
  }
  stream.on('readable', next);

  let error; // undefined: not finished; null: finished without error
  const cleanup = eos(stream, { writable: false }, (err) => {
    error = err ? aggregateTwoErrors(error, err) : null;
    callback();
    callback = nop;
  });

  try {
    while (true) {
      const chunk = stream.destroyed ? null : stream.read();
      if (chunk !== null) {
        yield chunk;
      } else if (error) {
        throw error;
      } else if (error === null) {
        return;
      } else {
        await new Promise(next);
      }
    }
  } catch (err) {
    error = aggregateTwoErrors(error, err);
    throw error;
  } finally {
    if ((error || !options || options.destroyOnReturn !== false)
        && (error === undefined || stream._readableState.autoDestroy)) {
      destroyer(stream, null);
    } else {
      stream.off('readable', next);
      cleanup();
    }
  }
}

/** A Readable over an old-style stream; in object mode unless the stream says otherwise. */
Readable.wrap = function (src, options) {
  let objectMode = src.readableObjectMode;
  if (objectMode === undefined || objectMode === null) {
    objectMode = src.objectMode;
  }
  if (objectMode === undefined || objectMode === null) {
    objectMode = true;
  }
  return new Readable({
    objectMode,
    ...options,
    destroy(err, callback) {
      destroyer(src, err);
      callback(err);
    },
  }).wrap(src);
};

Readable.from = function (iterable, opts) {
  return from(Readable, iterable, opts);
};

/** Readable.from: a Readable (objectMode, highWaterMark 1) over an iterable or async iterable. */
function from(ReadableCtor, iterable, opts) {
  if (typeof iterable === 'string' || iterable instanceof Buffer) {
    return new ReadableCtor({
      objectMode: true,
      ...opts,
      read() {
        this.push(iterable);
        this.push(null);
      },
    });
  }
  let iterator;
  let isAsync;
  if (iterable && typeof iterable[Symbol.asyncIterator] === 'function') {
    isAsync = true;
    iterator = iterable[Symbol.asyncIterator]();
  } else if (iterable && typeof iterable[Symbol.iterator] === 'function') {
    isAsync = false;
    iterator = iterable[Symbol.iterator]();
  } else {
    throw errors.argType('iterable', 'an instance of Iterable', iterable);
  }

  const readable = new ReadableCtor({ objectMode: true, highWaterMark: 1, ...opts });
  // Whether an iteration step is under way: _read may be called again before it completes.
  let reading = false;
  // A sync iterator that gave out a Promise is read as async from then on.
  let isAsyncValues = false;

  readable._read = function () {
    if (!reading) {
      reading = true;
      if (isAsync) {
        nextAsync();
      } else if (isAsyncValues) {
        nextSyncWithAsyncValues();
      } else {
        nextSync();
      }
    }
  };

  readable._destroy = function (error, cb) {
    close(error).then(
      () => nextTick(cb, error),
      (e) => nextTick(cb, e || error),
    );
  };

  async function close(error) {
    const hadError = error !== undefined && error !== null;
    if (hadError && typeof iterator.throw === 'function') {
      const { value, done } = await iterator.throw(error);
      await value;
      if (done) {
        return;
      }
    }
    if (typeof iterator.return === 'function') {
      const { value } = await iterator.return();
      await value;
    }
  }

  function nextSync() {
    for (;;) {
      try {
        const { value, done } = iterator.next();
        if (done) {
          readable.push(null);
          return;
        }
        if (value && typeof value.then === 'function') {
          changeToAsyncValues(value);
          return;
        }
        if (value === null) {
          reading = false;
          throw errors.nullValues();
        }
        if (readable.push(value)) {
          continue;
        }
        reading = false;
      } catch (err) {
        readable.destroy(err);
      }
      break;
    }
  }

  async function changeToAsyncValues(value) {
    isAsyncValues = true;
    try {
      const res = await value;
      if (res === null) {
        reading = false;
        throw errors.nullValues();
      }
      if (readable.push(res)) {
        nextSyncWithAsyncValues();
        return;
      }
      reading = false;
    } catch (err) {
      readable.destroy(err);
    }
  }

  async function nextSyncWithAsyncValues() {
    for (;;) {
      try {
        const { value, done } = iterator.next();
        if (done) {
          readable.push(null);
          return;
        }
        const res = value && typeof value.then === 'function' ? await value : value;
        if (res === null) {
          reading = false;
          throw errors.nullValues();
        }
        if (readable.push(res)) {
          continue;
        }
        reading = false;
      } catch (err) {
        readable.destroy(err);
      }
      break;
    }
  }

  async function nextAsync() {
    for (;;) {
      try {
        const { value, done } = await iterator.next();
        if (done) {
          readable.push(null);
          return;
        }
        if (value === null) {
          reading = false;
          throw errors.nullValues();
        }
        if (readable.push(value)) {
          continue;
        }
        reading = false;
      } catch (err) {
        readable.destroy(err);
      }
      break;
    }
  }

  return readable;
}

// Node's stream operators (not enumerable, as in Node). map is the engine of the others: it runs
// fn on up to `concurrency` chunks at once, keeps up to highWaterMark + concurrency results
// waiting, and gives them in the source's order; fn gets { signal }, aborted when the caller's
// signal aborts or the consumer stops. A result of kSkip is dropped (filter, forEach).
const kSkip = Symbol('kSkip');
const kEnd = Symbol('kEnd');

function checkFunction(fn, name) {
  if (typeof fn !== 'function') {
    throw errors.argType(name, 'of type function or an instance of AsyncFunction', fn);
  }
}

/** The operators' options: an object or nothing, its signal an AbortSignal. */
function checkOperatorOptions(options) {
  if (options !== undefined && options !== null && typeof options !== 'object') {
    throw errors.argType('options', 'of type object', options);
  }
  const signal = options ? options.signal : undefined;
  if (signal !== undefined && signal !== null && (typeof signal !== 'object' || !('aborted' in signal))) {
    throw codeError(TypeError, 'ERR_INVALID_ARG_TYPE',
      'The "options.signal" property must be an instance of AbortSignal. Received ' + internal.describe(signal));
  }
  return signal || undefined;
}

function throwIfAborted(signal) {
  if (signal && signal.aborted) {
    throw new AbortError(undefined, { cause: signal.reason });
  }
}

function map(fn, options) {
  checkFunction(fn, 'fn');
  const outer = checkOperatorOptions(options);
  const { validateInteger } = require('internal/errors');
  let concurrency = 1;
  if (options && options.concurrency !== undefined && options.concurrency !== null) {
    concurrency = Math.floor(options.concurrency);
  }
  validateInteger(concurrency, 'options.concurrency', 1, Number.MAX_SAFE_INTEGER);
  let highWaterMark = concurrency - 1;
  if (options && options.highWaterMark !== undefined && options.highWaterMark !== null) {
    highWaterMark = Math.floor(options.highWaterMark);
  }
  validateInteger(highWaterMark, 'options.highWaterMark', 0, Number.MAX_SAFE_INTEGER);
  const limit = highWaterMark + concurrency;
  const source = this;
  return (async function* mapped() {
    const ac = new AbortController();
    const signal = ac.signal;
    const onAbort = () => ac.abort(outer.reason);
    if (outer) {
      if (outer.aborted) {
        ac.abort(outer.reason);
      } else {
        outer.addEventListener('abort', onAbort, { once: true });
      }
    }
    const queue = []; // promises of results, in the source's order; the last one kEnd
    let running = 0; // fn calls not settled
    let stopped = false; // the consumer is gone
    let wakeConsumer = null;
    let wakePump = null;
    const wake = (which) => {
      const w = which === 'consumer' ? wakeConsumer : wakePump;
      if (which === 'consumer') {
        wakeConsumer = null;
      } else {
        wakePump = null;
      }
      if (w) {
        w();
      }
    };
    const settled = () => {
      running--;
      wake('pump');
    };
    async function pump() {
      try {
        for await (const chunk of source) {
          if (stopped) {
            return;
          }
          throwIfAborted(signal);
          let result;
          try {
            result = Promise.resolve(fn(chunk, { signal }));
          } catch (err) {
            result = Promise.reject(err);
          }
          running++;
          result.then(settled, settled);
          queue.push(result);
          wake('consumer');
          while (!stopped && (running >= concurrency || queue.length >= limit)) {
            await new Promise((resolve) => { wakePump = resolve; });
          }
          if (stopped) {
            return;
          }
        }
        queue.push(Promise.resolve(kEnd));
      } catch (err) {
        const failed = Promise.reject(err);
        failed.catch(() => {}); // read by the consumer in its turn
        queue.push(failed);
      } finally {
        wake('consumer');
      }
    }
    pump();
    let ended = false;
    try {
      for (;;) {
        if (queue.length === 0) {
          await new Promise((resolve) => { wakeConsumer = resolve; });
          continue;
        }
        const result = await queue[0];
        if (result === kEnd) {
          ended = true;
          return;
        }
        throwIfAborted(signal);
        queue.shift();
        wake('pump');
        if (result !== kSkip) {
          yield result;
        }
      }
    } finally {
      stopped = true;
      if (!ended) {
        ac.abort(); // the consumer stopped early (some, find, an error): calls in flight hear it
      }
      wake('pump');
      if (outer) {
        outer.removeEventListener('abort', onAbort);
      }
    }
  })();
}

function filter(fn, options) {
  checkFunction(fn, 'fn');
  return map.call(this, async (value, opts) => ((await fn(value, opts)) ? value : kSkip), options);
}

async function forEach(fn, options) {
  checkFunction(fn, 'fn');
  // eslint-disable-next-line no-unused-vars
  for await (const unused of map.call(this, async (value, opts) => {
    await fn(value, opts);
    return kSkip;
  }, options)) {
    // each call's promise is awaited by map
  }
}

async function toArray(options) {
  const signal = checkOperatorOptions(options);
  const out = [];
  for await (const chunk of this) {
    throwIfAborted(signal);
    out.push(chunk);
  }
  return out;
}

async function reduce(reducer, initial, options) {
  checkFunction(reducer, 'reducer');
  const outer = checkOperatorOptions(options);
  let hasInitial = arguments.length > 1;
  let acc = initial;
  if (outer && outer.aborted) {
    // as Node's: the stream goes too, and the promise rejects once it has
    const err = new AbortError(undefined, { cause: outer.reason });
    this.once('error', () => {});
    this.destroy(err);
    await finishedPromise(this).catch(() => {});
    throw err;
  }
  // the reducer's own signal, aborted when the caller's is and when the reduction ends
  const ac = new AbortController();
  const onAbort = () => ac.abort(outer.reason);
  if (outer) {
    outer.addEventListener('abort', onAbort, { once: true });
  }
  let any = false;
  try {
    for await (const chunk of this) {
      any = true;
      throwIfAborted(outer);
      if (!hasInitial) {
        acc = chunk;
        hasInitial = true;
      } else {
        acc = await reducer(acc, chunk, { signal: ac.signal });
      }
    }
    if (!any && !hasInitial) {
      throw codeError(TypeError, 'ERR_MISSING_ARGS', 'Reduce of an empty stream requires an initial value');
    }
  } finally {
    ac.abort();
    if (outer) {
      outer.removeEventListener('abort', onAbort);
    }
  }
  return acc;
}

async function some(fn, options) {
  checkFunction(fn, 'fn');
  // eslint-disable-next-line no-unused-vars
  for await (const unused of filter.call(this, fn, options)) {
    return true; // leaving the loop stops the source and aborts the calls in flight
  }
  return false;
}

async function every(fn, options) {
  checkFunction(fn, 'fn');
  return !(await some.call(this, async (value, opts) => !(await fn(value, opts)), options));
}

async function find(fn, options) {
  checkFunction(fn, 'fn');
  for await (const result of filter.call(this, fn, options)) {
    return result;
  }
  return undefined;
}

function flatMap(fn, options) {
  const values = map.call(this, fn, options);
  return (async function* flattened() {
    for await (const value of values) {
      yield* value;
    }
  })();
}

/** Node's count for drop and take: a number (NaN as 0, fractions kept, as Node keeps them), 0 or more. */
function countOf(number) {
  number = Number(number);
  if (Number.isNaN(number)) {
    return 0;
  }
  if (number < 0) {
    throw codeError(RangeError, 'ERR_OUT_OF_RANGE', 'The value of "number" is out of range. It must be >= 0. Received '
      + require('internal/errors').outOfRangeReceived(number));
  }
  return number;
}

function drop(number, options) {
  const signal = checkOperatorOptions(options);
  number = countOf(number);
  const source = this;
  return (async function* dropped() {
    throwIfAborted(signal);
    for await (const chunk of source) {
      throwIfAborted(signal);
      if (number-- <= 0) {
        yield chunk;
      }
    }
  })();
}

function take(number, options) {
  const signal = checkOperatorOptions(options);
  number = countOf(number);
  const source = this;
  return (async function* taken() {
    throwIfAborted(signal);
    for await (const chunk of source) {
      throwIfAborted(signal);
      if (number-- > 0) {
        yield chunk;
      }
      if (number <= 0) {
        return; // not one chunk more from the source
      }
    }
  })();
}

// Each is a plain function, as Node's wrappers are; those that give a stream make one of their
// generator.
const operators = {};
for (const [name, op, givesStream] of [['map', map, true], ['filter', filter, true], ['flatMap', flatMap, true],
  ['drop', drop, true], ['take', take, true], ['forEach', forEach], ['toArray', toArray], ['reduce', reduce],
  ['some', some], ['every', every], ['find', find]]) {
  const fn = givesStream
    ? function (...args) { return Readable.from(op.apply(this, args)); }
    : function (...args) { return op.apply(this, args); };
  Object.defineProperty(fn, 'name', { value: name, configurable: true });
  Object.defineProperty(fn, 'length', { value: op.length, configurable: true });
  operators[name] = fn;
}

for (const name of Object.keys(operators)) {
  Object.defineProperty(Readable.prototype, name, {
    value: operators[name], enumerable: false, configurable: true, writable: true,
  });
}

// ---------------------------------------------------------------- Writable

function WritableState(options, stream, isDuplex) {
  if (typeof isDuplex !== 'boolean') {
    isDuplex = stream instanceof Duplex;
  }
  this.objectMode = !!(options && options.objectMode) || (isDuplex && !!(options && options.writableObjectMode));
  this.highWaterMark = options
    ? getHighWaterMark(this.objectMode, options, 'writableHighWaterMark', isDuplex)
    : getDefaultHighWaterMark(this.objectMode);
  this.finalCalled = false;
  this.needDrain = false; // a write returned false: 'drain' is due when the buffer empties
  this.ending = false; // end() was called
  this.ended = false; // end() has returned
  this.finished = false; // 'finish' was emitted
  this.destroyed = false;
  this.decodeStrings = !(options && options.decodeStrings === false);
  this.defaultEncoding = (options && options.defaultEncoding) || 'utf8';
  if (this.defaultEncoding === 'utf-8') {
    this.defaultEncoding = 'utf8';
  }
  if (!Buffer.isEncoding(this.defaultEncoding)) {
    throw errors.unknownEncoding(this.defaultEncoding);
  }
  this.length = 0; // bytes (or objects) written and not yet called back
  this.writing = false; // a _write is under way
  this.corked = 0;
  // True while _write runs: its callback, if called at once, is then run on a tick.
  this.sync = true;
  this.bufferProcessing = false;
  this.onwrite = onwrite.bind(undefined, stream);
  this.writecb = null;
  this.writelen = 0;
  // Several synchronous write callbacks of the same function share one tick.
  this.afterWriteTickInfo = null;
  this.afterWritePending = false; // a tick that runs write callbacks (and 'drain') is queued
  this.buffered = []; // { chunk, encoding, callback } waiting for the current write
  this.bufferedIndex = 0;
  this.allBuffers = true;
  this.allNoop = true;
  this.pendingcb = 0; // callbacks not yet run, 'finish' waits for them
  this.constructed = true;
  this.prefinished = false;
  this.errorEmitted = false;
  this.emitClose = !options || options.emitClose !== false;
  this.autoDestroy = !options || options.autoDestroy !== false;
  this.errored = null;
  this.closed = false;
  this.closeEmitted = false;
  this[kOnFinished] = []; // end() callbacks
}

WritableState.prototype.getBuffer = function getBuffer() {
  return this.buffered.slice(this.bufferedIndex);
};

Object.defineProperty(WritableState.prototype, 'bufferedRequestCount', {
  get() { return this.buffered.length - this.bufferedIndex; },
});

function resetBuffer(state) {
  state.buffered = [];
  state.bufferedIndex = 0;
  state.allBuffers = true;
  state.allNoop = true;
}

function Writable(options) {
  const isDuplex = this instanceof Duplex;
  if (!isDuplex && !Function.prototype[Symbol.hasInstance].call(Writable, this)) {
    return new Writable(options);
  }
  this._writableState = new WritableState(options, this, isDuplex);
  if (options) {
    if (typeof options.write === 'function') {
      this._write = options.write;
    }
    if (typeof options.writev === 'function') {
      this._writev = options.writev;
    }
    if (typeof options.destroy === 'function') {
      this._destroy = options.destroy;
    }
    if (typeof options.final === 'function') {
      this._final = options.final;
    }
    if (typeof options.construct === 'function') {
      this._construct = options.construct;
    }
    if (options.signal) {
      addAbortSignal(options.signal, this);
    }
  }
  Stream.call(this, options);
  construct(this, () => {
    const state = this._writableState;
    if (!state.writing) {
      clearBuffer(this, state);
    }
    finishMaybe(this, state);
  });
}
Object.setPrototypeOf(Writable.prototype, Stream.prototype);
Object.setPrototypeOf(Writable, Stream);
Writable.WritableState = WritableState;

// A Duplex is a Writable too, though it inherits from Readable.
Object.defineProperty(Writable, Symbol.hasInstance, {
  value: function (object) {
    if (Function.prototype[Symbol.hasInstance].call(this, object)) {
      return true;
    }
    if (this !== Writable) {
      return false;
    }
    return !!(object && object._writableState instanceof WritableState);
  },
});

Writable.prototype.pipe = function () {
  errorOrDestroy(this, errors.cannotPipe());
};

/** write() without the boolean: returns true/false, or the Error it failed with. */
function writeChunk(stream, chunk, encoding, cb) {
  const state = stream._writableState;
  if (typeof encoding === 'function') {
    cb = encoding;
    encoding = null;
  } else {
    if (encoding && encoding !== 'buffer' && !Buffer.isEncoding(encoding)) {
      throw errors.unknownEncoding(encoding);
    }
    if (typeof cb !== 'function') {
      cb = nop;
    }
  }

  // The encoding _write sees: 'buffer' for bytes, the string's encoding (the default one when
  // none was given) for text kept as text, and whatever was passed in object mode.
  if (chunk === null) {
    throw errors.nullValues();
  } else if (!state.objectMode) {
    if (typeof chunk === 'string') {
      encoding = encoding || state.defaultEncoding;
      if (state.decodeStrings !== false) {
        chunk = Buffer.from(chunk, encoding);
        encoding = 'buffer';
      }
    } else if (chunk instanceof Buffer) {
      encoding = 'buffer';
    } else if (chunk instanceof Uint8Array) {
      chunk = toBuffer(chunk);
      encoding = 'buffer';
    } else {
      throw errors.chunkType(chunk);
    }
  }

  let err;
  if (state.ending) {
    err = errors.writeAfterEnd();
  } else if (state.destroyed) {
    err = errors.destroyed('write');
  }
  if (err) {
    nextTick(cb, err);
    errorOrDestroy(stream, err, true);
    return err;
  }
  state.pendingcb++;
  return writeOrBuffer(stream, state, chunk, encoding, cb);
}

Writable.prototype.write = function write(chunk, encoding, cb) {
  return writeChunk(this, chunk, encoding, cb) === true;
};

Writable.prototype.cork = function cork() {
  this._writableState.corked++;
};

Writable.prototype.uncork = function uncork() {
  const state = this._writableState;
  if (state.corked) {
    state.corked--;
    if (!state.writing) {
      clearBuffer(this, state);
    }
  }
};

Writable.prototype.setDefaultEncoding = function setDefaultEncoding(encoding) {
  if (typeof encoding === 'string') {
    encoding = encoding.toLowerCase();
  }
  if (!Buffer.isEncoding(encoding)) {
    throw errors.unknownEncoding(encoding);
  }
  this._writableState.defaultEncoding = encoding;
  return this;
};

/** Starts the write now when nothing is under way, else queues it (corked, or behind a write). */
function writeOrBuffer(stream, state, chunk, encoding, callback) {
  const len = state.objectMode ? 1 : chunk.length;
  state.length += len;
  if (state.writing || state.corked || state.errored || !state.constructed) {
    state.buffered.push({ chunk, encoding, callback });
    if (state.allBuffers && encoding !== 'buffer') {
      state.allBuffers = false;
    }
    if (state.allNoop && callback !== nop) {
      state.allNoop = false;
    }
  } else {
    state.writelen = len;
    state.writecb = callback;
    state.writing = true;
    state.sync = true;
    stream._write(chunk, encoding, state.onwrite);
    state.sync = false;
  }
  // Measured after _write: a write completed synchronously does not count, and an empty
  // buffer always has room (even with highWaterMark 0).
  const ret = state.length < state.highWaterMark || state.length === 0;
  if (!ret) {
    state.needDrain = true;
  }
  return ret && !state.errored && !state.destroyed;
}

function doWrite(stream, state, writev, len, chunk, encoding, cb) {
  state.writelen = len;
  state.writecb = cb;
  state.writing = true;
  state.sync = true;
  if (state.destroyed) {
    state.onwrite(errors.destroyed('write'));
  } else if (writev) {
    stream._writev(chunk, state.onwrite);
  } else {
    stream._write(chunk, encoding, state.onwrite);
  }
  state.sync = false;
}

function onwriteError(stream, state, er, cb) {
  --state.pendingcb;
  cb(er);
  errorBuffer(state);
  errorOrDestroy(stream, er);
}

/** The callback given to _write and _writev. */
function onwrite(stream, er) {
  const state = stream._writableState;
  const sync = state.sync;
  const cb = state.writecb;
  if (typeof cb !== 'function') {
    errorOrDestroy(stream, errors.multipleCallback());
    return;
  }
  state.writing = false;
  state.writecb = null;
  state.length -= state.writelen;
  state.writelen = 0;

  if (er) {
    if (!state.errored) {
      state.errored = er;
    }
    if (stream._readableState && !stream._readableState.errored) {
      stream._readableState.errored = er;
    }
    if (sync) {
      nextTick(onwriteError, stream, state, er, cb);
    } else {
      onwriteError(stream, state, er, cb);
    }
  } else {
    if (state.buffered.length > state.bufferedIndex) {
      clearBuffer(stream, state);
    }
    if (sync) {
      // A write that completed synchronously calls back on a tick. A byte write without a
      // callback schedules nothing, unless a 'drain' is due (object mode has no such shortcut).
      // Callbacks of several such writes in a row with the same function share one tick.
      if (cb === nop && !state.objectMode) {
        if (!state.afterWritePending && state.needDrain) {
          state.afterWritePending = true;
          nextTick(afterWrite, stream, state, 1, cb);
        } else {
          state.pendingcb--;
          if (state.ending) {
            finishMaybe(stream, state, true);
          }
        }
      } else if (state.afterWriteTickInfo !== null && state.afterWriteTickInfo.cb === cb) {
        state.afterWriteTickInfo.count++;
      } else {
        state.afterWriteTickInfo = { count: 1, cb, stream, state };
        state.afterWritePending = true;
        nextTick(afterWriteTick, state.afterWriteTickInfo);
      }
    } else {
      afterWrite(stream, state, 1, cb);
    }
  }
}

function afterWriteTick({ stream, state, count, cb }) {
  state.afterWriteTickInfo = null;
  return afterWrite(stream, state, count, cb);
}

function afterWrite(stream, state, count, cb) {
  state.afterWritePending = false;
  const needDrain = !state.ending && !stream.destroyed && state.length === 0 && state.needDrain;
  if (needDrain) {
    state.needDrain = false;
    stream.emit('drain');
  }
  while (count-- > 0) {
    state.pendingcb--;
    cb(null);
  }
  if (state.destroyed) {
    errorBuffer(state);
  }
  // 'finish' comes on a tick after the last write callback.
  finishMaybe(stream, state, true);
}

/** The buffered writes and end() callbacks of a destroyed or errored stream fail. */
function errorBuffer(state) {
  if (state.writing) {
    return;
  }
  for (let n = state.bufferedIndex; n < state.buffered.length; ++n) {
    const { chunk, callback } = state.buffered[n];
    const len = state.objectMode ? 1 : chunk.length;
    state.length -= len;
    callback(state.errored !== undefined && state.errored !== null ? state.errored : errors.destroyed('write'));
  }
  const onfinishCallbacks = state[kOnFinished].splice(0);
  for (let i = 0; i < onfinishCallbacks.length; i++) {
    onfinishCallbacks[i](state.errored !== undefined && state.errored !== null ? state.errored : errors.destroyed('end'));
  }
  resetBuffer(state);
}

/** Writes what was buffered: all at once through _writev when there is one, else one by one. */
function clearBuffer(stream, state) {
  if (state.corked || state.bufferProcessing || state.destroyed || !state.constructed) {
    return;
  }
  const { buffered, bufferedIndex, objectMode } = state;
  const bufferedLength = buffered.length - bufferedIndex;
  if (!bufferedLength) {
    return;
  }
  let i = bufferedIndex;
  state.bufferProcessing = true;
  if (bufferedLength > 1 && stream._writev) {
    state.pendingcb -= bufferedLength - 1;
    const callback = state.allNoop ? nop : (err) => {
      for (let n = i; n < buffered.length; ++n) {
        buffered[n].callback(err);
      }
    };
    const chunks = state.allNoop && i === 0 ? buffered : buffered.slice(i);
    chunks.allBuffers = state.allBuffers;
    doWrite(stream, state, true, state.length, chunks, '', callback);
    resetBuffer(state);
  } else {
    do {
      const { chunk, encoding, callback } = buffered[i];
      buffered[i++] = null;
      const len = objectMode ? 1 : chunk.length;
      doWrite(stream, state, false, len, chunk, encoding, callback);
    } while (i < buffered.length && !state.writing);
    if (i === buffered.length) {
      resetBuffer(state);
    } else if (i > 256) {
      buffered.splice(0, i);
      state.bufferedIndex = 0;
    } else {
      state.bufferedIndex = i;
    }
  }
  state.bufferProcessing = false;
}

Writable.prototype._write = function _write(chunk, encoding, cb) {
  if (this._writev) {
    this._writev([{ chunk, encoding }], cb);
  } else {
    throw errors.notImplemented('_write()');
  }
};

Writable.prototype._writev = null;

Writable.prototype.end = function end(chunk, encoding, cb) {
  const state = this._writableState;
  if (typeof chunk === 'function') {
    cb = chunk;
    chunk = null;
    encoding = null;
  } else if (typeof encoding === 'function') {
    cb = encoding;
    encoding = null;
  }

  let err;
  if (chunk !== null && chunk !== undefined) {
    const ret = writeChunk(this, chunk, encoding);
    if (ret instanceof Error) {
      err = ret;
    }
  }

  // end() uncorks however many times cork() was called.
  if (state.corked) {
    state.corked = 1;
    this.uncork();
  }

  if (err) {
    // the write failed: nothing more to do
  } else if (!state.errored && !state.ending) {
    state.ending = true;
    finishMaybe(this, state, true);
    state.ended = true;
  } else if (state.finished) {
    err = errors.alreadyFinished('end');
  } else if (state.destroyed) {
    err = errors.destroyed('end');
  }

  if (typeof cb === 'function') {
    if (err) {
      nextTick(cb, err);
    } else if (state.errored) {
      // Failed already (perhaps in a _final run from this very end()): told on a tick.
      nextTick(cb, state.errored);
    } else if (state.finished) {
      nextTick(cb, null);
    } else {
      state[kOnFinished].push(cb);
    }
  }
  return this;
};

function needFinish(state) {
  return state.ending && !state.destroyed && state.constructed && state.length === 0
    && !state.errored && state.buffered.length === 0 && !state.finished && !state.writing
    && !state.errorEmitted && !state.closeEmitted;
}

/** Runs _final (synchronously); 'prefinish' and then 'finish' (on a tick) follow its callback. */
function callFinal(stream, state) {
  let called = false;
  function onFinish(err) {
    if (called) {
      errorOrDestroy(stream, err !== undefined && err !== null ? err : errors.multipleCallback());
      return;
    }
    called = true;
    state.pendingcb--;
    if (err) {
      const callbacks = state[kOnFinished].splice(0);
      for (let i = 0; i < callbacks.length; i++) {
        callbacks[i](err);
      }
      errorOrDestroy(stream, err, state.sync);
    } else if (needFinish(state)) {
      state.prefinished = true;
      stream.emit('prefinish');
      // 'finish' is always later than _final's callback, whenever that came.
      state.pendingcb++;
      nextTick(finish, stream, state);
    }
  }
  state.sync = true;
  state.pendingcb++;
  try {
    stream._final(onFinish);
  } catch (err) {
    onFinish(err);
  }
  state.sync = false;
}

function prefinish(stream, state) {
  if (!state.prefinished && !state.finalCalled) {
    if (typeof stream._final === 'function' && !state.destroyed) {
      state.finalCalled = true;
      callFinal(stream, state);
    } else {
      state.prefinished = true;
      stream.emit('prefinish');
    }
  }
}

function finishMaybe(stream, state, sync) {
  if (needFinish(state)) {
    prefinish(stream, state);
    if (state.pendingcb === 0) {
      if (sync) {
        // From end() itself: 'finish' on a tick, if still due then.
        state.pendingcb++;
        nextTick((stream, state) => {
          if (needFinish(state)) {
            finish(stream, state);
          } else {
            state.pendingcb--;
          }
        }, stream, state);
      } else if (needFinish(state)) {
        state.pendingcb++;
        finish(stream, state);
      }
    }
  }
}

function finish(stream, state) {
  state.pendingcb--;
  state.finished = true;
  const callbacks = state[kOnFinished].splice(0);
  for (let i = 0; i < callbacks.length; i++) {
    callbacks[i](null);
  }
  stream.emit('finish');
  if (state.autoDestroy) {
    // A Duplex is destroyed when its readable side has ended too.
    const r = stream._readableState;
    const autoDestroy = !r || (r.autoDestroy && (r.endEmitted || r.readable === false));
    if (autoDestroy) {
      stream.destroy();
    }
  }
}

defineGetters(Writable.prototype, {
  closed() { return this._writableState ? this._writableState.closed : false; },
  destroyed: {
    get() { return this._writableState ? this._writableState.destroyed : false; },
    set(value) {
      if (this._writableState) {
        this._writableState.destroyed = value;
      }
    },
  },
  writable: {
    get() {
      const w = this._writableState;
      return !!w && w.writable !== false && !w.destroyed && !w.errored && !w.ending && !w.ended;
    },
    set(val) {
      if (this._writableState) {
        this._writableState.writable = !!val;
      }
    },
  },
  writableFinished() { return this._writableState ? this._writableState.finished : false; },
  writableObjectMode() { return this._writableState ? this._writableState.objectMode : false; },
  writableBuffer() { return this._writableState && this._writableState.getBuffer(); },
  writableEnded() { return this._writableState ? this._writableState.ending : false; },
  writableNeedDrain() {
    const w = this._writableState;
    return w ? !w.destroyed && !w.ending && w.needDrain : false;
  },
  writableHighWaterMark() { return this._writableState && this._writableState.highWaterMark; },
  writableCorked() { return this._writableState ? this._writableState.corked : 0; },
  writableLength() { return this._writableState && this._writableState.length; },
  errored() { return this._writableState ? this._writableState.errored : null; },
  writableAborted() {
    const w = this._writableState;
    return !!(w.writable !== false && (w.destroyed || w.errored) && !w.finished);
  },
});

Writable.prototype.destroy = function (err, cb) {
  const state = this._writableState;
  // The writes still buffered, and end()'s callbacks, learn of it on a tick.
  if (!state.destroyed && (state.bufferedIndex < state.buffered.length || state[kOnFinished].length)) {
    nextTick(errorBuffer, state);
  }
  destroy.call(this, err, cb);
  return this;
};
Writable.prototype._undestroy = undestroy;
Writable.prototype._destroy = function (err, cb) {
  cb(err);
};
Writable.prototype[Symbol.for('nodejs.rejection')] = function (err) {
  this.destroy(err);
};

// ---------------------------------------------------------------- Duplex

function Duplex(options) {
  if (!(this instanceof Duplex)) {
    return new Duplex(options);
  }
  Readable.call(this, options);
  Writable.call(this, options);
  if (options) {
    this.allowHalfOpen = options.allowHalfOpen !== false;
    if (options.readable === false) {
      this._readableState.readable = false;
      this._readableState.ended = true;
      this._readableState.endEmitted = true;
    }
    if (options.writable === false) {
      this._writableState.writable = false;
      this._writableState.ending = true;
      this._writableState.ended = true;
      this._writableState.finished = true;
    }
  } else {
    this.allowHalfOpen = true;
  }
}
Object.setPrototypeOf(Duplex.prototype, Readable.prototype);
Object.setPrototypeOf(Duplex, Readable);

// The Writable methods a Readable does not have.
for (const method of Object.keys(Writable.prototype)) {
  if (!Duplex.prototype[method]) {
    Duplex.prototype[method] = Writable.prototype[method];
  }
}
for (const name of ['writable', 'writableHighWaterMark', 'writableObjectMode', 'writableBuffer',
  'writableLength', 'writableFinished', 'writableCorked', 'writableEnded', 'writableNeedDrain']) {
  Object.defineProperty(Duplex.prototype, name, Object.getOwnPropertyDescriptor(Writable.prototype, name));
}
Object.defineProperty(Duplex.prototype, 'destroyed', {
  configurable: true,
  get() {
    if (this._readableState === undefined || this._writableState === undefined) {
      return false;
    }
    return this._readableState.destroyed && this._writableState.destroyed;
  },
  set(value) {
    if (this._readableState && this._writableState) {
      this._readableState.destroyed = value;
      this._writableState.destroyed = value;
    }
  },
});
Duplex.prototype.destroy = Writable.prototype.destroy;

/**
 * Duplex.from: a Duplex over a stream, a { readable, writable } pair, an iterable, an async
 * generator function (a transform: it is given the written chunks as its source) or a Promise.
 */
Duplex.from = function (body) {
  return duplexify(body, 'body');
};

function duplexify(body, name) {
  if (isReadableNodeStream(body) && isWritableNodeStream(body)) {
    return body;
  }
  if (isReadableNodeStream(body)) {
    return duplexPair({ readable: body });
  }
  if (isWritableNodeStream(body)) {
    return duplexPair({ writable: body });
  }
  if (isNodeStream(body)) {
    return duplexPair({ writable: false, readable: false });
  }
  if (typeof body === 'function') {
    const { value, write, final, destroy } = fromAsyncGen(body);
    if (isIterable(value)) {
      return from(Duplex, value, { objectMode: true, write, final, destroy });
    }
    if (value && typeof value.then === 'function') {
      // An async function: a writable-only Duplex, finished when the function's promise settles.
      let d;
      const promise = value.then((val) => {
        if (val !== null && val !== undefined) {
          throw errors.returnValue('nully', 'body', val);
        }
      }, (err) => {
        destroyer(d, err);
      });
      d = new Duplex({
        objectMode: true,
        readable: false,
        write,
        final(cb) {
          final(async () => {
            try {
              await promise;
              nextTick(cb, null);
            } catch (err) {
              nextTick(cb, err);
            }
          });
        },
        destroy,
      });
      return d;
    }
    throw errors.returnValue('Iterable, AsyncIterable or AsyncFunction', name, value);
  }
  if (isIterable(body)) {
    return from(Duplex, body, { objectMode: true, writable: false });
  }
  if (body && (typeof body.readable === 'object' || typeof body.writable === 'object')) {
    const readable = body.readable
      ? (isReadableNodeStream(body.readable) ? body.readable : duplexify(body.readable)) : undefined;
    const writable = body.writable
      ? (isWritableNodeStream(body.writable) ? body.writable : duplexify(body.writable)) : undefined;
    return duplexPair({ readable, writable });
  }
  if (body && typeof body.then === 'function') {
    let d;
    body.then((val) => {
      if (val !== null && val !== undefined) {
        d.push(val);
      }
      d.push(null);
    }, (err) => {
      destroyer(d, err);
    });
    d = new Duplex({ objectMode: true, writable: false, read() {} });
    return d;
  }
  throw errors.argType(name, 'a stream, an iterable, an async function or { readable, writable }', body);
}

/** An async generator function as a transform: what is written becomes its source. */
function fromAsyncGen(fn) {
  // The generator waits on `promise`; the next write or end settles it through `resolve`.
  let { promise, resolve } = deferred();
  const ac = newAbortController();
  const signal = ac.signal;
  const value = fn((async function* () {
    while (true) {
      const current = promise;
      promise = null;
      const { chunk, done, cb } = await current;
      nextTick(cb);
      if (done) {
        return;
      }
      if (signal.aborted) {
        throw new AbortError(undefined, { cause: signal.reason });
      }
      ({ promise, resolve } = deferred());
      yield chunk;
    }
  })(), { signal });
  return {
    value,
    write(chunk, encoding, cb) {
      const settle = resolve;
      resolve = null;
      settle({ chunk, done: false, cb });
    },
    final(cb) {
      const settle = resolve;
      resolve = null;
      settle({ done: true, cb });
    },
    destroy(err, cb) {
      ac.abort();
      cb(err);
    },
  };
}

function deferred() {
  let resolve;
  let reject;
  const promise = new Promise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A Duplex that writes to one stream and reads from another. */
function duplexPair(pair) {
  const r = pair.readable && typeof pair.readable.read !== 'function' ? Readable.wrap(pair.readable) : pair.readable;
  const w = pair.writable;
  let readable = !!isReadable(r);
  let writable = !!isWritable(w);
  let glue = null;

  // Either side failing destroys the pair; once both are done, a pending destroy completes.
  function onfinished(err) {
    const cb = glue.onclose;
    glue.onclose = null;
    if (cb) {
      cb(err);
    } else if (err) {
      d.destroy(err);
    }
  }

  const d = new Duplex({
    readableObjectMode: !!(r && r.readableObjectMode),
    writableObjectMode: !!(w && w.writableObjectMode),
    readable,
    writable,
  });

  if (writable) {
    eos(w, (err) => {
      writable = false;
      if (err) {
        destroyer(r, err);
      }
      onfinished(err);
    });
  }
  if (readable) {
    eos(r, (err) => {
      readable = false;
      if (err) {
        destroyer(r, err);
      }
      onfinished(err);
    });
  }
  glue = glueDuplex(d, writable ? w : null, w, readable ? r : null, (err) => {
    destroyer(w, err);
    destroyer(r, err);
  });
  return d;
}

/**
 * Makes `d` write into `w` and read from `r` (either may be null), for Duplex.from({ writable,
 * readable }) and compose(): w's write() and 'drain' are d's backpressure, d's final callback
 * waits for `finishOn`'s 'finish', and d reads r on 'readable'. Returns the state destroy() shares
 * with the caller: `onclose` is undefined while the sides are open (destroy() then waits, giving
 * the caller's end callback its own), null once they are done.
 */
function glueDuplex(d, w, finishOn, r, destroySides) {
  const glue = { onclose: undefined };
  let ondrain = null;
  let onfinish = null;
  let onreadable = null;
  function fire(cb) {
    if (cb) {
      cb();
    }
  }
  if (w) {
    d._write = function (chunk, encoding, callback) {
      if (w.write(chunk, encoding)) {
        callback();
      } else {
        ondrain = callback;
      }
    };
    d._final = function (callback) {
      w.end();
      onfinish = callback;
    };
    w.on('drain', () => {
      const cb = ondrain;
      ondrain = null;
      fire(cb);
    });
    finishOn.on('finish', () => {
      const cb = onfinish;
      onfinish = null;
      fire(cb);
    });
  }
  if (r) {
    r.on('readable', () => {
      const cb = onreadable;
      onreadable = null;
      fire(cb);
    });
    r.on('end', () => {
      d.push(null);
    });
    d._read = function () {
      while (true) {
        const buf = r.read();
        if (buf === null) {
          onreadable = d._read;
          return;
        }
        if (!d.push(buf)) {
          return;
        }
      }
    };
  }
  d._destroy = function (err, callback) {
    if (!err && glue.onclose !== null) {
      err = new AbortError();
    }
    onreadable = null;
    ondrain = null;
    onfinish = null;
    if (glue.onclose === null) {
      callback(err);
    } else {
      glue.onclose = callback;
      destroySides(err);
    }
  };
  return glue;
}

/** stream.duplexPair(): two Duplexes, each reading what the other writes. */
function duplexPairOf(options) {
  const side0 = new DuplexSide(options);
  const side1 = new DuplexSide(options);
  side0.otherSide = side1;
  side1.otherSide = side0;
  return [side0, side1];
}

function DuplexSide(options) {
  Duplex.call(this, options);
  this.otherSide = null;
  // The write callback held until the other side reads what was written.
  this.pendingWrite = null;
}
Object.setPrototypeOf(DuplexSide.prototype, Duplex.prototype);
Object.setPrototypeOf(DuplexSide, Duplex);

DuplexSide.prototype._read = function () {
  const callback = this.pendingWrite;
  if (callback) {
    this.pendingWrite = null;
    callback();
  }
};

DuplexSide.prototype._write = function (chunk, encoding, callback) {
  if (chunk.length === 0) {
    nextTick(callback);
  } else {
    this.otherSide.push(chunk);
    this.otherSide.pendingWrite = callback;
  }
};

DuplexSide.prototype._final = function (callback) {
  this.otherSide.on('end', callback);
  this.otherSide.push(null);
};

// ---------------------------------------------------------------- Transform and PassThrough

function Transform(options) {
  if (!(this instanceof Transform)) {
    return new Transform(options);
  }
  // A readable highWaterMark of 0 would stall the transform: the writable side keeps its own.
  const readableHighWaterMark = options ? getHighWaterMark(false, options, 'readableHighWaterMark', true) : null;
  if (readableHighWaterMark === 0) {
    options = {
      ...options,
      highWaterMark: null,
      readableHighWaterMark,
      writableHighWaterMark: options.writableHighWaterMark || 0,
    };
  }
  Duplex.call(this, options);
  // The readable side is pushed to from _write, outside _read: 'readable' need not wait a tick.
  this._readableState.sync = false;
  this[kCallback] = null;
  if (options) {
    if (typeof options.transform === 'function') {
      this._transform = options.transform;
    }
    if (typeof options.flush === 'function') {
      this._flush = options.flush;
    }
  }
  // A subclass with its own _final still gets _flush run before 'finish'.
  this.on('prefinish', transformPrefinish);
}
Object.setPrototypeOf(Transform.prototype, Duplex.prototype);
Object.setPrototypeOf(Transform, Duplex);

function transformFinal(cb) {
  if (typeof this._flush === 'function' && !this.destroyed) {
    this._flush((er, data) => {
      if (er) {
        if (cb) {
          cb(er);
        } else {
          this.destroy(er);
        }
        return;
      }
      if (data !== null && data !== undefined) {
        this.push(data);
      }
      this.push(null);
      if (cb) {
        cb();
      }
    });
  } else {
    this.push(null);
    if (cb) {
      cb();
    }
  }
}

function transformPrefinish() {
  if (this._final !== transformFinal) {
    transformFinal.call(this);
  }
}

Transform.prototype._final = transformFinal;

Transform.prototype._transform = function (chunk, encoding, callback) {
  throw errors.notImplemented('_transform()');
};

Transform.prototype._write = function (chunk, encoding, callback) {
  const rState = this._readableState;
  const wState = this._writableState;
  const length = rState.length;
  this._transform(chunk, encoding, (err, val) => {
    if (err) {
      callback(err);
      return;
    }
    if (val !== null && val !== undefined) {
      this.push(val);
    }
    if (rState.ended) {
      // The readable side was ended (push(null) in _transform): its state settles first.
      nextTick(callback);
    } else if (wState.ended || length === rState.length || rState.length < rState.highWaterMark) {
      callback();
    } else {
      // The readable side is full: the next write waits until it is read from.
      this[kCallback] = callback;
    }
  });
};

Transform.prototype._read = function () {
  if (this[kCallback]) {
    const callback = this[kCallback];
    this[kCallback] = null;
    callback();
  }
};

function PassThrough(options) {
  if (!(this instanceof PassThrough)) {
    return new PassThrough(options);
  }
  Transform.call(this, options);
}
Object.setPrototypeOf(PassThrough.prototype, Transform.prototype);
Object.setPrototypeOf(PassThrough, Transform);

PassThrough.prototype._transform = function (chunk, encoding, cb) {
  cb(null, chunk);
};

// ---------------------------------------------------------------- finished

/**
 * finished(stream[, options], callback): calls back once when the stream has ended (readable
 * side), finished (writable side), errored or closed too early. Returns a function that removes
 * the listeners.
 */
function eos(stream, options, callback) {
  if (arguments.length === 2) {
    callback = options;
    options = {};
  } else if (options === null || options === undefined) {
    options = {};
  } else if (typeof options !== 'object') {
    throw errors.argType('options', 'of type object', options);
  }
  if (typeof callback !== 'function') {
    throw errors.argType('callback', 'of type function', callback);
  }
  callback = onceOnly(callback);
  if (!isNodeStream(stream)) {
    throw errors.argType('stream', 'an instance of ReadableStream, WritableStream, or Stream', stream);
  }

  const readable = options.readable !== undefined && options.readable !== null ? options.readable : isReadableNodeStream(stream);
  const writable = options.writable !== undefined && options.writable !== null ? options.writable : isWritableNodeStream(stream);
  const wState = stream._writableState;
  const rState = stream._readableState;

  const onlegacyfinish = () => {
    if (!stream.writable) {
      onfinish();
    }
  };

  // When 'close' is coming, wait for it rather than calling back at 'end' or 'finish'.
  let emitsClose = willEmitClose(stream) && isReadableNodeStream(stream) === readable
    && isWritableNodeStream(stream) === writable;

  let writableFinished = isWritableFinished(stream, false);
  const onfinish = () => {
    writableFinished = true;
    if (stream.destroyed) {
      emitsClose = false;
    }
    if (emitsClose && (!stream.readable || readable)) {
      return;
    }
    if (!readable || readableFinished) {
      callback.call(stream);
    }
  };

  let readableFinished = isReadableFinished(stream, false);
  const onend = () => {
    readableFinished = true;
    if (stream.destroyed) {
      emitsClose = false;
    }
    if (emitsClose && (!stream.writable || writable)) {
      return;
    }
    if (!writable || writableFinished) {
      callback.call(stream);
    }
  };

  const onerror = (err) => {
    callback.call(stream, err);
  };

  let closed = isClosed(stream);

  const onclose = () => {
    closed = true;
    const errored = writableErrored(stream) || readableErrored(stream);
    if (errored && typeof errored !== 'boolean') {
      return callback.call(stream, errored);
    }
    if (readable && !readableFinished && isReadableNodeStream(stream, true)) {
      if (!isReadableFinished(stream, false)) {
        return callback.call(stream, errors.prematureClose());
      }
    }
    if (writable && !writableFinished) {
      if (!isWritableFinished(stream, false)) {
        return callback.call(stream, errors.prematureClose());
      }
    }
    callback.call(stream);
  };

  const onclosed = () => {
    closed = true;
    const errored = writableErrored(stream) || readableErrored(stream);
    if (errored && typeof errored !== 'boolean') {
      return callback.call(stream, errored);
    }
    callback.call(stream);
  };

  if (writable && !wState) {
    // A legacy stream: it is done when it stops being writable.
    stream.on('end', onlegacyfinish);
    stream.on('close', onlegacyfinish);
  }
  if (!emitsClose && typeof stream.aborted === 'boolean') {
    stream.on('aborted', onclose);
  }
  stream.on('end', onend);
  stream.on('finish', onfinish);
  if (options.error !== false) {
    stream.on('error', onerror);
  }
  stream.on('close', onclose);

  if (closed) {
    nextTick(onclose);
  } else if ((wState && wState.errorEmitted) || (rState && rState.errorEmitted)) {
    if (!emitsClose) {
      nextTick(onclosed);
    }
  } else if (!readable && (!emitsClose || isReadable(stream))
      && (writableFinished || isWritable(stream) === false)) {
    nextTick(onclosed);
  } else if (!writable && (!emitsClose || isWritable(stream))
      && (readableFinished || isReadable(stream) === false)) {
    nextTick(onclosed);
  } else if (rState && stream.req && stream.aborted) {
    nextTick(onclosed);
  }

  const cleanup = () => {
    callback = nop;
    stream.removeListener('aborted', onclose);
    stream.removeListener('complete', onfinish);
    stream.removeListener('abort', onclose);
    stream.removeListener('end', onlegacyfinish);
    stream.removeListener('close', onlegacyfinish);
    stream.removeListener('finish', onfinish);
    stream.removeListener('end', onend);
    stream.removeListener('error', onerror);
    stream.removeListener('close', onclose);
  };

  if (options.signal && !closed) {
    const abort = () => {
      const endCallback = callback;
      cleanup();
      endCallback.call(stream, new AbortError(undefined, { cause: options.signal.reason }));
    };
    if (options.signal.aborted) {
      nextTick(abort);
    } else {
      const originalCallback = callback;
      options.signal.addEventListener('abort', abort, { once: true });
      callback = onceOnly((...args) => {
        options.signal.removeEventListener('abort', abort);
        originalCallback.apply(stream, args);
      });
    }
  }
  return cleanup;
}

function finishedPromise(stream, opts) {
  let autoCleanup = false;
  if (opts && opts.cleanup) {
    autoCleanup = true;
  }
  return new Promise((resolve, reject) => {
    const cleanup = eos(stream, opts, (err) => {
      if (autoCleanup) {
        cleanup();
      }
      if (err) {
        reject(err);
      } else {
        resolve();
      }
    });
  });
}

// ---------------------------------------------------------------- addAbortSignal

function addAbortSignal(signal, stream) {
  if (!signal || typeof signal.aborted !== 'boolean') {
    throw errors.argType('signal', 'an instance of AbortSignal', signal);
  }
  if (!isNodeStream(stream)) {
    throw errors.argType('stream', 'an instance of Stream', stream);
  }
  const onAbort = () => {
    stream.destroy(new AbortError(undefined, { cause: signal.reason }));
  };
  if (signal.aborted) {
    onAbort();
  } else {
    signal.addEventListener('abort', onAbort, { once: true });
    eos(stream, () => signal.removeEventListener('abort', onAbort));
  }
  return stream;
}

// ---------------------------------------------------------------- pipeline

function popCallback(streams) {
  const last = streams[streams.length - 1];
  if (typeof last !== 'function') {
    throw errors.argType('streams[stream.length - 1]', 'of type function', last);
  }
  return streams.pop();
}

function pipeline(...streams) {
  return pipelineImpl(streams, onceOnly(popCallback(streams)));
}

/** Destroys a stream of the pipeline when it fails, unless it finished on its own. */
function pipelineDestroyer(stream, reading, writing) {
  let finished = false;
  stream.on('close', () => {
    finished = true;
  });
  const cleanup = eos(stream, { readable: reading, writable: writing }, (err) => {
    finished = !err;
  });
  return {
    destroy: (err) => {
      if (finished) {
        return;
      }
      finished = true;
      destroyer(stream, err || errors.destroyed('pipe'));
    },
    cleanup,
  };
}

function makeAsyncIterable(val) {
  if (isIterable(val)) {
    return val;
  }
  if (isReadableNodeStream(val)) {
    return fromReadable(val);
  }
  throw errors.argType('val', 'an instance of Readable, Iterable, or AsyncIterable', val);
}

async function* fromReadable(val) {
  yield* Readable.prototype[Symbol.asyncIterator].call(val);
}

/** Writes an (async) iterable to a Writable, waiting for 'drain' as it should. */
async function pumpToNode(iterable, writable, finish, { end }) {
  let error;
  let onresolve = null;
  const resume = (err) => {
    if (err) {
      error = err;
    }
    if (onresolve) {
      const callback = onresolve;
      onresolve = null;
      callback();
    }
  };
  const wait = () => new Promise((resolve, reject) => {
    if (error) {
      reject(error);
    } else {
      onresolve = () => {
        if (error) {
          reject(error);
        } else {
          resolve();
        }
      };
    }
  });
  writable.on('drain', resume);
  const cleanup = eos(writable, { readable: false }, resume);
  try {
    if (writable.writableNeedDrain) {
      await wait();
    }
    for await (const chunk of iterable) {
      if (!writable.write(chunk)) {
        await wait();
      }
    }
    if (end) {
      writable.end();
      await wait();
    }
    finish();
  } catch (err) {
    finish(error !== err ? aggregateTwoErrors(error, err) : err);
  } finally {
    cleanup();
    writable.off('drain', resume);
  }
}

function pipelineImpl(streams, callback, opts) {
  if (streams.length === 1 && Array.isArray(streams[0])) {
    streams = streams[0];
  }
  if (streams.length < 2) {
    throw errors.missingArgs('streams');
  }

  const ac = newAbortController();
  const signal = ac.signal;
  const outerSignal = opts && opts.signal;
  const lastStreamCleanup = [];

  function abort() {
    finishImpl(new AbortError());
  }
  if (outerSignal) {
    outerSignal.addEventListener('abort', abort, { once: true });
  }

  let error;
  let value;
  const destroys = [];
  let finishCount = 0;

  function finish(err) {
    finishImpl(err, --finishCount === 0);
  }

  function finishImpl(err, final) {
    if (err && (!error || error.code === 'ERR_STREAM_PREMATURE_CLOSE')) {
      error = err;
    }
    if (!error && !final) {
      return;
    }
    // The first error destroys every stream of the pipeline.
    while (destroys.length) {
      destroys.shift()(error);
    }
    if (outerSignal) {
      outerSignal.removeEventListener('abort', abort);
    }
    ac.abort();
    if (final) {
      if (!error) {
        lastStreamCleanup.forEach((fn) => fn());
      }
      nextTick(callback, error, value);
    }
  }

  let ret;
  for (let i = 0; i < streams.length; i++) {
    const stream = streams[i];
    const reading = i < streams.length - 1;
    const writing = i > 0;
    const end = reading || !opts || opts.end !== false;
    const isLastStream = i === streams.length - 1;

    if (isNodeStream(stream)) {
      if (end) {
        const { destroy, cleanup } = pipelineDestroyer(stream, reading, writing);
        destroys.push(destroy);
        if (isReadable(stream) && isLastStream) {
          lastStreamCleanup.push(cleanup);
        }
      }
      // Errors after the data has all gone through still fail the pipeline.
      const onError = (err) => {
        if (err && err.name !== 'AbortError' && err.code !== 'ERR_STREAM_PREMATURE_CLOSE') {
          finish(err);
        }
      };
      stream.on('error', onError);
      if (isReadable(stream) && isLastStream) {
        lastStreamCleanup.push(() => {
          stream.removeListener('error', onError);
        });
      }
    }

    if (i === 0) {
      if (typeof stream === 'function') {
        ret = stream({ signal });
        if (!isIterable(ret)) {
          throw errors.returnValue('Iterable, AsyncIterable or Stream', 'source', ret);
        }
      } else if (isIterable(stream) || isReadableNodeStream(stream)) {
        ret = stream;
      } else {
        ret = Duplex.from(stream);
      }
    } else if (typeof stream === 'function') {
      ret = makeAsyncIterable(ret);
      ret = stream(ret, { signal });
      if (reading) {
        if (!isIterable(ret, true)) {
          throw errors.returnValue('AsyncIterable', 'transform[' + (i - 1) + ']', ret);
        }
      } else {
        // The last function's promise gives the pipeline its value.
        const pt = new PassThrough({ objectMode: true });
        const then = ret && ret.then;
        if (typeof then === 'function') {
          finishCount++;
          then.call(ret, (val) => {
            value = val;
            if (val !== null && val !== undefined) {
              pt.write(val);
            }
            if (end) {
              pt.end();
            }
            nextTick(finish);
          }, (err) => {
            pt.destroy(err);
            nextTick(finish, err);
          });
        } else if (isIterable(ret, true)) {
          finishCount++;
          pumpToNode(ret, pt, finish, { end });
        } else {
          throw errors.returnValue('AsyncIterable or Promise', 'destination', ret);
        }
        ret = pt;
        const { destroy, cleanup } = pipelineDestroyer(ret, false, true);
        destroys.push(destroy);
        if (isLastStream) {
          lastStreamCleanup.push(cleanup);
        }
      }
    } else if (isNodeStream(stream)) {
      if (isReadableNodeStream(ret)) {
        finishCount += 2;
        const cleanup = pipe(ret, stream, finish, { end });
        if (isReadable(stream) && isLastStream) {
          lastStreamCleanup.push(cleanup);
        }
      } else if (isIterable(ret)) {
        finishCount++;
        pumpToNode(ret, stream, finish, { end });
      } else {
        throw errors.argType('val', 'an instance of Readable, Iterable, AsyncIterable, ReadableStream, or TransformStream', ret);
      }
      ret = stream;
    } else {
      ret = Duplex.from(stream);
    }
  }

  if ((signal && signal.aborted) || (outerSignal && outerSignal.aborted)) {
    nextTick(abort);
  }
  return ret;
}

/** One link of a pipeline: src.pipe(dst), ending dst when src ends, finish() for each side. */
function pipe(src, dst, finish, { end }) {
  let ended = false;
  dst.on('close', () => {
    if (!ended) {
      // The destination closed before the source was done.
      finish(errors.prematureClose());
    }
  });

  src.pipe(dst, { end: false }); // ended here, below, so that 'end' is seen first

  if (end) {
    const endFn = () => {
      ended = true;
      dst.end();
    };
    if (isReadableFinished(src)) {
      nextTick(endFn);
    } else {
      src.once('end', endFn);
    }
  } else {
    finish();
  }

  eos(src, { readable: true, writable: false }, (err) => {
    const rState = src._readableState;
    if (err && err.code === 'ERR_STREAM_PREMATURE_CLOSE'
        && rState && rState.ended && !rState.errored && !rState.errorEmitted) {
      // Closed before 'end' though it had ended: 'end' is still coming.
      src.once('end', finish).once('error', finish);
    } else {
      finish(err);
    }
  });
  return eos(dst, { readable: false, writable: true }, finish);
}

// ---------------------------------------------------------------- compose

/**
 * compose(...streams): one Duplex for a pipeline of streams: written to, it writes to the
 * first; read from, it reads from the last. Functions at either end become Duplexes.
 */
function compose(...streams) {
  if (streams.length === 0) {
    throw errors.missingArgs('streams');
  }
  if (streams.length === 1) {
    return Duplex.from(streams[0]);
  }
  const given = [...streams];
  if (typeof streams[0] === 'function') {
    streams[0] = Duplex.from(streams[0]);
  }
  const last = streams.length - 1;
  if (typeof streams[last] === 'function') {
    streams[last] = Duplex.from(streams[last]);
  }
  for (let n = 0; n < streams.length; ++n) {
    if (!isNodeStream(streams[n])) {
      continue; // functions in the middle: pipeline checks them
    }
    if (n < streams.length - 1 && !isReadable(streams[n])) {
      throw codeError(TypeError, 'ERR_INVALID_ARG_VALUE', "The argument 'streams[" + n + "]' must be readable. Received "
        + require('util').inspect(given[n]));
    }
    if (n > 0 && !isWritable(streams[n])) {
      throw codeError(TypeError, 'ERR_INVALID_ARG_VALUE', "The argument 'streams[" + n + "]' must be writable. Received "
        + require('util').inspect(given[n]));
    }
  }

  let glue = null;
  let d;

  function onfinished(err) {
    const cb = glue ? glue.onclose : undefined;
    if (glue) {
      glue.onclose = null;
    }
    if (cb) {
      cb(err);
    } else if (err) {
      d.destroy(err);
    } else if (!readable && !writable) {
      d.destroy();
    }
  }

  const head = streams[0];
  const tail = pipeline(streams, onfinished);
  const writable = !!isWritable(head);
  const readable = !!isReadable(tail);

  d = new Duplex({
    writableObjectMode: !!(head && head.writableObjectMode),
    readableObjectMode: !!(tail && tail.readableObjectMode),
    writable,
    readable,
  });
  glue = glueDuplex(d, writable ? head : null, tail, readable ? tail : null, (err) => destroyer(tail, err));
  return d;
}

// ---------------------------------------------------------------- the promise API

const promises = {
  pipeline(...streams) {
    return new Promise((resolve, reject) => {
      let signal;
      let end;
      const lastArg = streams[streams.length - 1];
      if (lastArg && typeof lastArg === 'object' && !isNodeStream(lastArg) && !isIterable(lastArg)) {
        const options = streams.pop();
        signal = options.signal;
        end = options.end;
      }
      pipelineImpl(streams, (err, value) => {
        if (err) {
          reject(err);
        } else {
          resolve(value);
        }
      }, { signal, end });
    });
  },
  finished: finishedPromise,
};

// ---------------------------------------------------------------- the module

Stream.Stream = Stream;
Stream.Readable = Readable;
Stream.Writable = Writable;
Stream.Duplex = Duplex;
Stream.Transform = Transform;
Stream.PassThrough = PassThrough;
Stream.pipeline = pipeline;
Stream.finished = eos;
Stream.destroy = destroyer;
Stream.addAbortSignal = addAbortSignal;
Stream.compose = compose;
Stream.isDisturbed = isDisturbed;
Stream.isErrored = isErrored;
Stream.isReadable = isReadable;
Stream.isWritable = isWritable;
Stream.isDestroyed = isDestroyed;
Stream.duplexPair = duplexPairOf;
Stream._isArrayBufferView = ArrayBuffer.isView;
Stream.getDefaultHighWaterMark = getDefaultHighWaterMark;
Stream.setDefaultHighWaterMark = setDefaultHighWaterMark;
Stream._isUint8Array = (value) => value instanceof Uint8Array;
Stream._uint8ArrayToBuffer = toBuffer;
Readable.isDisturbed = isDisturbed;
Object.defineProperty(Stream, 'promises', {
  configurable: true,
  enumerable: true,
  get() { return promises; },
});
Object.defineProperty(pipeline, Symbol.for('nodejs.util.promisify.custom'), {
  enumerable: true,
  get() { return promises.pipeline; },
});
Object.defineProperty(eos, Symbol.for('nodejs.util.promisify.custom'), {
  enumerable: true,
  get() { return promises.finished; },
});

module.exports = Stream;
