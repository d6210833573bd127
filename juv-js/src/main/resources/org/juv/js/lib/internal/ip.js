// net.isIP and friends, shared by net, dns and dgram: textual IPv4 (dotted decimal, no leading
// zeros) and IPv6 (with :: compression, an embedded IPv4 tail, and a %zone) as Node accepts them.
'use strict';

const v4Part = '(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])';
const v4 = '(?:' + v4Part + '\\.){3}' + v4Part;
const IPV4 = new RegExp('^' + v4 + '$');
const h = '[0-9a-fA-F]{1,4}';
const IPV6 = new RegExp('^(?:'
  + '(?:' + h + ':){7}(?:' + h + '|:)|'
  + '(?:' + h + ':){6}(?:' + v4 + '|:' + h + '|:)|'
  + '(?:' + h + ':){5}(?::' + v4 + '|(?::' + h + '){1,2}|:)|'
  + '(?:' + h + ':){4}(?:(?::' + h + '){0,1}:' + v4 + '|(?::' + h + '){1,3}|:)|'
  + '(?:' + h + ':){3}(?:(?::' + h + '){0,2}:' + v4 + '|(?::' + h + '){1,4}|:)|'
  + '(?:' + h + ':){2}(?:(?::' + h + '){0,3}:' + v4 + '|(?::' + h + '){1,5}|:)|'
  + '(?:' + h + ':){1}(?:(?::' + h + '){0,4}:' + v4 + '|(?::' + h + '){1,6}|:)|'
  + '(?::(?:(?::' + h + '){0,5}:' + v4 + '|(?::' + h + '){1,7}|:))'
  + ')(?:%[0-9a-zA-Z.\\-_~]{1,})?$');

function isIPv4(s) {
  return typeof s === 'string' && IPV4.test(s);
}

function isIPv6(s) {
  return typeof s === 'string' && IPV6.test(s);
}

function isIP(s) {
  return isIPv4(s) ? 4 : isIPv6(s) ? 6 : 0;
}

/**
 * Node's validatePort: a number or a numeric string, an integer in 0..65535 (1..65535 unless
 * allowZero), else ERR_SOCKET_BAD_PORT; returns the port as a number.
 */
function validatePort(port, name = 'Port', allowZero = true) {
  if ((typeof port !== 'number' && typeof port !== 'string')
    || (typeof port === 'string' && port.trim().length === 0)
    || +port !== (+port >>> 0) || port > 0xFFFF || (port === 0 && !allowZero)) {
    throw internal.codeError(RangeError, 'ERR_SOCKET_BAD_PORT',
      name + ' should be ' + (allowZero ? '>=' : '>') + ' 0 and < 65536. Received ' + internal.describe(port) + '.');
  }
  return +port;
}

/** As Node's: a string that is not a number names a pipe (a Unix-domain socket's path), for net and http. */
function isPipeName(s) {
  return typeof s === 'string' && s !== '' && Number.isNaN(Number(s));
}

module.exports = { isPipeName, isIP, isIPv4, isIPv6, validatePort };
