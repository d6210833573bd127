// perf_hooks: Node's `performance` (also a global): now() and timeOrigin on the monotonic clock,
// eventLoopUtilization() from the loop's idle time (juv's METRICS_IDLE_TIME, as Node's), and the
// User Timing marks and measures, and monitorEventLoopDelay() (juv-observe's LoopDelayMonitor: an
// unref'd timer recording the interval between its firings into an HdrHistogram, as Node's). Not
// here: PerformanceObserver, timerify, resource timing, createHistogram, the histograms' BigInt
// getters.
'use strict';

const host = internal.host;
const { invalidArgType } = require('internal/errors');

const origin = internal.startTime; // the runtime's start, on host.hrtime()'s clock (BigInt ns)
const sinceOrigin = (ns) => Number(ns - origin) / 1e6;
const now = () => sinceOrigin(BigInt(host.hrtime()));
const timeOrigin = Date.now() - now();

/** Node's: {idle, active, utilization} since the loop started, or between two earlier readings. */
function eventLoopUtilization(util1, util2) {
  const [loopStart, idleNs] = Array.from(host.loopTiming(), Number);
  if (loopStart < 0) {
    return { idle: 0, active: 0, utilization: 0 };
  }
  if (util2) {
    const idle = util1.idle - util2.idle;
    const active = util1.active - util2.active;
    return { idle, active, utilization: active / (idle + active) };
  }
  const idle = idleNs / 1e6;
  const active = now() - sinceOrigin(BigInt(loopStart)) - idle;
  if (!util1) {
    return { idle, active, utilization: active / (idle + active) };
  }
  const idleDelta = idle - util1.idle;
  const activeDelta = active - util1.active;
  return { idle: idleDelta, active: activeDelta, utilization: activeDelta / (idleDelta + activeDelta) };
}

class PerformanceEntry {
  constructor(name, entryType, startTime, duration, detail) {
    this.name = name;
    this.entryType = entryType;
    this.startTime = startTime;
    this.duration = duration;
    this.detail = detail === undefined ? null : detail;
  }

  toJSON() {
    return { name: this.name, entryType: this.entryType, startTime: this.startTime, duration: this.duration,
      detail: this.detail };
  }
}

const entries = []; // marks and measures, in the order they were made

/** The entries that pass `keep`, by start time (those that start together in the order made), as Node lists them. */
function listed(keep) {
  return entries.filter(keep).sort((a, b) => a.startTime - b.startTime);
}

function markTime(name) {
  for (let i = entries.length - 1; i >= 0; i--) {
    if (entries[i].entryType === 'mark' && entries[i].name === name) {
      return entries[i].startTime;
    }
  }
  const { DOMException } = require('internal/event_target');
  throw new DOMException('The "' + name + '" performance mark has not been set', 'SyntaxError');
}

const timeOf = (at) => (typeof at === 'number' ? at : markTime(String(at)));

function clear(type, name) {
  for (let i = entries.length - 1; i >= 0; i--) {
    if (entries[i].entryType === type && (name === undefined || entries[i].name === name)) {
      entries.splice(i, 1);
    }
  }
}

const performance = {
  now,
  timeOrigin,
  eventLoopUtilization,
  mark(name, options = {}) {
    if (name === undefined) {
      throw invalidArgType('name', 'of type string', name);
    }
    const entry = new PerformanceEntry(String(name), 'mark', options.startTime === undefined ? now() : options.startTime,
      0, options.detail);
    entries.push(entry);
    return entry;
  },
  measure(name, startOrOptions, endMark) {
    let start = 0;
    let end;
    let detail;
    if (startOrOptions !== null && typeof startOrOptions === 'object') {
      ({ detail } = startOrOptions);
      if (startOrOptions.start !== undefined) {
        start = timeOf(startOrOptions.start);
      }
      if (startOrOptions.end !== undefined) {
        end = timeOf(startOrOptions.end);
      } else if (startOrOptions.duration !== undefined) {
        end = start + startOrOptions.duration;
      }
    } else if (startOrOptions !== undefined) {
      start = timeOf(startOrOptions);
    }
    if (end === undefined) {
      end = endMark !== undefined ? timeOf(endMark) : now();
    }
    const entry = new PerformanceEntry(String(name), 'measure', start, end - start, detail);
    entries.push(entry);
    return entry;
  },
  getEntries: () => listed(() => true),
  getEntriesByName: (name, type) => listed((e) => e.name === name && (type === undefined || e.entryType === type)),
  getEntriesByType: (type) => listed((e) => e.entryType === type),
  clearMarks: (name) => clear('mark', name),
  clearMeasures: (name) => clear('measure', name),
  toJSON() {
    return { timeOrigin, eventLoopUtilization: eventLoopUtilization() };
  },
};

