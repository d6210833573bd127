// require('path/win32'): path's Windows half, as path.win32.
'use strict';

module.exports = require('path').win32;
