// Node's legacy url API: url.parse (with parseQueryString and slashesDenoteHost), url.format of
// legacy objects and of WHATWG URLs with options, url.resolve and resolveObject, and the helpers
// domainToASCII/domainToUnicode, fileURLToPath/pathToFileURL and urlToHttpOptions.
'use strict';

const url = require('url');

const keys = ['protocol', 'slashes', 'auth', 'host', 'port', 'hostname', 'hash', 'search', 'query', 'pathname', 'path', 'href'];
function fields(u) {
  return keys.map((k) => k + '=' + (typeof u[k] === 'object' && u[k] !== null ? JSON.stringify(Object.assign({}, u[k])) : JSON.stringify(u[k]))).join(' ');
}

const inputs = [
  'http://user:pass@host.com:8080/p/a/t/h?query=string#hash',
  'HTTP://Host.COM/Path?Q#H',
  'https://host.com',
  'https://host.com?x=1',
  'https://host.com#frag',
  '//host.com/path',
  '/just/a/path?x=1&y=2',
  '/path with spaces?q=a b',
  '/a|b?c|d',
  'relative/path',
  '?only=query',
  '#only-hash',
  '',
  '  http://trimmed.com/  ',
  'mailto:user@example.com',
  'mailto:user@example.com?subject=hi',
  'javascript:alert("hi there")',
  'file:///etc/passwd',
  'file:relative',
  'file://host/share',
  'x:y',
  'HTTP:noslashes',
  'http:/one-slash',
  'foo://bar/baz',
  'foo:bar/baz',
  'data:text/plain,hello',
  'http://[::1]:3000/x',
  'http://[fe80::1]/',
  'http://münchen.de/',
  'http://ÄÖ.com/path',
  'http://a b.com/c',
  'http://a.com:/x',
  'http://x:8a/',
  'http://a@b@c.com/',
  'http://us%20er:p%40ss@host.com/',
  'http://host.com/a\\b\\c?d\\e#f\\g',
  'http:\\\\host.com\\x',
  "http://host.com/'quote'\"<>`{}|^",
  'http://host.com/é?é#é',
  'http://host.com/\t\n\r',
  'http://a\tb\nc.com/',
  'http://UPPER.case.COM:80/',
  'http://host.com/?a=1&a=2&b=&c',
  'http://' + 'x'.repeat(300) + '.com/',
  'http://host.com:65536/',
  'sftp://user@host:22/dir/',
];
for (const input of inputs) {
  console.log(JSON.stringify(input));
  for (const args of [[], [true], [false, true]]) {
    try {
      const u = url.parse(input, ...args);
      console.log('  ' + fields(u));
      console.log('  format: ' + url.format(u) + ' | ' + u.format());
    } catch (e) {
      console.log('  ' + e.name + ' ' + e.code + ' ' + e.message);
    }
  }
}
for (const bad of ['http://a[b]/', 'http://[::1/', 'http://xn--/', 'http://a\u200db/', 5, null, undefined]) {
  try {
    url.parse(bad);
    console.log('no error');
  } catch (e) {
    console.log(JSON.stringify(bad), e.name, e.code, e.message);
  }
}
console.log(url.parse('http://x/y') instanceof url.Url, url.parse(url.parse('http://x/')).href);

const objects = [
  { protocol: 'http', host: 'a.com', pathname: 'x' },
  { protocol: 'http:', hostname: 'a.com', port: 8080, pathname: '/x', search: 'q=1', hash: 'h' },
  { protocol: 'https', hostname: '::1', port: '443' },
  { hostname: 'a.com', query: { a: 1, b: [2, 3], c: 'x y' } },
  { host: 'a.com', query: 'ignored=1' },
  { protocol: 'mailto', auth: 'user', hostname: 'x.com' },
  { protocol: 'file', pathname: '/etc' },
  { protocol: 'foo', slashes: true, host: 'h', pathname: 'p' },
  { protocol: 'foo', host: 'h', pathname: 'p' },
  { pathname: '/a?b#c', search: '?x#y', hash: 'z' },
  { auth: 'us er:p@ss', host: 'h' },
  { slashes: true, pathname: 'p' },
  { protocol: 'HTTP', host: 'H' },
  { search: '', query: { a: 1 } },
  {},
];
for (const o of objects) {
  console.log(JSON.stringify(o), '->', url.format(o));
}
for (const bad of [null, undefined, 5, true]) {
  try {
    url.format(bad);
  } catch (e) {
    console.log(e.name, e.code, e.message);
  }
}
const w = new URL('https://us:pw@xn--mnchen-3ya.de:81/p?q=1#h');
console.log(url.format(w));
console.log(url.format(w, { auth: false }), url.format(w, { fragment: false }), url.format(w, { search: false }));
console.log(url.format(w, { unicode: true }), url.format(w, { auth: false, fragment: false, search: false, unicode: true }));
console.log(url.format('http://A.com/b c'));
try {
  url.format(w, 'opts');
} catch (e) {
  console.log(e.name, e.code, e.message);
}

