// Node's dns.lookup on the C library's resolver (juv-dns, on the thread pool), as Node's lookup
// uses getaddrinfo: same answers, in the resolver's order (Node 20's `verbatim: true`). The
// c-ares half of Node's dns (resolve*, reverse, Resolver) is not here.
'use strict';

const { isIP } = require('internal/ip');
const { dnsException, invalidArgType } = require('internal/errors');

const binding = internal.host.dns();

const ADDRCONFIG = 0x20;
const V4MAPPED = 0x8;
const ALL = 0x10;

function familyOf(options) {
  let family = options.family;
  if (family === 'IPv4') {
    family = 4;
  } else if (family === 'IPv6') {
    family = 6;
  }
  if (family === undefined || family === null) {
    return 0;
  }
  if (family !== 0 && family !== 4 && family !== 6) {
    throw internal.codeError(TypeError, 'ERR_INVALID_ARG_VALUE',
      "The property 'options.family' must be one of: 0, 4, 6. Received " + require('util').inspect(family));
  }
  return family;
}

function lookup(hostname, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = {};
  } else if (typeof options === 'number') {
    options = { family: options };
  } else if (options === undefined || options === null) {
    options = {};
  }
  if (typeof callback !== 'function') {
    throw invalidArgType('callback', 'of type function', callback);
  }
  if (hostname !== undefined && hostname !== null && typeof hostname !== 'string') {
    throw invalidArgType('hostname', 'of type string', hostname);
  }
  const family = familyOf(options);
  const all = options.all === true;
  let hints = 0;
  if (options.hints !== undefined && options.hints !== null) { // as Node's validateHints
    if (typeof options.hints !== 'number') {
      throw internal.codeError(TypeError, 'ERR_INVALID_ARG_TYPE',
        'The "options.hints" property must be of type number. Received ' + internal.describe(options.hints));
    }
    hints = options.hints >>> 0;
    if ((hints & ~(ADDRCONFIG | V4MAPPED | ALL)) !== 0) {
      throw internal.codeError(TypeError, 'ERR_INVALID_ARG_VALUE', "The argument 'hints' is invalid. Received " + hints);
    }
  }
  if (!hostname) {
    // Node answers a missing name with no address, without asking the resolver
    internal.nextTick(() => (all ? callback(null, []) : callback(null, null, family === 6 ? 6 : 4)));
    return {};
  }
  const literal = isIP(hostname);
  if (literal) {
    internal.nextTick(() => (all ? callback(null, [{ address: hostname, family: literal }])
      : callback(null, hostname, literal)));
    return {};
  }
  const id = internal.register(internal.request('GetAddrInfoReqWrap', function (status, flat) {
    internal.unregister(id);
    if (status < 0) {
      callback(dnsException(status, 'getaddrinfo', hostname));
      return;
    }
    const list = [];
    for (let i = 0; i < flat.length; i += 2) {
      list.push({ address: flat[i], family: flat[i + 1] });
    }
    if (list.length === 0) {
      callback(dnsException(-3008, 'getaddrinfo', hostname));
    } else if (all) {
      callback(null, list);
    } else {
      callback(null, list[0].address, list[0].family);
    }
  }));
  const err = binding.lookup(hostname, family, hints, id);
  if (err) {
    // refused before any lookup (a name with no ASCII form under 256 bytes): Node calls back next tick
    internal.unregister(id);
    internal.nextTick(() => callback(dnsException(err, 'getaddrinfo', hostname)));
  }
  return {};
}

const promises = {
  lookup(hostname, options) {
    return new Promise((resolve, reject) => {
      lookup(hostname, options, (err, address, family) => {
        if (err) {
          reject(err);
        } else {
          resolve(Array.isArray(address) ? address : { address, family });
        }
      });
    });
  },
};

module.exports = {
  lookup,
  promises,
  ADDRCONFIG,
  V4MAPPED,
  ALL,
  NOTFOUND: 'ENOTFOUND',
  ADDRINUSE: 'EADDRINUSE',
  CONNREFUSED: 'ECONNREFUSED',
};
