// A socket's inactivity timeout, as Node's setStreamTimeout: net.Socket's, and the socket stand-in
// of http's server. The class gives _onTimeout (what a timeout does) and calls _touch() on each
// read or write, _clearTimer() when it closes.
'use strict';

const timers = require('timers');
const { invalidArgType } = require('internal/errors');

const methods = {
  // Nothing on a destroyed socket; msecs a finite number >= 0 (0 stops the timer and removes the
  // callback), the callback a function if given. The timer is unref'd: it keeps no process alive.
  setTimeout(ms, cb) {
    if (this.destroyed) {
      return this;
    }
    this._timeoutMs = ms;
    if (typeof ms !== 'number') {
      throw invalidArgType('msecs', 'of type number', ms);
    }
    if (ms < 0 || !Number.isFinite(ms)) {
      throw internal.codeError(RangeError, 'ERR_OUT_OF_RANGE',
        'The value of "msecs" is out of range. It must be a non-negative finite number. Received ' + ms);
    }
    if (cb !== undefined && typeof cb !== 'function') {
      throw invalidArgType('callback', 'of type function', cb);
    }
    this._clearTimer();
    if (ms === 0) {
      if (cb) {
        this.removeListener('timeout', cb);
      }
      return this;
    }
    this._timer = timers.setTimeout(() => {
      this._timer = null;
      this._onTimeout();
    }, ms);
    this._timer.unref();
    if (cb) {
      this.once('timeout', cb);
    }
    return this;
  },

  _touch() {
    if (this._timer) {
      this._timer.refresh();
    }
  },

  _clearTimer() {
    if (this._timer) {
      timers.clearTimeout(this._timer);
      this._timer = null;
    }
  },
};

/** Gives `proto` setTimeout, _touch, _clearTimer and the `timeout` getter. */
function addStreamTimeout(proto) {
  for (const name of Object.keys(methods)) {
    Object.defineProperty(proto, name, { value: methods[name], writable: true, configurable: true });
  }
  Object.defineProperty(proto, 'timeout', {
    get() {
      return this._timeoutMs || undefined;
    },
    configurable: true,
  });
}

module.exports = { addStreamTimeout };
