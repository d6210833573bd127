// os: what a program asks of its host, from juv-core's Os (libuv's getters, read as libuv reads
// them on Linux).
'use strict';

/** The mask of a prefix length, written as inet_ntop writes it (IPv6: the longest zero run as ::). */
function netmask(prefix, v6) {
  if (!v6) {
    const bits = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
    return [24, 16, 8, 0].map((shift) => (bits >>> shift) & 0xff).join('.');
  }
  const groups = [];
  for (let i = 0; i < 8; i++) {
    const n = Math.max(0, Math.min(16, prefix - 16 * i));
    groups.push(((0xffff << (16 - n)) & 0xffff).toString(16));
  }
  let best = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; i++) {
    let j = i;
    while (j < 8 && groups[j] === '0') {
      j++;
    }
    if (j - i > bestLength) {
      best = i;
      bestLength = j - i;
    }
  }
  if (best < 0) {
    return groups.join(':');
  }
  return groups.slice(0, best).join(':') + '::' + groups.slice(best + bestLength).join(':');
}

/** os.networkInterfaces(): each interface that is up, with its addresses, as Node lists them. */
function networkInterfaces() {
  const flat = internal.host.interfaceAddresses();
  const out = {};
  for (let i = 0; i < flat.length; i += 7) {
    const [name, address, prefix, family, mac, isInternal, scopeid] = Array.prototype.slice.call(flat, i, i + 7);
    const entry = {
      address,
      netmask: netmask(Number(prefix), family === 'IPv6'),
      family,
      mac,
      internal: isInternal === 'true',
      cidr: address + '/' + prefix,
    };
    if (family === 'IPv6') {
      entry.scopeid = Number(scopeid);
    }
    (out[name] || (out[name] = [])).push(entry);
  }
  return out;
}

const host = internal.host;
const { systemError, validateInteger } = require('internal/errors');

const PRIORITY = Object.freeze({
  PRIORITY_LOW: 19, PRIORITY_BELOW_NORMAL: 10, PRIORITY_NORMAL: 0, PRIORITY_ABOVE_NORMAL: -7, PRIORITY_HIGH: -14,
  PRIORITY_HIGHEST: -20,
});

/**
 * os.tmpdir(), as Node's: TMPDIR, TMP or TEMP as process.env has them now (a program may change
 * them), else /tmp; a trailing slash taken off.
 */
function tmpdir() {
  const dir = process.env.TMPDIR || process.env.TMP || process.env.TEMP || '/tmp';
  return dir.length > 1 && dir.endsWith('/') ? dir.slice(0, -1) : dir;
}

/** os.userInfo({ encoding }): the user the process runs as; Buffers for encoding 'buffer'. */
function userInfo(options) {
  const r = host.userInfo();
  if (r.length === 1) {
    throw systemError(r[0], 'uv_os_get_passwd');
  }
  const encoding = options !== null && typeof options === 'object' ? options.encoding : undefined;
  const text = (v) => (v === null || v === undefined ? null
    : encoding === 'buffer' ? Buffer.from(String(v)) : String(v));
  return { uid: Number(r[1]), gid: Number(r[2]), username: text(r[0]), homedir: text(r[4]), shell: text(r[3]) };
}

/** os.getPriority(pid = 0): the nice value, as libuv reads it. */
function getPriority(pid) {
  pid = pid === undefined ? 0 : validateInteger(pid, 'pid', -2147483648, 2147483647);
  const r = host.getPriority(pid);
  if (r[0] < 0) {
    throw systemError(r[0], 'uv_os_getpriority');
  }
  return r[1];
}

/** os.setPriority([pid = 0,] priority). */
function setPriority(pid, priority) {
  if (priority === undefined) {
    priority = pid;
    pid = 0;
  }
  validateInteger(pid, 'pid', -2147483648, 2147483647);
  validateInteger(priority, 'priority', PRIORITY.PRIORITY_HIGHEST, PRIORITY.PRIORITY_LOW);
  const err = host.setPriority(pid, priority);
  if (err < 0) {
    throw systemError(err, 'uv_os_setpriority');
  }
}

/** os.cpus(): each logical CPU's model, speed (MHz, 0 if the kernel does not say) and times (ms). */
function cpus() {
  const flat = host.cpus();
  const out = [];
  for (let i = 0; i < flat.length; i += 7) {
    out.push({
      model: String(flat[i]),
      speed: Number(flat[i + 1]),
      times: { user: Number(flat[i + 2]), nice: Number(flat[i + 3]), sys: Number(flat[i + 4]),
        idle: Number(flat[i + 5]), irq: Number(flat[i + 6]) },
    });
  }
  return out;
}

module.exports = {
  networkInterfaces,
  cpus,
  EOL: '\n',
  platform: () => 'linux',
  type: () => String(host.uname()[0]),
  release: () => String(host.uname()[1]),
  version: () => String(host.uname()[2]),
  machine: () => String(host.uname()[3]),
  arch: () => 'x64',
  endianness: () => 'LE',
  homedir: () => process.env.HOME || String(host.dirs()[0]),
  tmpdir,
  hostname: () => String(host.hostname()),
  uptime: () => host.osFigure('uptime'),
  totalmem: () => host.osFigure('totalmem'),
  freemem: () => host.osFigure('freemem'),
  availableParallelism: () => host.osFigure('parallelism'),
  loadavg: () => Array.from(host.loadavg(), Number),
  devNull: '/dev/null',
  getPriority,
  setPriority,
  userInfo,
  constants: Object.freeze({ signals: require('internal/signals'), priority: PRIORITY }),
};
// As in Node, the getters that take no argument read as their value where a string or a
// number is wanted (`${os.hostname}`, +os.totalmem).
for (const name of ['arch', 'availableParallelism', 'endianness', 'freemem', 'homedir', 'hostname', 'machine', 'platform',
  'release', 'tmpdir', 'totalmem', 'type', 'uptime', 'version']) {
  const getter = module.exports[name];
  getter[Symbol.toPrimitive] = () => getter();
}
// As in Node, EOL and devNull are constants: configurable, but not writable.
for (const name of ['EOL', 'devNull']) {
  Object.defineProperty(module.exports, name, { writable: false });
}
