// WHATWG URL details: how every ASCII character (and a few others) is percent-encoded in each
// component of special, non-special and opaque URLs, then host parsing: IPv4 number forms,
// IPv6 compression, domains with IDNA mapping and punycode, opaque hosts, and the failures.
'use strict';

const chars = [];
for (let c = 0x20; c < 0x7f; c++) {
  chars.push(String.fromCharCode(c));
}
chars.push('\u0001', '\u007f', '\u0080', 'é', '€', '😀', '\ufeff', '\ud800');

function component(make, read) {
  const out = [];
  for (const ch of chars) {
    try {
      out.push(read(make(ch)));
    } catch (e) {
      out.push('!' + e.code);
    }
  }
  return out.join(' ');
}

const cases = {
  'special path': [(ch) => new URL('http://h/a' + ch + 'b'), (u) => u.pathname],
  'non-special path': [(ch) => new URL('foo://h/a' + ch + 'b'), (u) => u.pathname],
  'opaque path': [(ch) => new URL('foo:a' + ch + 'b'), (u) => u.pathname],
  'special query': [(ch) => new URL('http://h/?a' + ch + 'b'), (u) => u.search],
  'non-special query': [(ch) => new URL('foo://h/?a' + ch + 'b'), (u) => u.search],
  fragment: [(ch) => new URL('http://h/#a' + ch + 'b'), (u) => u.hash],
  'username setter': [(ch) => { const u = new URL('http://h/'); u.username = 'a' + ch + 'b'; return u; }, (u) => u.username],
  'password setter': [(ch) => { const u = new URL('http://h/'); u.password = 'a' + ch + 'b'; return u; }, (u) => u.password],
  'pathname setter': [(ch) => { const u = new URL('http://h/'); u.pathname = 'a' + ch + 'b'; return u; }, (u) => u.pathname],
  'search setter': [(ch) => { const u = new URL('http://h/'); u.search = 'a' + ch + 'b'; return u; }, (u) => u.search],
  'hash setter': [(ch) => { const u = new URL('http://h/'); u.hash = 'a' + ch + 'b'; return u; }, (u) => u.hash],
  'special host': [(ch) => new URL('http://a' + ch + 'b/'), (u) => u.host],
  'non-special host': [(ch) => new URL('foo://a' + ch + 'b/'), (u) => u.host],
  'searchParams value': [(ch) => { const u = new URL('http://h/'); u.searchParams.set('k', 'a' + ch + 'b'); return u; }, (u) => u.search],
};
for (const [name, [make, read]] of Object.entries(cases)) {
  console.log(name + ':');
  console.log('  ' + component(make, read));
}

const hosts = [
  '0', '1', '255.255.255.255', '0xff.0xff.0xff.0xff', '0377.0377.0377.0377', '0xffffffff', '037777777777', '4294967295',
  '1.0x2.03.4', '1.2.3.4.', '0x', '0x.0x', '00', '1.2.3.4.5', '1.2.3.256', '1.2.65536', '1.16777216', '0x1.0x2.0x3.0x4.',
  '09', '08.1', '1e2', '1.2.3.a', 'a.1.2.3', '1..2', '.1.2', '[::]', '[::1]', '[1::]', '[1::1]', '[1:2:3:4:5:6:7:8]',
  '[1:0:0:0:0:0:0:8]', '[0:0:1:0:0:1:0:0]', '[1:0:0:1:0:0:0:1]', '[::ffff:0:0]', '[::1.2.3.4]', '[1:2:3:4:5:6:1.2.3.4]',
  '[FFFF:ffff::]', '[1:2:3:4:5:6:7::]', '[::2:3:4:5:6:7:8]', '[1::2::3]', '[1:2:3:4:5:6:7:8:9]', '[:1]', '[1:]',
  '[12345::]', '[::1.2.3]', '[::1.2.3.4.5]', '[::01.2.3.4]', '[::256.1.1.1]', '[::1.2.3.4:1]', '[x]', '[]',
  'example.COM', 'EXAMPLE.com.', 'a..b', 'localhost', 'LOCALHOST', 'xn--nxasmq6b', 'XN--NXASMQ6B.com', 'xn--abc-',
  'xn--', 'xn--a', 'münchen.de', 'MÜNCHEN.DE', 'faß.de', 'ΑΣ.gr', 'İstanbul.tr', '日本語.jp', 'Ｅｘａｍｐｌｅ．ｃｏｍ',
  'a。b｡c', 'ab\u00adcd', 'a\u200bb', 'a\u200cb', 'a\u2060b', 'a\ufe0fb', 'ﬀ.com', 'Ⅻ.com', '㎒.com', 'ẞ.de', '☃.net',
  '😀.example', 'a%41b', '%e2%98%83', 'a%2eb', 'a%zzb', 'a%00b', 'a%20b', '%C2%AD', 'a\u00a0b', 'a\u3000b', 'a\ufffdb',
  'a_b', '-a-', 'a*b', "a'b", 'a(b)', 'a,b', 'a=b', 'a$b', 'a&b', 'a!b', 'a~b', 'a+b', 'a;b', 'a"b', 'a`b', 'a{b}',
];
for (const h of hosts) {
  const results = [];
  for (const scheme of ['http', 'foo', 'file']) {
    try {
      const u = new URL(scheme + '://' + h + '/p');
      results.push(scheme + '=' + JSON.stringify(u.hostname));
    } catch (e) {
      results.push(scheme + '=' + e.code);
    }
  }
  console.log(JSON.stringify(h), results.join(' '));
}

// The hostname setter runs the same host parser.
const target = new URL('http://example.com:8080/p');
for (const h of ['0x7f.1', '[::1]', 'MÜNCHEN.de', 'bad host', '1.2.3.4.5', 'ok.example']) {
  target.hostname = h;
  console.log(JSON.stringify(h), target.href);
}