const bases = ['http://a/b/c/d;p?q', 'http://u:p@a.com:8080/x/y?z#w', '/one/two/three', 'one/two', 'mailto:a@b.com', 'file:///etc/x', 'http://a', 'foo:a/b', '//h/p'];
const refs = ['g:h', 'g', './g', 'g/', '/g', '//g', '?y', 'g?y', '#s', 'g#s', ';x', '', '.', './', '..', '../', '../g',
  '../..', '../../g', '../../../../g', '/./g', '/../g', 'g.', '..g', './g/.', 'g/../h', 'g?y/../x', 'http:g',
  'http:/g', 'https:g', 'https://g/h', 'mailto:x@y', 'mailto:another.host.com', 'mailto:z/../w', 'javascript:void(0)', 'file:///z', '//g/h?i#j', 'HTTP://G/',
  'http://a/b/c/../d', 'foo:bar', 'x@y'];
for (const base of bases) {
  console.log('base ' + base + ':');
  console.log('  ' + refs.map((r) => JSON.stringify(r) + '=' + url.resolve(base, r)).join(' '));
}
const ro = url.resolveObject('http://user@a.com/b/c?x#y', '../d?z');
console.log(ro instanceof url.Url, fields(ro));
console.log(url.resolveObject('', 'x'), url.parse('http://a/b/c').resolve('d'), fields(url.parse('mailto:a@b').resolveObject('c')));

for (const d of ['example.com', 'EXAMPLE.com', 'español.com', 'xn--espaol-zwa.com', 'münchen.de', '☃.net', 'a%41b.com',
  '0x7f.1', '1.2.3', '[::1]', 'xn--', 'a b', '', 'ﬀ.com', 'faß.de', 'ΑΣ.gr']) {
  console.log(JSON.stringify(d), JSON.stringify(url.domainToASCII(d)), JSON.stringify(url.domainToUnicode(d)));
}
try {
  url.domainToASCII();
} catch (e) {
  console.log(e.name, e.code, e.message);
}

for (const p of ['/tmp/a b', '/tmp/a%b', '/tmp/a#b?c', '/tmp/dir/', '/tmp/a\\b', '/tmp/é€😀', '/tmp/a\nb\tc',
  '/', '/tmp/./x/../y', '/tmp/[x]{y}|^`~', "/tmp/'\"<>", '/tmp/a;b=c,d&e+f$g!h(i)j*k@m:n']) {
  const u = url.pathToFileURL(p);
  console.log(JSON.stringify(p), u.href, JSON.stringify(url.fileURLToPath(u)), JSON.stringify(url.fileURLToPath(u.href)));
}
console.log(url.pathToFileURL('rel/x').href === new URL('rel/x', 'file://' + process.cwd() + '/').href);
for (const bad of ['http://x/a', 'file://host/a', 'file:///a%2fb', 'file:///a%2Fb', 'notaurl', 5, { href: 'file:///x', protocol: 'file:' }]) {
  try {
    console.log(url.fileURLToPath(bad));
  } catch (e) {
    console.log(e.name, e.code, e.message);
  }
}
console.log(url.fileURLToPath('file://localhost/a%20b'), url.fileURLToPath(new URL('file:///%E2%82%AC%25')));
try {
  url.pathToFileURL(5);
} catch (e) {
  console.log(e.name, e.code, e.message);
}
console.log(url.urlToHttpOptions(new URL('https://a%20b:c%40d@[::1]:8443/p/q?x=1#h')));
console.log(url.urlToHttpOptions(new URL('http://example.com/')));
console.log(Object.keys(url).join(','), url.URL === URL, url.URLSearchParams === URLSearchParams);
