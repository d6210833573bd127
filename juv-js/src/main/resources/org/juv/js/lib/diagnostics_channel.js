// diagnostics_channel: named channels that publish to their subscribers at once, and tracing
// channels (start, end, asyncStart, asyncEnd, error) around sync, promise and callback calls, as
// Node 20's. A subscriber that throws does not stop the others: its error is rethrown from a
// nextTick, as Node's. A channel can bind AsyncLocalStorage stores: runStores() runs its function
// with each store set to what the store's transform makes of the message, as Node's.
'use strict';

const { invalidArgType } = require('internal/errors');

const channels = new Map(); // name -> Channel

function checkFunction(fn, name) {
  if (typeof fn !== 'function') {
    throw invalidArgType(name, 'of type function', fn);
  }
}

class Channel {
  constructor(name) {
    this.name = name;
    this._subscribers = [];
    this._stores = new Map(); // AsyncLocalStorage -> transform
  }

  get hasSubscribers() {
    return this._subscribers.length > 0 || this._stores.size > 0;
  }

  subscribe(subscription) {
    checkFunction(subscription, 'subscription');
    this._subscribers = this._subscribers.concat([subscription]);
  }

  unsubscribe(subscription) {
    const i = this._subscribers.indexOf(subscription);
    if (i < 0) {
      return false;
    }
    this._subscribers = this._subscribers.slice(0, i).concat(this._subscribers.slice(i + 1));
    return true;
  }

  publish(data) {
    const subscribers = this._subscribers; // a subscriber added while publishing waits for the next
    for (let i = 0; i < subscribers.length; i++) {
      try {
        subscribers[i](data, this.name);
      } catch (err) {
        process.nextTick(() => {
          throw err;
        });
      }
    }
  }

  /** runStores() sets `store` to transform(message) (the message itself without one). */
  bindStore(store, transform) {
    this._stores.set(store, transform);
  }

  unbindStore(store) {
    return this._stores.delete(store);
  }

  /**
   * Publishes `data` and calls fn inside every bound store's run(); a transform that throws
   * leaves its store as it is, and its error is rethrown from a nextTick.
   */
  runStores(data, fn, thisArg, ...args) {
    let run = () => {
      this.publish(data);
      return fn.apply(thisArg, args);
    };
    for (const [store, transform] of this._stores) {
      const next = run;
      run = () => {
        let value;
        try {
          value = transform === undefined ? data : transform(data);
        } catch (err) {
          process.nextTick(() => {
            throw err;
          });
          return next();
        }
        return store.run(value, next);
      };
    }
    return run();
  }
}

function channel(name) {
  if (typeof name !== 'string' && typeof name !== 'symbol') {
    throw invalidArgType('channel', 'of type string or symbol', name);
  }
  let ch = channels.get(name);
  if (!ch) {
    ch = new Channel(name);
    channels.set(name, ch);
  }
  return ch;
}

const EVENTS = ['start', 'end', 'asyncStart', 'asyncEnd', 'error'];

class TracingChannel {
  constructor(nameOrChannels) {
    if (typeof nameOrChannels === 'string') {
      for (const event of EVENTS) {
        this[event] = channel('tracing:' + nameOrChannels + ':' + event);
      }
    } else if (nameOrChannels !== null && typeof nameOrChannels === 'object') {
      for (const event of EVENTS) {
        if (!(nameOrChannels[event] instanceof Channel)) {
          throw invalidArgType('nameOrChannels.' + event, 'an instance of Channel', nameOrChannels[event]);
        }
        this[event] = nameOrChannels[event];
      }
    } else {
      throw invalidArgType('nameOrChannels', 'of type string or an instance of TracingChannel or Object', nameOrChannels);
    }
  }

  get hasSubscribers() {
    return EVENTS.some((event) => this[event].hasSubscribers);
  }

  subscribe(handlers) {
    for (const event of EVENTS) {
      if (handlers[event]) {
        this[event].subscribe(handlers[event]);
      }
    }
  }

  unsubscribe(handlers) {
    let done = true;
    for (const event of EVENTS) {
      if (handlers[event] && !this[event].unsubscribe(handlers[event])) {
        done = false;
      }
    }
    return done;
  }

  /**
   * start (with its stores), then the call in them, then end; error (and the error rethrown) if
   * the call throws.
   */
  _around(context, call) {
    return this.start.runStores(context, () => {
      try {
        return call();
      } catch (err) {
        context.error = err;
        this.error.publish(context);
        throw err;
      } finally {
        this.end.publish(context);
      }
    });
  }

  traceSync(fn, context = {}, thisArg, ...args) {
    if (!this.hasSubscribers) {
      return fn.apply(thisArg, args);
    }
    return this._around(context, () => {
      const result = fn.apply(thisArg, args);
      context.result = result;
      return result;
    });
  }

  tracePromise(fn, context = {}, thisArg, ...args) {
    if (!this.hasSubscribers) {
      return fn.apply(thisArg, args);
    }
    const reject = (err) => {
      context.error = err;
      this.error.publish(context);
      this.asyncStart.publish(context);
      this.asyncEnd.publish(context);
      return Promise.reject(err);
    };
    const resolve = (result) => {
      context.result = result;
      this.asyncStart.publish(context);
      this.asyncEnd.publish(context);
      return result;
    };
    return this._around(context, () => {
      const promise = fn.apply(thisArg, args);
      return (promise instanceof Promise ? promise : Promise.resolve(promise)).then(resolve, reject);
    });
  }

  traceCallback(fn, position = -1, context = {}, thisArg, ...args) {
    if (!this.hasSubscribers) {
      return fn.apply(thisArg, args);
    }
    const callback = args.at(position);
    checkFunction(callback, 'callback');
    const self = this;
    function wrapped(err, res) {
      if (err) {
        context.error = err;
        self.error.publish(context);
      } else {
        context.result = res;
      }
      const args = arguments;
      return self.asyncStart.runStores(context, () => {
        try {
          return callback.apply(this, args);
        } finally {
          self.asyncEnd.publish(context);
        }
      });
    }
    args.splice(position < 0 ? args.length + position : position, 1, wrapped);
    return this._around(context, () => fn.apply(thisArg, args));
  }
}

module.exports = {
  channel,
  hasSubscribers: (name) => {
    const ch = channels.get(name);
    return ch ? ch.hasSubscribers : false;
  },
  subscribe: (name, subscription) => channel(name).subscribe(subscription),
  unsubscribe: (name, subscription) => channel(name).unsubscribe(subscription),
  tracingChannel: (nameOrChannels) => new TracingChannel(nameOrChannels),
  Channel,
};
