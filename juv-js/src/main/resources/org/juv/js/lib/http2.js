// http2: waits for TLS and an HTTP/2 framing layer, neither of which juv has. The module loads with
// its constants, so that HTTP libraries that can also speak HTTP/2 (superagent) load and serve
// HTTP/1.1; connect, createServer and createSecureServer throw ERR_FEATURE_UNAVAILABLE_ON_PLATFORM.
'use strict';

function unavailable(name) {
  return require('internal/errors').unavailable(name, 'http2.' + name + '()', 'juv-js has no HTTP/2');
}

const constants = {
  NGHTTP2_NO_ERROR: 0, NGHTTP2_PROTOCOL_ERROR: 1, NGHTTP2_INTERNAL_ERROR: 2, NGHTTP2_FLOW_CONTROL_ERROR: 3,
  NGHTTP2_SETTINGS_TIMEOUT: 4, NGHTTP2_STREAM_CLOSED: 5, NGHTTP2_FRAME_SIZE_ERROR: 6, NGHTTP2_REFUSED_STREAM: 7,
  NGHTTP2_CANCEL: 8, NGHTTP2_COMPRESSION_ERROR: 9, NGHTTP2_CONNECT_ERROR: 10, NGHTTP2_ENHANCE_YOUR_CALM: 11,
  NGHTTP2_INADEQUATE_SECURITY: 12, NGHTTP2_HTTP_1_1_REQUIRED: 13,
  HTTP2_HEADER_STATUS: ':status', HTTP2_HEADER_METHOD: ':method', HTTP2_HEADER_AUTHORITY: ':authority',
  HTTP2_HEADER_SCHEME: ':scheme', HTTP2_HEADER_PATH: ':path', HTTP2_HEADER_PROTOCOL: ':protocol',
  HTTP2_HEADER_HOST: 'host', HTTP2_HEADER_SET_COOKIE: 'set-cookie', HTTP2_HEADER_CONTENT_TYPE: 'content-type',
  HTTP2_HEADER_CONTENT_LENGTH: 'content-length', HTTP2_HEADER_CONNECTION: 'connection',
  HTTP2_METHOD_GET: 'GET', HTTP2_METHOD_POST: 'POST', HTTP2_METHOD_HEAD: 'HEAD',
  HTTP_STATUS_OK: 200, HTTP_STATUS_NOT_FOUND: 404,
};

module.exports = {
  constants,
  connect: unavailable('connect'),
  createServer: unavailable('createServer'),
  createSecureServer: unavailable('createSecureServer'),
  getDefaultSettings: unavailable('getDefaultSettings'),
  getPackedSettings: unavailable('getPackedSettings'),
  getUnpackedSettings: unavailable('getUnpackedSettings'),
  sensitiveHeaders: Symbol('nodejs.http2.sensitiveHeaders'),
};
