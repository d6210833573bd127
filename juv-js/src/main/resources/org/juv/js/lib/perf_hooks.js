// perf_hooks: Node's `performance` (also a global): now() and timeOrigin on the monotonic clock,
// eventLoopUtilization() from the loop's idle time (juv's METRICS_IDLE_TIME, as Node's), and the
// User Timing marks and measures. Not here: PerformanceObserver, monitorEventLoopDelay,
// timerify, resource timing.
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

module.exports = { performance, PerformanceEntry, constants: {} };
