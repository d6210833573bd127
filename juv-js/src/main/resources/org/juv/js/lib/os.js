// os: the basics a program asks of its host.
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

module.exports = {
  networkInterfaces,
  EOL: '\n',
  platform: () => 'linux',
  type: () => 'Linux',
  arch: () => 'x64',
  endianness: () => 'LE',
  homedir: () => process.env.HOME || '/',
  tmpdir: () => process.env.TMPDIR || '/tmp',
  hostname: () => process.env.HOSTNAME || 'localhost',
  devNull: '/dev/null',
  constants: Object.freeze({ signals: require('internal/signals') }),
};
// As in Node, EOL and devNull are constants: configurable, but not writable.
for (const name of ['EOL', 'devNull']) {
  Object.defineProperty(module.exports, name, { writable: false });
}