const kMonitor = Symbol('kMonitor');

function figures(h) {
  return Array.from(host.delayFigures(h[kMonitor]), Number);
}

/** Node's Histogram, as monitorEventLoopDelay's ELDHistogram extends it: nanoseconds. */
class Histogram {
  constructor(monitor) {
    this[kMonitor] = monitor;
  }

  get count() { return figures(this)[0]; }

  get min() { return figures(this)[1]; }

  get max() { return figures(this)[2]; }

  get mean() { return figures(this)[3]; }

  get stddev() { return figures(this)[4]; }

  get exceeds() { return figures(this)[5]; }

  percentile(percentile) {
    if (typeof percentile !== 'number') {
      throw invalidArgType('percentile', 'of type number', percentile);
    }
    if (!(percentile > 0 && percentile <= 100)) {
      throw internal.codeError(RangeError, 'ERR_OUT_OF_RANGE',
        'The value of "percentile" is out of range. It must be > 0 && <= 100. Received ' + percentile);
    }
    return Number(host.delayPercentile(this[kMonitor], percentile));
  }

  get percentiles() {
    const map = new Map();
    const flat = Array.from(host.delayPercentiles(this[kMonitor]), Number);
    if (flat.length === 0) {
      map.set(100, 0); // Node's before the first sample
    }
    for (let i = 0; i < flat.length; i += 2) {
      map.set(flat[i], flat[i + 1]);
    }
    return map;
  }

  reset() {
    this[kMonitor].reset();
  }

  toJSON() {
    const percentiles = {};
    this.percentiles.forEach((v, k) => { percentiles[k] = v; });
    return { count: this.count, min: this.min, max: this.max, mean: this.mean, exceeds: this.exceeds,
      stddev: this.stddev, percentiles };
  }
}

class ELDHistogram extends Histogram {
  enable() {
    return Boolean(this[kMonitor].enable());
  }

  disable() {
    return Boolean(this[kMonitor].disable());
  }
}

/** Node's monitorEventLoopDelay({ resolution = 10 }): disabled until enable(). */
function monitorEventLoopDelay(options) {
  if (options === undefined) {
    options = {};
  }
  if (options === null || typeof options !== 'object') {
    throw invalidArgType('options', 'of type object', options);
  }
  const resolution = options.resolution === undefined ? 10 : options.resolution;
  if (typeof resolution !== 'number') {
    throw internal.codeError(TypeError, 'ERR_INVALID_ARG_TYPE',
      'The "options.resolution" property must be of type number. Received ' + internal.describe(resolution));
  }
  if (!Number.isInteger(resolution)) {
    throw internal.codeError(RangeError, 'ERR_OUT_OF_RANGE',
      'The value of "options.resolution" is out of range. It must be an integer. Received ' + resolution);
  }
  if (resolution < 1 || resolution > Number.MAX_SAFE_INTEGER) {
    throw internal.codeError(RangeError, 'ERR_OUT_OF_RANGE', 'The value of "options.resolution" is out of range. '
      + 'It must be >= 1 && <= 9007199254740991. Received ' + resolution);
  }
  return new ELDHistogram(host.delayMonitor(resolution));
}

module.exports = { performance, PerformanceEntry, monitorEventLoopDelay, constants: {} };
