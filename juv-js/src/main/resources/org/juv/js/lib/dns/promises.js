'use strict';
// require('dns/promises') is dns.promises.
module.exports = require('dns').promises;
