// WHATWG URL setters: each of href, protocol, username, password, host, hostname, port,
// pathname, search and hash given many values on special, non-special, file and opaque URLs,
// and how searchParams follows (and drives) the query.
'use strict';

const bases = [
  'https://user:pw@example.com:8443/a/b?q=1#f',
  'http://example.com/',
  'foo://host/p?x#y',
  'foo:/no/host',
  'file:///tmp/x',
  'mailto:someone@example.com',
  'sc:opaque  ?q#h',
];

const values = {
  href: ['http://new.example/x?y#z', 'not a url', '', 'HTTPS://ABC/'],
  protocol: ['http', 'https:', 'ws', 'file', 'foo', 'FTP', 'ht tp', 'mailto:', 'wss://ignored', '1x', ''],
  username: ['me', 'a b@c:d', '', 'é/?#'],
  password: ['secret', 'p@ss:w/rd', '', '😀'],
  host: ['other.com', 'other.com:99', 'OTHER.com:443', ':80', 'a:b', '[::1]:81', 'x y', 'x/y', '', 'münchen.de', '1.2.3', 'h:', 'h:99999'],
  hostname: ['other.com', 'other.com:99', '[::ffff:1.2.3.4]', '', 'bad host', 'ÄB', 'x?y', '0x10.1'],
  port: ['8080', '443', '80', '', '0', '65535', '65536', '12ab', 'ab', ' 1', '\t', 99, -1],
  pathname: ['/x/y', 'x', '', '/a/../b', '/./', '/sp ace/é', '/q?mark#hash', '\\back\\slash', '//double', '..'],
  search: ['?a=1', 'b=2', '', '?', '??c', '#not-hash', 'sp ace=é', "'quote'"],
  hash: ['#top', 'bottom', '', '#', '##x', 'sp ace', '`tick`'],
};

for (const [prop, list] of Object.entries(values)) {
  for (const base of bases) {
    const results = [];
    for (const value of list) {
      const u = new URL(base);
      let note = '';
      try {
        u[prop] = value;
      } catch (e) {
        note = ' threw ' + e.code;
      }
      results.push(JSON.stringify(value) + ' -> ' + u.href + note);
    }
    console.log(prop + ' on ' + base);
    for (const r of results) {
      console.log('  ' + r);
    }
  }
}

// The getters after a series of changes on one object.
const u = new URL('http://example.com/');
u.protocol = 'https';
u.username = 'ann';
u.password = 'pw';
u.host = 'EXAMPLE.org:8443';
u.pathname = '/docs/../api/v1';
u.search = 'x=1&y=2';
u.hash = 'part';
console.log(u.href, u.origin, u.host, u.port, u.pathname, u.search, u.hash);
u.port = '443';
u.hostname = 'example.net';
console.log(u.href, u.host, JSON.stringify(u.port));

// searchParams is live in both directions and keeps its identity.
const v = new URL('https://example.com/path?a=1&b=2&a=3#h');
const params = v.searchParams;
console.log(params.getAll('a'), params.get('b'), params.size);
params.append('c', 'x y+z');
console.log(v.href, v.search);
params.set('a', '9');
console.log(v.href);
params.delete('a');
params.delete('b');
params.delete('c');
console.log(JSON.stringify(v.href), JSON.stringify(v.search), params.size);
v.search = '?k=v&k=w';
console.log(params.getAll('k'), params === v.searchParams);
v.href = 'http://other/?n=1';
console.log(params.get('n'), params.get('k'), String(params));
v.search = '';
console.log(params.size, v.href);
params.append('é', '€');
params.sort();
console.log(v.href, v.search);
v.hash = '';
console.log(v.href, v.toString(), JSON.stringify({ v }));
