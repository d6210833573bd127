// CommonJS: relative files, cycles, JSON, node_modules with package.json main, the cache.
const a = require('./modules/a');
console.log('a:', a.name, a.loaded);
console.log('same object from the cache:', require('./modules/a') === a);
const data = require('./modules/data.json');
console.log('json:', data.answer, data.list.length);
const greet = require('./modules/node_modules/greeter');
console.log(greet('juv'));
console.log(typeof require.resolve, require('node:path') === require('path'), __filename.endsWith('require-modules.js'));
try {
  require('./modules/missing');
} catch (e) {
  console.log('missing:', e.code);
}
console.log('main module:', require.main === module);
