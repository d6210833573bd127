// require('path/posix'): path's POSIX half, as path.posix.
'use strict';

module.exports = require('path').posix;
