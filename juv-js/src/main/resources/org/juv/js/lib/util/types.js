'use strict';
// require('util/types') is util.types.
module.exports = require('util').types;
