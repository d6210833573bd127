// WHATWG URL parsing: every component of absolute and relative inputs (special and non-special
// schemes, userinfo, IPv4/IPv6 hosts, ports, dot segments, percent-encoding, opaque paths,
// file URLs), then inputs that must fail and the errors they throw.
'use strict';

const fields = ['href', 'origin', 'protocol', 'username', 'password', 'host', 'hostname', 'port', 'pathname', 'search', 'hash'];

function show(input, base) {
  try {
    const u = base === undefined ? new URL(input) : new URL(input, base);
    console.log(JSON.stringify(base === undefined ? input : [input, base]));
    console.log('  ' + fields.map((f) => f + '=' + JSON.stringify(u[f])).join(' '));
    console.log('  searchParams=' + u.searchParams + ' toJSON=' + u.toJSON() + ' same=' + (String(u) === u.href));
  } catch (e) {
    console.log(JSON.stringify(base === undefined ? input : [input, base]), '->', e.name, e.code, e.message,
      JSON.stringify(e.input), JSON.stringify(e.base), Object.keys(e).join(','));
  }
}

const absolute = [
  'http://example.com',
  'HTTP://EXAMPLE.COM:80/A/B?C=D#E',
  'https://user:pass@sub.example.com:8443/p/a/t/h?query=string#hash',
  'https://example.com:443/',
  'http://example.com:8080',
  'ws://example.com:80/chat',
  'wss://example.com:443/x',
  'ftp://ftp.example.com:21/file.txt',
  'ftp://user@ftp.example.com:2121/',
  'http://example.com:0/',
  'http://example.com:65535/',
  'http://example.com:/',
  'http://example.com:0000080/',
  'http://a/b/c/./../../g',
  'http://a/b/c/%2e%2E/d',
  'http://a/./b/../../c/.',
  'http://a/b/..',
  'http://a//b//c',
  'http://example.com/ spaces and "quotes" <tags> `ticks` {braces}',
  'http://example.com/pa th?que ry=va lue#frag ment',
  "http://example.com/?q='single'&x=\"double\"",
  'non-special://example.com/?q=\'single\'',
  'http://example.com/é?é=é#é',
  'http://example.com/😀?😀#😀',
  'http://example.com/%7e%zz%41?%zz#%',
  'http://example.com\\path\\to\\x',
  'http:\\\\example.com\\x',
  'http:example.com/x',
  'http:/example.com/x',
  'http:///example.com/x',
  'http://u%40ser:p%3Ass@example.com/',
  'http://us er:pa ss@example.com/',
  'http://a@b@c/',
  'http://:pass@example.com/',
  'http://user:@example.com/',
  'http://@example.com/',
  'http://192.168.0.1/',
  'http://0xC0.0250.1/',
  'http://3232235521/',
  'http://192.168.1/',
  'http://192.1/',
  'http://0x7f.1/',
  'http://1.2.3.4./',
  'http://[::1]/',
  'http://[::]/',
  'http://[2001:DB8::1]:8080/',
  'http://[2001:db8:0:0:1:0:0:1]/',
  'http://[1:0:0:2::3:0]/',
  'http://[::ffff:192.168.0.1]/',
  'http://[0:0:0:0:0:0:13.1.68.3]/',
  'http://EXAMPLE.com./',
  'http://ex%41mple.com/',
  'http://münchen.de/',
  'http://xn--mnchen-3ya.de/',
  'http://☃.net/',
  'http://faß.de/',
  'http://Ｅｘａｍｐｌｅ。ｃｏｍ/',
  'file:///etc/passwd',
  'file://localhost/etc/hosts',
  'file://server/share/x',
  'file:/tmp/x',
  'file:tmp/x',
  'file:///C:/Windows/../x',
  'file:///C|/x',
  'file://C:/x',
  'file:///a/../../b',
  'mailto:user@example.com',
  'mailto:user@example.com?subject=hi there#top',
  'javascript:alert("x y")',
  'data:text/plain;base64,SGVsbG8=',
  'urn:isbn:0451450523',
  'blob:https://example.com:8080/uuid',
  'blob:null/uuid',
  'foo://host:123/path?q#f',
  'foo://HOST/Path',
  'foo://h%41st/',
  'foo://[::1]:8/',
  'foo:///abs',
  'foo:/a/../b',
  'foo:/.//x',
  'foo://',
  'sc:  opaque path  ',
  'sc:\u0001control\u007f',
  '  \t http://example.com/\n trimmed \r ',
  'http://ex\tam\nple.com/pa\tth',
  'HtTpS://MiXeD.CaSe/Path',
  'a+b-c.d://host/',
];
for (const input of absolute) {
  show(input);
}

const base = 'http://user:pw@example.com:8080/a/b/c?q=1#frag';
const relative = ['', '#', '#x', '?', '?y=2', 'd', './d', '../d', '../../d', '../../../../d', '/d', '//other/d',
  '///triple', 'd?z#w', '.', '..', './', '../', 'g;x=1/../y', '\\d', '//[::1]:99', 'https:d', 'http:d',
  'http:/d', 'foo:d', '  d  ', 'é', '%2e%2e/d', '.%2E/d'];
for (const r of relative) {
  show(r, base);
}
show('d', 'file:///dir/file');
show('/d', 'file://host/dir/file');
show('C:/x', 'file:///dir/file');
show('..', 'file:///C:/');
show('?q', 'sc:opaque');
show('#f', 'sc:opaque');
show('x', 'foo://h/a/b');
show('/x', 'foo:/a');

const invalid = ['', 'example.com', '//example.com', 'http://', 'http://:80/', 'http://exa mple.com/',
  'http://ex<ample.com/', 'http://example.com:65536/', 'http://example.com:8o/', 'http://[::1/',
  'http://[::1::2]/', 'http://[1:2:3:4:5:6:7:8:9]/', 'http://[::1.2.3]/', 'http://[g::1]/', 'http://1.2.3.4.5/',
  'http://256.0.0.1/', 'http://4294967296/', 'http://0x100000000/', 'http://09.1/', 'http://a.1/',
  'http://%zz/', 'http://a%00b/', 'http://xn--/', 'http://a\u200db/', 'http://user@/', 'https://@/',
  'foo://a b/', 'foo://a<b/', 'foo://[/', 'file://[x]/', '?q', '#h', 'http://\u00a0/'];
for (const input of invalid) {
  show(input);
}
show('d', 'not a base');
show('x', 'sc:opaque');
try {
  new URL();
} catch (e) {
  console.log('no arguments:', e.name, e.code, e.message);
}
console.log('objects become strings:', new URL({ toString: () => 'http://obj/' }).href, new URL('/p', new URL('http://b/x')).href);
console.log('canParse:', URL.canParse('http://x'), URL.canParse('x'), URL.canParse('x', 'http://b/'), URL.canParse('x', 'bad'));
console.log('parse:', URL.parse('bad'), URL.parse('/p?q', 'http://b/').href);

// URL's static operations are enumerable data properties, as Web IDL makes them
console.log(['parse', 'canParse', 'createObjectURL', 'revokeObjectURL'].map((k) => {
  const d = Object.getOwnPropertyDescriptor(URL, k);
  return k + ':' + typeof d.value + ',' + d.enumerable + ',' + d.writable + ',' + d.configurable;
}).join(' '));
