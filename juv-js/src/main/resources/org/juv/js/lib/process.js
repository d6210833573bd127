// process, as a module: the same object as the global.
'use strict';

module.exports = process;
