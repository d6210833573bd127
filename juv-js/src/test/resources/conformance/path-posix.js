// path: the POSIX functions.
const path = require('path');
console.log(path.join('/a/b', '../c', './d'), path.join('a', '', 'b/'), path.join());
console.log(path.resolve('/foo/bar', './baz'), path.resolve('/foo/bar', '/tmp/file/'));
console.log(path.normalize('/foo/bar//baz/asdf/quux/..'), path.normalize(''), path.normalize('./a/../..'));
console.log(path.dirname('/a/b/c'), path.dirname('a'), path.dirname('/'), path.dirname('/a'));
console.log(path.basename('/a/b/c.html'), path.basename('/a/b/c.html', '.html'), path.basename('/a/b/'));
console.log(path.extname('index.html'), path.extname('index.'), path.extname('.index'), path.extname('index'), path.extname('a.b.md'));
console.log(path.relative('/data/orandea/test/aaa', '/data/orandea/impl/bbb'), JSON.stringify(path.relative('/a', '/a')));
console.log(path.isAbsolute('/x'), path.isAbsolute('x'), path.sep, path.delimiter);
console.log(JSON.stringify(path.parse('/home/user/dir/file.txt')), path.format({ dir: '/x', base: 'y.z' }));
