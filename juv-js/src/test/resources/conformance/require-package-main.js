// A folder required as a module, by its package.json "main" as Node's legacy resolver reads it:
// an empty "main" means index.js; "main" may name a file with or without its extension, or a
// folder with an index; a "main" naming nothing falls back to index.js with DEP0128; with no
// index either, the error names the package.json.
var fs = require('fs');
var os = require('os');
var path = require('path');

var root = fs.mkdtempSync(path.join(os.tmpdir(), 'juv-main-'));
function pkg(name, json, files) {
  var dir = path.join(root, name);
  fs.mkdirSync(dir);
  if (json !== null) {
    fs.writeFileSync(path.join(dir, 'package.json'), json);
  }
  Object.keys(files).forEach(function (f) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), files[f]);
  });
  return dir;
}
function show(name, dir) {
  try {
    console.log(name + ':', JSON.stringify(require(dir)), path.relative(root, require.resolve(dir)));
  } catch (e) {
    console.log(name + ':', e.code, e.message.replace(root, 'ROOT').split('\n')[0],
      e.path ? path.relative(root, e.path) : e.path);
  }
}
process.on('warning', function (w) {
  console.log('warning:', w.name, w.code, w.message.replace(root, 'ROOT'));
});

show('empty main', pkg('empty', '{"main":""}', { 'index.js': 'module.exports = "index";' }));
show('main with extension', pkg('ext', '{"main":"lib/a.js"}', { 'lib/a.js': 'module.exports = "a";', 'index.js': 'module.exports = "index";' }));
show('main without extension', pkg('noext', '{"main":"lib/b"}', { 'lib/b.js': 'module.exports = "b";' }));
show('main a folder', pkg('folder', '{"main":"lib"}', { 'lib/index.js': 'module.exports = "lib index";' }));
show('main a json file', pkg('json', '{"main":"data"}', { 'data.json': '{"x":1}' }));
show('main dot', pkg('dot', '{"main":"."}', { 'index.js': 'module.exports = "dot index";' }));
show('no package.json', pkg('bare', null, { 'index.js': 'module.exports = "bare";' }));
show('no main field', pkg('nomain', '{"name":"x"}', { 'index.js': 'module.exports = "nomain";' }));
show('main missing, index there', pkg('missing', '{"main":"gone.js"}', { 'index.js': 'module.exports = "fallback";' }));
show('main missing, no index', pkg('nothing', '{"main":"gone.js"}', {}));
setImmediate(function () {
  fs.rmSync(root, { recursive: true });
  console.log('done');
});
