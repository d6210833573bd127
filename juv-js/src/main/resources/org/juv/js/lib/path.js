// path: Node's path module. `posix` is what juv-js runs with (require('path') is path.posix);
// `win32` applies Windows' rules (drive letters, UNC shares, either separator) on any OS, as Node's
// path.win32 does. The results follow node 20's, quirks included: tests/conformance/path-*.js
// compare thousands of generated paths with what node prints.
'use strict';

const { invalidArgType } = require('internal/errors');

const SLASH = 47;
const BACKSLASH = 92;
const DOT = 46;
const COLON = 58;

/** Names Windows keeps for devices: before a colon they make a root ("CON:"), see win32.normalize. */
const RESERVED_DEVICES = ['CON', 'PRN', 'AUX', 'NUL',
  'COM1', 'COM2', 'COM3', 'COM4', 'COM5', 'COM6', 'COM7', 'COM8', 'COM9',
  'LPT1', 'LPT2', 'LPT3', 'LPT4', 'LPT5', 'LPT6', 'LPT7', 'LPT8', 'LPT9',
  'COM\u00b9', 'COM\u00b2', 'COM\u00b3', 'LPT\u00b9', 'LPT\u00b2', 'LPT\u00b3'];

function isSlash(c) {
  return c === SLASH;
}

function isWinSep(c) {
  return c === SLASH || c === BACKSLASH;
}

