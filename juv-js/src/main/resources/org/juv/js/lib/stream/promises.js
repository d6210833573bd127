// stream/promises: pipeline and finished returning Promises; the same object as
// require('stream').promises.
'use strict';

module.exports = require('stream').promises;
