exports.loaded = false;
const a = require('./a'); // a cycle: a's exports so far
console.log('in b, a.loaded =', a.loaded);
exports.loaded = true;
