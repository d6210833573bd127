// tty: isatty(fd) asks the C library, as Node's does. ReadStream and WriteStream (a terminal as a
// net.Socket, with raw mode and window size) wait for juv's TTY handle (uv_tty_t): constructing
// one throws ERR_FEATURE_UNAVAILABLE_ON_PLATFORM, as child_process does for processes.
'use strict';

function isatty(fd) {
  return Number.isInteger(fd) && fd >= 0 && fd <= 2147483647 && internal.host.isatty(fd);
}

function unavailable(name) {
  return require('internal/errors').unavailable(name, 'tty.' + name, 'juv-js has no TTY handle yet');
}

module.exports = {
  isatty,
  ReadStream: unavailable('ReadStream'),
  WriteStream: unavailable('WriteStream'),
};
