// Node's dns. lookup and lookupService are the C library's resolver (juv-dns, on the thread
// pool), as Node's use getaddrinfo and getnameinfo: same answers, in the resolver's order (Node
// 20's `verbatim: true`). The c-ares half (Resolver, resolve*, reverse, setServers) asks the
// name servers itself over UDP, as c-ares does: internal/dns_channel.js.
'use strict';

const { isIP, validatePort } = require('internal/ip');
const { dnsException, invalidArgType, validateInteger } = require('internal/errors');
const { Channel, TYPES, shape, reverseName, hostsNames } = require('internal/dns_channel');

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

let invalidHostnameWarned = false;

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
  if (hostname && typeof hostname !== 'string') {
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
    // Node answers a missing name with no address, without asking the resolver (DEP0118)
    if (!invalidHostnameWarned) {
      invalidHostnameWarned = true;
      process.emitWarning('The provided hostname "' + String(hostname) + '" is not a valid hostname, and is supported in '
        + 'the dns module solely for compatibility.', 'DeprecationWarning', 'DEP0118');
    }
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

function lookupService(address, port, callback) {
  if (arguments.length !== 3) {
    throw internal.codeError(TypeError, 'ERR_MISSING_ARGS', 'The "address", "port", and "callback" arguments must be specified');
  }
  checkService(address, port);
  if (typeof callback !== 'function') {
    throw invalidArgType('callback', 'of type function', callback);
  }
  port = +port;
  const id = internal.register(internal.request('GetNameInfoReqWrap', function (status, names) {
    internal.unregister(id);
    if (status < 0) {
      callback(dnsException(status, 'getnameinfo', address));
    } else {
      callback(null, names[0], names[1]);
    }
  }));
  binding.lookupService(address, port, id);
  return {};
}

function checkService(address, port) {
  if (isIP(address) === 0) {
    throw internal.codeError(TypeError, 'ERR_INVALID_ARG_VALUE',
      "The argument 'address' is invalid. Received " + require('util').inspect(address));
  }
  validatePort(port);
}

// ---------------------------------------------------------------------------- the c-ares half

const DNS_PORT = 53;

function validateString(value, name) {
  if (typeof value !== 'string') {
    throw invalidArgType(name, 'of type string', value);
  }
}

/** A server as setServers reads it: [address, port], or null when it is no IP address. */
function parseServer(text) {
  if (isIP(text) !== 0) {
    return [text, DNS_PORT];
  }
  const bracketed = /^\[([^[\]]*)\](?::(\d+))?$/.exec(text);
  if (bracketed !== null && isIP(bracketed[1]) === 6) {
    return [bracketed[1], parseInt(bracketed[2], 10) || DNS_PORT];
  }
  const withPort = /^(.+?)(?::(\d+))?$/.exec(text);
  if (withPort !== null && isIP(withPort[1]) === 4) {
    return [withPort[1], parseInt(withPort[2] || DNS_PORT, 10)];
  }
  return null;
}

/** The query methods, by name, with the syscall Node's errors name and the record type. */
const QUERIES = {
  resolveAny: ['queryAny', TYPES.ANY], resolve4: ['queryA', TYPES.A], resolve6: ['queryAaaa', TYPES.AAAA],
  resolveCaa: ['queryCaa', TYPES.CAA], resolveCname: ['queryCname', TYPES.CNAME], resolveMx: ['queryMx', TYPES.MX],
  resolveNs: ['queryNs', TYPES.NS], resolveTxt: ['queryTxt', TYPES.TXT], resolveSrv: ['querySrv', TYPES.SRV],
  resolvePtr: ['queryPtr', TYPES.PTR], resolveNaptr: ['queryNaptr', TYPES.NAPTR], resolveSoa: ['querySoa', TYPES.SOA],
};
const RRTYPES = {
  A: 'resolve4', AAAA: 'resolve6', ANY: 'resolveAny', CAA: 'resolveCaa', CNAME: 'resolveCname', MX: 'resolveMx',
  NS: 'resolveNs', NAPTR: 'resolveNaptr', PTR: 'resolvePtr', SOA: 'resolveSoa', SRV: 'resolveSrv', TXT: 'resolveTxt',
};

/** A name as c-ares is given it: ASCII (IDNA for the rest). */
function asciiName(name) {
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(name) ? name : (require('url').domainToASCII(name) || name);
}

/** Runs a query on the resolver's channel; calls back (err, result) as Node's onresolve. */
function runQuery(resolver, syscall, type, name, ttl, callback) {
  resolver._handle.query(asciiName(name), type, (code, answers) => {
    if (code !== null) {
      callback(dnsException(code, syscall, name));
      return;
    }
    const result = shape(name, type, answers, ttl);
    if (typeof result === 'string' || (Array.isArray(result) && result.length === 0)) {
      callback(dnsException(typeof result === 'string' ? result : 'ENODATA', syscall, name));
      return;
    }
    callback(null, result);
  });
}

/**
 * reverse, as c-ares's gethostbyaddr: /etc/hosts first, then a PTR query; a failure of the query
 * reads as ENOTFOUND (c-ares tries its next source, and there is none), a cancel as ECANCELLED.
 */
function runReverse(resolver, ip, callback) {
  const local = hostsNames(ip);
  if (local !== null) {
    setImmediate(() => callback(null, local));
    return;
  }
  const name = reverseName(ip);
  resolver._handle.query(name, TYPES.PTR, (code, answers) => {
    if (code !== null) {
      callback(dnsException(code === 'ECANCELLED' || code === 'EDESTRUCTION' ? code : 'ENOTFOUND', 'getHostByAddr', ip));
      return;
    }
    const names = shape(name, TYPES.PTR, answers, false);
    if (names.length === 0) {
      callback(dnsException('ENOTFOUND', 'getHostByAddr', ip));
      return;
    }
    callback(null, names);
  });
}

class ResolverBase {
  constructor(options) {
    let timeout = -1;
    let tries = 4;
    if (options !== undefined && options !== null) {
      if (options.timeout !== undefined) {
        timeout = validateInteger(options.timeout, 'options.timeout', -1, 2147483647);
      }
      if (options.tries !== undefined) {
        tries = validateInteger(options.tries, 'options.tries', 1, 2147483647);
      }
    }
    this._handle = new Channel(timeout, tries);
  }

  cancel() {
    this._handle.cancel();
  }

  getServers() {
    return (this._handle.getServers() || []).map((s) => {
      if (!s[1] || s[1] === DNS_PORT) {
        return s[0];
      }
      return (isIP(s[0]) === 6 ? '[' + s[0] + ']' : s[0]) + ':' + s[1];
    });
  }

  setServers(servers) {
    if (!Array.isArray(servers)) {
      throw invalidArgType('servers', 'an instance of Array', servers);
    }
    const parsed = [];
    servers.forEach((server, index) => {
      validateString(server, 'servers[' + index + ']');
      const s = parseServer(server);
      if (s === null) {
        throw internal.codeError(TypeError, 'ERR_INVALID_IP_ADDRESS', 'Invalid IP address: ' + server);
      }
      parsed.push(s);
    });
    if (this._handle.pending.size > 0) {
      throw internal.codeError(Error, 'ERR_DNS_SET_SERVERS_FAILED',
        'c-ares failed to set servers: "There are pending queries." [' + internal.inspect(servers) + ']');
    }
    this._handle.servers = parsed;
  }

  setLocalAddress(ipv4, ipv6) {
    validateString(ipv4, 'ipv4');
    if (ipv6 !== undefined) {
      validateString(ipv6, 'ipv6');
    }
    const first = isIP(ipv4);
    const second = ipv6 === undefined ? 0 : isIP(ipv6);
    if (first === 0 || (ipv6 !== undefined && second === 0)) {
      throw internal.codeError(TypeError, 'ERR_INVALID_ARG_VALUE', 'Invalid IP address.');
    }
    if (first === second) {
      throw internal.codeError(TypeError, 'ERR_INVALID_ARG_VALUE', 'Cannot specify two IPv' + first + ' addresses.');
    }
    this._handle.local4 = first === 4 ? ipv4 : second === 4 ? ipv6 : undefined;
    this._handle.local6 = first === 6 ? ipv4 : second === 6 ? ipv6 : undefined;
  }
}

/** dns.Resolver: callbacks. */
class Resolver extends ResolverBase {
  resolve(hostname, rrtype, callback) {
    let method;
    if (typeof rrtype === 'string') {
      method = RRTYPES[rrtype];
    } else if (typeof rrtype === 'function') {
      method = 'resolve4';
      callback = rrtype;
    } else {
      throw invalidArgType('rrtype', 'of type string', rrtype);
    }
    if (method === undefined) {
      throw internal.codeError(TypeError, 'ERR_INVALID_ARG_VALUE',
        "The argument 'rrtype' is invalid. Received " + require('util').inspect(rrtype));
    }
    return this[method](hostname, callback);
  }

  reverse(ip, callback) {
    validateString(ip, 'name');
    if (typeof callback !== 'function') {
      throw invalidArgType('callback', 'of type function', callback);
    }
    if (reverseName(ip) === null) {
      // c-ares refuses what is no address before any query
      throw dnsException(-22, 'getHostByAddr', ip);
    }
    runReverse(this, ip, callback);
    return {};
  }
}

for (const method of Object.keys(QUERIES)) {
  const [syscall, type] = QUERIES[method];
  Resolver.prototype[method] = function (name, options, callback) {
    if (arguments.length <= 2) {
      callback = options;
      options = undefined;
    }
    validateString(name, 'name');
    if (typeof callback !== 'function') {
      throw invalidArgType('callback', 'of type function', callback);
    }
    runQuery(this, syscall, type, name, !!(options && options.ttl), callback);
    return {};
  };
}

/** dns.promises.Resolver: the same queries, as promises. */
class PromiseResolver extends ResolverBase {
  resolve(hostname, rrtype) {
    let method = 'resolve4';
    if (rrtype !== undefined) {
      validateString(rrtype, 'rrtype');
      method = RRTYPES[rrtype];
      if (method === undefined) {
        throw internal.codeError(TypeError, 'ERR_INVALID_ARG_VALUE',
          "The argument 'rrtype' is invalid. Received " + require('util').inspect(rrtype));
      }
    }
    return this[method](hostname);
  }

  reverse(ip) {
    validateString(ip, 'name');
    if (reverseName(ip) === null) {
      throw dnsException(-22, 'getHostByAddr', ip);
    }
    return new Promise((resolve, reject) => {
      runReverse(this, ip, (err, result) => (err ? reject(err) : resolve(result)));
    });
  }
}

for (const method of Object.keys(QUERIES)) {
  const [syscall, type] = QUERIES[method];
  PromiseResolver.prototype[method] = function (name, options) {
    validateString(name, 'name');
    return new Promise((resolve, reject) => {
      runQuery(this, syscall, type, name, !!(options && options.ttl), (err, result) => (err ? reject(err) : resolve(result)));
    });
  };
}

// One default resolver for dns and dns.promises, as Node's: setServers on either replaces it
// with a new one (so queries in flight go on, on the old one), for both.
let defaultResolver = new Resolver();

function setDefaultServers(servers) {
  const resolver = new Resolver();
  resolver.setServers(servers);
  defaultResolver = resolver;
}
const defaultPromiseResolver = Object.create(PromiseResolver.prototype);
Object.defineProperty(defaultPromiseResolver, '_handle', { get: () => defaultResolver._handle });

const ERROR_CODES = {
  NODATA: 'ENODATA', FORMERR: 'EFORMERR', SERVFAIL: 'ESERVFAIL', NOTFOUND: 'ENOTFOUND', NOTIMP: 'ENOTIMP',
  REFUSED: 'EREFUSED', BADQUERY: 'EBADQUERY', BADNAME: 'EBADNAME', BADFAMILY: 'EBADFAMILY', BADRESP: 'EBADRESP',
  CONNREFUSED: 'ECONNREFUSED', TIMEOUT: 'ETIMEOUT', EOF: 'EOF', FILE: 'EFILE', NOMEM: 'ENOMEM',
  DESTRUCTION: 'EDESTRUCTION', BADSTR: 'EBADSTR', BADFLAGS: 'EBADFLAGS', NONAME: 'ENONAME', BADHINTS: 'EBADHINTS',
  NOTINITIALIZED: 'ENOTINITIALIZED', LOADIPHLPAPI: 'ELOADIPHLPAPI', ADDRGETNETWORKPARAMS: 'EADDRGETNETWORKPARAMS',
  CANCELLED: 'ECANCELLED',
};

let defaultResultOrder = 'verbatim';

function setDefaultResultOrder(order) {
  if (order !== 'ipv4first' && order !== 'verbatim') {
    throw internal.codeError(TypeError, 'ERR_INVALID_ARG_VALUE',
      "The argument 'dnsOrder' must be one of: 'verbatim', 'ipv4first'. Received " + require('util').inspect(order));
  }
  defaultResultOrder = order;
}

function getDefaultResultOrder() {
  return defaultResultOrder;
}

const promises = {
  lookup(hostname, options) {
    let settle;
    const result = new Promise((resolve, reject) => {
      settle = (err, address, family) => {
        if (err) {
          reject(err);
        } else {
          resolve(Array.isArray(address) ? address : { address, family });
        }
      };
    });
    lookup(hostname, options, settle); // bad arguments throw here, as Node's, not as a rejection
    return result;
  },
  lookupService(address, port) {
    if (arguments.length !== 2) {
      throw internal.codeError(TypeError, 'ERR_MISSING_ARGS', 'The "address" and "port" arguments must be specified');
    }
    checkService(address, port);
    return new Promise((resolve, reject) => {
      lookupService(address, port, (err, hostname, service) => (err ? reject(err) : resolve({ hostname, service })));
    });
  },
  Resolver: PromiseResolver,
  getDefaultResultOrder,
  setDefaultResultOrder,
  setServers: setDefaultServers,
  getServers: () => defaultResolver.getServers(),
};

module.exports = {
  lookup,
  lookupService,
  Resolver,
  getDefaultResultOrder,
  setDefaultResultOrder,
  setServers: setDefaultServers,
  ADDRCONFIG,
  ALL,
  V4MAPPED,
};
Object.assign(module.exports, ERROR_CODES);
module.exports.getServers = () => defaultResolver.getServers();
Object.assign(promises, ERROR_CODES);
for (const method of Object.keys(QUERIES).concat(['resolve', 'reverse'])) {
  module.exports[method] = function () {
    return Resolver.prototype[method].apply(defaultResolver, arguments);
  };
  promises[method] = function () {
    return PromiseResolver.prototype[method].apply(defaultPromiseResolver, arguments);
  };
}
module.exports.promises = promises;
