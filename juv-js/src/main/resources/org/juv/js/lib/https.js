// https: waits for TLS (see tls.js). The module loads, with an Agent class and globalAgent, so
// that HTTP libraries which also speak https (superagent, form-data) load and serve http;
// https.request, get and createServer throw ERR_FEATURE_UNAVAILABLE_ON_PLATFORM.
'use strict';

const http = require('http');
const tls = require('tls');

function unavailable(name) {
  return internal.codeError(Error, 'ERR_FEATURE_UNAVAILABLE_ON_PLATFORM',
    name + ' is not available: juv-js has no TLS yet');
}

class Agent extends http.Agent {
  constructor(options) {
    super(options);
    this.defaultPort = 443;
    this.protocol = 'https:';
  }
}

module.exports = {
  Agent,
  globalAgent: new Agent(),
  Server: tls.Server,
  createServer: () => { throw unavailable('https.createServer()'); },
  request: () => { throw unavailable('https.request()'); },
  get: () => { throw unavailable('https.get()'); },
};