function isDriveLetter(c) {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** 'C:...': a drive letter and a colon open the path. */
function hasDrive(p) {
  return p.length >= 2 && p.charCodeAt(1) === COLON && isDriveLetter(p.charCodeAt(0));
}

/** What precedes the colon at colonIndex names a device (Node reads slice(0, -1) when there is none). */
function isReservedDevice(p, colonIndex) {
  return RESERVED_DEVICES.includes(p.slice(0, colonIndex).toUpperCase());
}

function assertString(value, name) {
  if (typeof value !== 'string') {
    throw invalidArgType(name, 'of type string', value);
  }
}

/**
 * The segments of p (cut at every separator) with '.' and empty ones dropped and each '..' taking
 * away the segment before it; a '..' with nothing before it stays when allowAboveRoot, else goes.
 * Joined with sep.
 */
function collapse(p, allowAboveRoot, isSep, sep) {
  const out = [];
  let from = 0;
  for (let i = 0; i <= p.length; i++) {
    if (i < p.length && !isSep(p.charCodeAt(i))) {
      continue;
    }
    const segment = p.slice(from, i);
    from = i + 1;
    if (segment === '' || segment === '.') {
      continue;
    }
    if (segment !== '..') {
      out.push(segment);
    } else if (out.length > 0 && out[out.length - 1] !== '..') {
      out.pop();
    } else if (allowAboveRoot) {
      out.push('..');
    }
  }
  return out.join(sep);
}

/**
 * The last component of p at or after index floor, trailing separators left out: start and end
 * (end -1 when there is none), and whether a separator bounds it on the left (else it starts at
 * floor).
 */
function lastComponent(p, floor, isSep) {
  let end = p.length;
  while (end > floor && isSep(p.charCodeAt(end - 1))) {
    end--;
  }
  if (end === floor) {
    return { start: floor, end: -1, bounded: false };
  }
  let start = end - 1;
  while (start > floor && !isSep(p.charCodeAt(start - 1))) {
    start--;
  }
  return { start, end, bounded: start > floor };
}

/**
 * Where the extension of the component from start to end begins: its last dot, unless that dot
 * opens the component or the component is '..' counted from dotDotBase (Node's parse counts it
 * from 0, not from the component, when an absolute POSIX path has one component only).
 */
function extensionStart(p, start, end, dotDotBase) {
  const dot = p.lastIndexOf('.', end - 1);
  if (dot <= start) {
    return -1;
  }
  if (end - start === 2 && start === dotDotBase && p.charCodeAt(start) === DOT && dot === start + 1) {
    return -1;
  }
  return dot;
}

/** basename's scan, both flavours: the component, with suffix taken off as Node does it. */
function baseName(p, suffix, floor, isSep) {
  const comp = lastComponent(p, floor, isSep);
  if (suffix === undefined || suffix.length === 0 || suffix.length > p.length) {
    return comp.end === -1 ? '' : p.slice(comp.start, comp.end);
  }
  if (suffix === p) {
    return '';
  }
  if (comp.end === -1) {
    // Only separators after the floor: Node hands back all of it.
    return p.slice(floor);
  }
  // Compare suffix with the component from its end; a separator in the suffix never matches.
  let k = suffix.length - 1;
  let i = comp.end - 1;
  while (i >= comp.start && k >= 0 && p.charCodeAt(i) === suffix.charCodeAt(k)) {
    i--;
    k--;
  }
  if (k < 0) {
    // The whole suffix matched; taking it off must leave something.
    const cut = i + 1;
    return p.slice(comp.start, cut === comp.start ? comp.end : cut);
  }
  if (i >= comp.start) {
    return p.slice(comp.start, comp.end);
  }
  // The component is the tail of a longer suffix: Node keeps the separators after it too.
  return p.slice(comp.start);
}

function extName(p, floor, isSep) {
  const comp = lastComponent(p, floor, isSep);
  if (comp.end === -1) {
    return '';
  }
  const dot = extensionStart(p, comp.start, comp.end, comp.start);
  return dot === -1 ? '' : p.slice(dot, comp.end);
}

/** parse's base, name and ext, both flavours, into ret; the component's start (or -1). */
function parseBase(p, ret, floor, isSep, dotDotBase) {
  const comp = lastComponent(p, floor, isSep);
  if (comp.end === -1) {
    return comp;
  }
  const dot = extensionStart(p, comp.start, comp.end, dotDotBase(comp));
  ret.base = p.slice(comp.start, comp.end);
  if (dot === -1) {
    ret.name = ret.base;
  } else {
    ret.name = p.slice(comp.start, dot);
    ret.ext = p.slice(dot, comp.end);
  }
  return comp;
}

function format(sep, pathObject) {
  if (pathObject === null || typeof pathObject !== 'object' || Array.isArray(pathObject)) {
    throw invalidArgType('pathObject', 'of type object', pathObject);
  }
  const dir = pathObject.dir || pathObject.root;
  const ext = pathObject.ext ? (pathObject.ext[0] === '.' ? '' : '.') + pathObject.ext : '';
  const base = pathObject.base || (pathObject.name || '') + ext;
  if (!dir) {
    return base;
  }
  return dir === pathObject.root ? dir + base : dir + sep + base;
}

// ------------------------------------------------------------------------------------ posix

const posix = {
  resolve(...args) {
    let resolved = '';
    let absolute = false;
    for (let i = args.length - 1; i >= 0 && !absolute; i--) {
      const p = args[i];
      assertString(p, 'paths[' + i + ']');
      if (p.length > 0) {
        resolved = p + '/' + resolved;
        absolute = p.charCodeAt(0) === SLASH;
      }
    }
    if (!absolute) {
      const cwd = process.cwd();
      resolved = cwd + '/' + resolved;
      absolute = cwd.charCodeAt(0) === SLASH;
    }
    resolved = collapse(resolved, !absolute, isSlash, '/');
    if (absolute) {
      return '/' + resolved;
    }
    return resolved.length > 0 ? resolved : '.';
  },

  normalize(p) {
    assertString(p, 'path');
    if (p.length === 0) {
      return '.';
    }
    const absolute = p.charCodeAt(0) === SLASH;
    const trailing = p.charCodeAt(p.length - 1) === SLASH;
    let out = collapse(p, !absolute, isSlash, '/');
    if (out.length === 0) {
      return absolute ? '/' : trailing ? './' : '.';
    }
    if (trailing) {
      out += '/';
    }
    return absolute ? '/' + out : out;
  },

  isAbsolute(p) {
    assertString(p, 'path');
    return p.length > 0 && p.charCodeAt(0) === SLASH;
  },

  join(...args) {
    let joined;
    for (let i = 0; i < args.length; i++) {
      assertString(args[i], 'path');
      if (args[i].length > 0) {
        joined = joined === undefined ? args[i] : joined + '/' + args[i];
      }
    }
    return joined === undefined ? '.' : posix.normalize(joined);
  },

  relative(from, to) {
    assertString(from, 'from');
    assertString(to, 'to');
    if (from === to) {
      return '';
    }
    from = posix.resolve(from);
    to = posix.resolve(to);
    if (from === to) {
      return '';
    }
    const f = from.split('/').filter(Boolean);
    const t = to.split('/').filter(Boolean);
    let common = 0;
    while (common < f.length && common < t.length && f[common] === t[common]) {
      common++;
    }
    const up = f.slice(common).map(() => '..');
    return up.concat(t.slice(common)).join('/');
  },

  toNamespacedPath(p) {
    return p;
  },

  dirname(p) {
    assertString(p, 'path');
    if (p.length === 0) {
      return '.';
    }
    const absolute = p.charCodeAt(0) === SLASH;
    // The separator before the last component (trailing separators skipped), index 0 left out.
    let end = p.length - 1;
    while (end >= 1 && p.charCodeAt(end) === SLASH) {
      end--;
    }
    while (end >= 1 && p.charCodeAt(end) !== SLASH) {
      end--;
    }
    if (end < 1) {
      return absolute ? '/' : '.';
    }
    return absolute && end === 1 ? '//' : p.slice(0, end);
  },

  basename(p, suffix) {
    if (suffix !== undefined) {
      assertString(suffix, 'suffix');
    }
    assertString(p, 'path');
    return baseName(p, suffix, 0, isSlash);
  },

  extname(p) {
    assertString(p, 'path');
    return extName(p, 0, isSlash);
  },

  format(pathObject) {
    return format('/', pathObject);
  },

  parse(p) {
    assertString(p, 'path');
    const ret = { root: '', dir: '', base: '', ext: '', name: '' };
    if (p.length === 0) {
      return ret;
    }
    const absolute = p.charCodeAt(0) === SLASH;
    if (absolute) {
      ret.root = '/';
    }
    const comp = parseBase(p, ret, absolute ? 1 : 0, isSlash, (c) => (c.bounded ? c.start : 0));
    if (comp.bounded) {
      ret.dir = p.slice(0, comp.start - 1);
    } else if (absolute) {
      ret.dir = '/';
    }
    return ret;
  },

  sep: '/',
  delimiter: ':',
};

// ------------------------------------------------------------------------------------ win32

/**
 * A UNC root: two separators, a server, separators, a share ('\\server\share'). The server's
 * text and where the share starts and ends, or null.
 */
function uncRoot(p) {
  const len = p.length;
  let j = 2;
  while (j < len && !isWinSep(p.charCodeAt(j))) {
    j++;
  }
  if (j === 2 || j === len) {
    return null;
  }
  const server = p.slice(2, j);
  while (j < len && isWinSep(p.charCodeAt(j))) {
    j++;
  }
  if (j === len) {
    return null;
  }
  const shareStart = j;
  while (j < len && !isWinSep(p.charCodeAt(j))) {
    j++;
  }
  return { server, shareStart, shareEnd: j };
}

/** A root that starts with two separators: a UNC share, or null (an absolute path and no more). */
function doubleSeparatorRoot(p) {
  return p.length > 1 && isWinSep(p.charCodeAt(0)) && isWinSep(p.charCodeAt(1)) ? uncRoot(p) : null;
}

/** What resolve and normalize take as a device: '\\server\share', or '\\.' and '\\?' for devices. */
function uncDevice(p, unc) {
  if (unc.server === '.' || unc.server === '?') {
    return { device: '\\\\' + unc.server, end: 4, share: false };
  }
  return { device: '\\\\' + unc.server + '\\' + p.slice(unc.shareStart, unc.shareEnd), end: unc.shareEnd, share: true };
}

/** resolve's view of a root: its device ('' for none), where it ends, and whether it is absolute. */
function resolveRoot(p) {
  if (p.length > 0 && isWinSep(p.charCodeAt(0))) {
    if (p.length === 1 || !isWinSep(p.charCodeAt(1))) {
      return { device: '', end: 1, absolute: true };
    }
    const unc = uncRoot(p);
    if (unc === null) {
      return { device: '', end: 0, absolute: true };
    }
    const dev = uncDevice(p, unc);
    return { device: dev.device, end: dev.end, absolute: true };
  }
  if (hasDrive(p)) {
    const absolute = p.length > 2 && isWinSep(p.charCodeAt(2));
    return { device: p.slice(0, 2), end: absolute ? 3 : 2, absolute };
  }
  return { device: '', end: 0, absolute: false };
}

/** dirname's and parse's root end: a UNC root takes the separator after its share too. */
function componentRootEnd(p) {
  const unc = doubleSeparatorRoot(p);
  if (unc !== null) {
    return unc.shareEnd === p.length ? p.length : unc.shareEnd + 1;
  }
  if (isWinSep(p.charCodeAt(0))) {
    return 1;
  }
  if (hasDrive(p)) {
    return p.length > 2 && isWinSep(p.charCodeAt(2)) ? 3 : 2;
  }
  return 0;
}

const win32 = {
  resolve(...args) {
    let device = '';
    let tail = '';
    let absolute = false;
    for (let i = args.length - 1; i >= -1; i--) {
      let p;
      if (i >= 0) {
        p = args[i];
        assertString(p, 'paths[' + i + ']');
        if (p.length === 0) {
          continue;
        }
      } else if (device.length === 0) {
        p = process.cwd();
      } else {
        // A drive-relative path: Windows keeps each drive's directory in the variable '=C:'.
        p = process.env['=' + device] || process.cwd();
        if (p === undefined ||
            (p.slice(0, 2).toLowerCase() !== device.toLowerCase() && p.charCodeAt(2) === BACKSLASH)) {
          p = device + '\\';
        }
      }
      const root = resolveRoot(p);
      if (root.device.length > 0) {
        if (device.length === 0) {
          device = root.device;
        } else if (root.device.toLowerCase() !== device.toLowerCase()) {
          continue; // a path on another device
        }
      }
      if (absolute) {
        if (device.length > 0) {
          break;
        }
      } else {
        tail = p.slice(root.end) + '\\' + tail;
        absolute = root.absolute;
        if (absolute && device.length > 0) {
          break;
        }
      }
    }
    tail = collapse(tail, !absolute, isWinSep, '\\');
    return absolute ? device + '\\' + tail : (device + tail) || '.';
  },

  normalize(p) {
    assertString(p, 'path');
    const len = p.length;
    if (len === 0) {
      return '.';
    }
    if (len === 1) {
      return p === '/' ? '\\' : p;
    }
    let device;
    let rootEnd = 0;
    let absolute = false;
    if (isWinSep(p.charCodeAt(0))) {
      absolute = true;
      if (isWinSep(p.charCodeAt(1))) {
        const unc = uncRoot(p);
        if (unc !== null) {
          const dev = uncDevice(p, unc);
          if (dev.share && unc.shareEnd === len) {
            return dev.device + '\\'; // a UNC root and nothing after it
          }
          device = dev.device;
          rootEnd = dev.end;
        }
      } else {
        rootEnd = 1;
      }
    } else {
      const colon = p.indexOf(':');
      if (colon === 1 && isDriveLetter(p.charCodeAt(0))) {
        device = p.slice(0, 2);
        rootEnd = 2;
        if (len > 2 && isWinSep(p.charCodeAt(2))) {
          absolute = true;
          rootEnd = 3;
        }
      } else if (colon > 0 && isReservedDevice(p, colon)) {
        device = p.slice(0, colon + 1);
        rootEnd = colon + 1;
      }
    }
    let tail = rootEnd < len ? collapse(p.slice(rootEnd), !absolute, isWinSep, '\\') : '';
    if (tail.length === 0 && !absolute) {
      tail = '.';
    }
    if (tail.length > 0 && isWinSep(p.charCodeAt(len - 1))) {
      tail += '\\';
    }
    if (!absolute && device === undefined && p.includes(':')) {
      // Never let a relative path come out looking like a drive or a device (CVE-2024-36139).
      if (hasDrive(tail)) {
        return '.\\' + tail;
      }
      for (let c = p.indexOf(':'); c !== -1; c = p.indexOf(':', c + 1)) {
        if (c === len - 1 || isWinSep(p.charCodeAt(c + 1))) {
          return '.\\' + tail;
        }
      }
    }
    if (isReservedDevice(p, p.indexOf(':'))) {
      return '.\\' + (device === undefined ? '' : device) + tail;
    }
    if (device === undefined) {
      return absolute ? '\\' + tail : tail;
    }
    return absolute ? device + '\\' + tail : device + tail;
  },

  isAbsolute(p) {
    assertString(p, 'path');
    if (p.length === 0) {
      return false;
    }
    return isWinSep(p.charCodeAt(0)) || (p.length > 2 && hasDrive(p) && isWinSep(p.charCodeAt(2)));
  },

  join(...args) {
    let joined;
    let first;
    for (let i = 0; i < args.length; i++) {
      assertString(args[i], 'path');
      if (args[i].length > 0) {
        if (joined === undefined) {
          joined = first = args[i];
        } else {
          joined += '\\' + args[i];
        }
      }
    }
    if (joined === undefined) {
      return '.';
    }
    // Leading separators collapse to one, so that normalize does not read a UNC root the caller
    // did not write; the first argument's exactly two separators and a name are taken as one.
    const meantUnc = first.length > 2 && isWinSep(first.charCodeAt(0)) && isWinSep(first.charCodeAt(1)) &&
      !isWinSep(first.charCodeAt(2));
    if (!meantUnc) {
      let n = 0;
      while (n < joined.length && isWinSep(joined.charCodeAt(n))) {
        n++;
      }
      if (n >= 2) {
        joined = '\\' + joined.slice(n);
      }
    }
    return win32.normalize(joined);
  },

  relative(from, to) {
    assertString(from, 'from');
    assertString(to, 'to');
    if (from === to) {
      return '';
    }
    const fromOrig = win32.resolve(from);
    const toOrig = win32.resolve(to);
    if (fromOrig === toOrig) {
      return '';
    }
    from = fromOrig.toLowerCase();
    to = toOrig.toLowerCase();
    if (from === to) {
      return '';
    }
    if (fromOrig.length !== from.length || toOrig.length !== to.length) {
      return relativeBySegments(fromOrig, toOrig);
    }
    return relativeByChars(fromOrig, toOrig, from, to);
  },

  toNamespacedPath(p) {
    if (typeof p !== 'string' || p.length === 0) {
      return p;
    }
    const resolved = win32.resolve(p);
    if (resolved.length <= 2) {
      return p;
    }
    if (resolved.charCodeAt(0) === BACKSLASH) {
      const c = resolved.charCodeAt(2);
      if (resolved.charCodeAt(1) === BACKSLASH && c !== 63 && c !== DOT) {
        return '\\\\?\\UNC\\' + resolved.slice(2);
      }
    } else if (hasDrive(resolved) && resolved.charCodeAt(2) === BACKSLASH) {
      return '\\\\?\\' + resolved;
    }
    return resolved;
  },

  dirname(p) {
    assertString(p, 'path');
    const len = p.length;
    if (len === 0) {
      return '.';
    }
    if (len === 1) {
      return isWinSep(p.charCodeAt(0)) ? p : '.';
    }
    const rootEnd = componentRootEnd(p);
    if (rootEnd === len && doubleSeparatorRoot(p) !== null) {
      return p; // a UNC root and nothing after it
    }
    let end = len - 1;
    while (end >= rootEnd && isWinSep(p.charCodeAt(end))) {
      end--;
    }
    while (end >= rootEnd && !isWinSep(p.charCodeAt(end))) {
      end--;
    }
    if (end >= rootEnd) {
      return p.slice(0, end);
    }
    return rootEnd === 0 ? '.' : p.slice(0, rootEnd);
  },

  basename(p, suffix) {
    if (suffix !== undefined) {
      assertString(suffix, 'suffix');
    }
    assertString(p, 'path');
    return baseName(p, suffix, hasDrive(p) ? 2 : 0, isWinSep);
  },

  extname(p) {
    assertString(p, 'path');
    return extName(p, hasDrive(p) ? 2 : 0, isWinSep);
  },

  format(pathObject) {
    return format('\\', pathObject);
  },

  parse(p) {
    assertString(p, 'path');
    const ret = { root: '', dir: '', base: '', ext: '', name: '' };
    const len = p.length;
    if (len === 0) {
      return ret;
    }
    if (len === 1) {
      if (isWinSep(p.charCodeAt(0))) {
        ret.root = ret.dir = p;
      } else {
        ret.base = ret.name = p;
      }
      return ret;
    }
    const rootEnd = componentRootEnd(p);
    if (hasDrive(p) && rootEnd === len) {
      ret.root = ret.dir = p; // 'C:' or 'C:\' alone
      return ret;
    }
    ret.root = p.slice(0, rootEnd);
    const comp = parseBase(p, ret, rootEnd, isWinSep, (c) => c.start);
    // A component right after the root keeps the root (with its separator) as its dir.
    ret.dir = comp.end !== -1 && comp.start > rootEnd ? p.slice(0, comp.start - 1) : ret.root;
    return ret;
  },

  sep: '\\',
  delimiter: ';',
};

/** relative when lower case changes a length: compare segment by segment (node 20's rule). */
function relativeBySegments(fromOrig, toOrig) {
  const f = fromOrig.split('\\');
  const t = toOrig.split('\\');
  if (f[f.length - 1] === '') {
    f.pop();
  }
  if (t[t.length - 1] === '') {
    t.pop();
  }
  const n = Math.min(f.length, t.length);
  let i = 0;
  while (i < n && f[i].toLowerCase() === t[i].toLowerCase()) {
    i++;
  }
  if (i === 0) {
    return toOrig;
  }
  if (i === n) {
    if (t.length > n) {
      return t.slice(i).join('\\');
    }
    if (f.length > n) {
      return '..\\'.repeat(f.length - 1 - i) + '..';
    }
    return '';
  }
  return '..\\'.repeat(f.length - i) + t.slice(i).join('\\');
}

/**
 * relative by characters of the lower-cased resolved paths (from, to), leading and trailing
 * backslashes aside; answers carry toOrig's case. Node's rules, its UNC quirks included: a share
 * or server that differs is climbed out of with '..', not answered with the whole target.
 */
function relativeByChars(fromOrig, toOrig, from, to) {
  const fs = skipBackslashes(from);
  const fe = trimBackslashes(from, fs);
  let ts = skipBackslashes(to);
  const te = trimBackslashes(to, ts);
  const fromLen = fe - fs;
  const toLen = te - ts;
  const n = Math.min(fromLen, toLen);
  let lastSep = -1;
  let i = 0;
  while (i < n && from.charCodeAt(fs + i) === to.charCodeAt(ts + i)) {
    if (from.charCodeAt(fs + i) === BACKSLASH) {
      lastSep = i;
    }
    i++;
  }
  if (i !== n) {
    if (lastSep === -1) {
      return toOrig; // nothing in common, not even the drive
    }
  } else {
    if (toLen > n) {
      if (to.charCodeAt(ts + i) === BACKSLASH) {
        return toOrig.slice(ts + i + 1); // from is an ancestor of to
      }
      if (i === 2) {
        return toOrig.slice(ts + i); // from is the drive's root
      }
    }
    if (fromLen > n) {
      if (from.charCodeAt(fs + i) === BACKSLASH) {
        lastSep = i; // to is an ancestor of from
      } else if (i === 2) {
        lastSep = 3; // to is the drive's root
      }
    }
    if (lastSep === -1) {
      lastSep = 0;
    }
  }
  // One '..' for each component of from after the common part.
  const ups = [];
  for (let k = fs + lastSep + 1; k <= fe; k++) {
    if (k === fe || from.charCodeAt(k) === BACKSLASH) {
      ups.push('..');
    }
  }
  ts += lastSep;
  if (ups.length > 0) {
    return ups.join('\\') + toOrig.slice(ts, te);
  }
  if (toOrig.charCodeAt(ts) === BACKSLASH) {
    ts++;
  }
  return toOrig.slice(ts, te);
}

function skipBackslashes(s) {
  let i = 0;
  while (i < s.length && s.charCodeAt(i) === BACKSLASH) {
    i++;
  }
  return i;
}

function trimBackslashes(s, start) {
  let end = s.length;
  while (end - 1 > start && s.charCodeAt(end - 1) === BACKSLASH) {
    end--;
  }
  return end;
}

posix._makeLong = posix.toNamespacedPath;
win32._makeLong = win32.toNamespacedPath;
posix.win32 = win32.win32 = win32;
posix.posix = win32.posix = posix;
module.exports = posix;
