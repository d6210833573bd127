// os: the basics a program asks of its host.
'use strict';

module.exports = {
  EOL: '\n',
  platform: () => 'linux',
  type: () => 'Linux',
  arch: () => 'x64',
  endianness: () => 'LE',
  homedir: () => process.env.HOME || '/',
  tmpdir: () => process.env.TMPDIR || '/tmp',
  hostname: () => process.env.HOSTNAME || 'localhost',
  devNull: '/dev/null',
};
