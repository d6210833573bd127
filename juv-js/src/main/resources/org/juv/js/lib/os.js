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
  homedir: () => String(host.dirs()[0]),
  tmpdir: () => String(host.dirs()[1]),
  hostname: () => String(host.hostname()),
  uptime: () => host.osFigure('uptime'),
  totalmem: () => host.osFigure('totalmem'),
  freemem: () => host.osFigure('freemem'),
  availableParallelism: () => host.osFigure('parallelism'),
  loadavg: () => Array.from(host.loadavg(), Number),
  devNull: '/dev/null',
  constants: Object.freeze({ signals: require('internal/signals') }),
};
// As in Node, EOL and devNull are constants: configurable, but not writable.
for (const name of ['EOL', 'devNull']) {
  Object.defineProperty(module.exports, name, { writable: false });
}
