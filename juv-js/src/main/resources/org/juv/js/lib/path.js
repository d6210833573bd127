// path: the POSIX half of Node's path module.
'use strict';

function assertPath(p, name) {
  if (typeof p !== 'string') {
    throw internal.codeError(TypeError, 'ERR_INVALID_ARG_TYPE',
      'The "' + (name || 'path') + '" argument must be of type string. Received ' + internal.describe(p));
  }
}

/** Resolves . and .. in a path; keeps leading .. of a relative path. */
function normalizeSegments(path, allowAboveRoot) {
  const out = [];
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') {
      continue;
    }
    if (seg === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') {
        out.pop();
      } else if (allowAboveRoot) {
        out.push('..');
      }
      continue;
    }
    out.push(seg);
  }
  return out.join('/');
}

const posix = {
  sep: '/',
  delimiter: ':',
  resolve(...args) {
    let resolved = '';
    let absolute = false;
    for (let i = args.length - 1; i >= -1 && !absolute; i--) {
      const p = i >= 0 ? args[i] : process.cwd();
      assertPath(p, 'paths[' + i + ']');
      if (p.length === 0) {
        continue;
      }
      resolved = p + '/' + resolved;
      absolute = p.charCodeAt(0) === 47;
    }
    resolved = normalizeSegments(resolved, !absolute);
    return absolute ? '/' + resolved : resolved.length > 0 ? resolved : '.';
  },
  normalize(p) {
    assertPath(p);
    if (p.length === 0) {
      return '.';
    }
    const absolute = p.charCodeAt(0) === 47;
    const trailing = p.charCodeAt(p.length - 1) === 47;
    let out = normalizeSegments(p, !absolute);
    if (out.length === 0) {
      if (absolute) {
        return '/';
      }
      return trailing ? './' : '.';
    }
    if (trailing) {
      out += '/';
    }
    return absolute ? '/' + out : out;
  },
  isAbsolute(p) {
    assertPath(p);
    return p.length > 0 && p.charCodeAt(0) === 47;
  },
  join(...args) {
    if (args.length === 0) {
      return '.';
    }
    let joined;
    for (let i = 0; i < args.length; i++) {
      assertPath(args[i]);
      if (args[i].length > 0) {
        joined = joined === undefined ? args[i] : joined + '/' + args[i];
      }
    }
    return joined === undefined ? '.' : posix.normalize(joined);
  },
  relative(from, to) {
    assertPath(from, 'from');
    assertPath(to, 'to');
    if (from === to) {
      return '';
    }
    const f = posix.resolve(from).split('/').filter(Boolean);
    const t = posix.resolve(to).split('/').filter(Boolean);
    let i = 0;
    while (i < f.length && i < t.length && f[i] === t[i]) {
      i++;
    }
    return [...f.slice(i).map(() => '..'), ...t.slice(i)].join('/');
  },
  dirname(p) {
    assertPath(p);
    if (p.length === 0) {
      return '.';
    }
    const absolute = p.charCodeAt(0) === 47;
    let end = -1;
    let matchedSlash = true;
    for (let i = p.length - 1; i >= 1; --i) {
      if (p.charCodeAt(i) === 47) {
        if (!matchedSlash) {
          end = i;
          break;
        }
      } else {
        matchedSlash = false;
      }
    }
    if (end === -1) {
      return absolute ? '/' : '.';
    }
    if (absolute && end === 1) {
      return '//';
    }
    return p.slice(0, end);
  },
  basename(p, ext) {
    assertPath(p);
    let end = p.length;
    while (end > 0 && p.charCodeAt(end - 1) === 47) {
      end--;
    }
    const start = p.lastIndexOf('/', end - 1) + 1;
    let base = p.slice(start, end);
    if (ext !== undefined && base !== ext && base.endsWith(ext)) {
      base = base.slice(0, base.length - ext.length);
    }
    return base;
  },
  extname(p) {
    assertPath(p);
    const base = posix.basename(p);
    const dot = base.lastIndexOf('.');
    return dot <= 0 || base === '..' ? '' : base.slice(dot);
  },
  parse(p) {
    assertPath(p);
    const root = p.charCodeAt(0) === 47 ? '/' : '';
    const base = posix.basename(p);
    const ext = posix.extname(p);
    let dir = posix.dirname(p);
    if (dir === '.' && !p.startsWith('.')) {
      dir = '';
    }
    return { root, dir, base, ext, name: ext ? base.slice(0, base.length - ext.length) : base };
  },
  format(o) {
    const dir = o.dir || o.root;
    const base = o.base || ((o.name || '') + (o.ext || ''));
    if (!dir) {
      return base;
    }
    return dir === o.root ? dir + base : dir + '/' + base;
  },
  toNamespacedPath(p) {
    return p;
  },
};
posix.posix = posix;
module.exports = posix;
