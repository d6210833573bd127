// require's edges: a missing module's code and first message line, require.resolve, the main
// module's identity and flags, exports versus module.exports, a module that throws is not cached,
// built-ins with and without the node: prefix, and an unknown node: name.
const path = require('path');
console.log(require.main === module, module.id, path.basename(__filename), path.basename(__dirname), module.loaded);
try {
  require('./modules/does-not-exist');
} catch (e) {
  console.log(e.code, e.message.split('\n')[0]);
}
try {
  require('no-such-package-anywhere');
} catch (e) {
  console.log(e.code, e.message.split('\n')[0]);
}
console.log(path.relative(__dirname, require.resolve('./modules/a')), require.resolve('fs'), require.resolve('node:path'));
console.log(require('node:fs') === require('fs'), require('events') === require('node:events'));
try {
  require('node:nope');
} catch (e) {
  console.log(e.code, e.message);
}
try {
  require('');
} catch (e) {
  console.log(e.code, e.message);
}
const b = require('./modules/b');
console.log(typeof b, Object.keys(require.cache).some((k) => k.endsWith('b.js')));
setImmediate(() => console.log('loaded after main:', module.loaded));
