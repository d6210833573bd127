// tls: juv has no TLS yet (the JDK's SSLEngine over juv's TCP is the way; not done), so every way
// of making a secure server or connection throws ERR_FEATURE_UNAVAILABLE_ON_PLATFORM. The module
// loads, with its classes, so that code which only checks `instanceof tls.Server` (supertest) or
// reads its constants runs; code that needs TLS learns why it cannot have it.
'use strict';

const EventEmitter = require('events');

function unavailable(name) {
  return internal.codeError(Error, 'ERR_FEATURE_UNAVAILABLE_ON_PLATFORM',
    name + ' is not available: juv-js has no TLS yet');
}

class Server extends EventEmitter {
  constructor() {
    super();
    throw unavailable('tls.Server');
  }
}

class TLSSocket extends EventEmitter {
  constructor() {
    super();
    throw unavailable('tls.TLSSocket');
  }
}

module.exports = {
  Server,
  TLSSocket,
  createServer: () => { throw unavailable('tls.createServer()'); },
  connect: () => { throw unavailable('tls.connect()'); },
  createSecureContext: () => { throw unavailable('tls.createSecureContext()'); },
  checkServerIdentity: () => { throw unavailable('tls.checkServerIdentity()'); },
  getCiphers: () => [],
  rootCertificates: Object.freeze([]),
  DEFAULT_ECDH_CURVE: 'auto',
  DEFAULT_MIN_VERSION: 'TLSv1.2',
  DEFAULT_MAX_VERSION: 'TLSv1.3',
  DEFAULT_CIPHERS: '',
};
