// require('assert/strict'): assert in strict mode, as assert.strict.
'use strict';

module.exports = require('assert').strict;
