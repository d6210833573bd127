// dns.lookup of localhost and of literal addresses (no query leaves the machine), callback and
// promise forms, in Node's order relative to the main module and ticks.
const dns = require('dns');
const net = require('net');

dns.lookup('localhost', { family: 4 }, (err, address, family) => {
  console.log('localhost v4:', err, address, family);
  dns.lookup('localhost', { family: 4, all: true }, (err, list) => {
    console.log('localhost v4 all:', err, list);
    dns.lookup('127.0.0.1', (err, a, f) => {
      console.log('literal:', err, a, f);
      dns.promises.lookup('::1').then((r) => {
        console.log('promise literal v6:', r);
        return require('dns/promises').lookup('localhost', { family: 4 });
      }).then((r) => {
        console.log('promise localhost:', r);
        dns.lookup('', (err, a, f) => console.log('empty:', err, a, f));
        dns.lookup('', { all: true }, (err, a) => console.log('empty all:', err, a));
      });
    });
  });
});
dns.lookup('::1', { all: true }, (err, list) => console.log('v6 literal all:', err, list));
// uv_getaddrinfo refuses a name whose ASCII form is 256 bytes or more before any lookup
dns.lookup('a'.repeat(300), (err, a, f) => console.log('too long:', err.code, err.syscall, err.errno,
  err.hostname.length, err.message.length, a, f));
dns.promises.lookup('b.'.repeat(150)).catch((err) => console.log('too long promise:', err.code));
process.nextTick(() => console.log('tick'));
console.log('main');
for (const s of ['127.0.0.1', '::1', '1.2.3', '256.1.1.1', '::ffff:10.0.0.1', 'fe80::1%lo', 'a::b::c', '', 'localhost', '01.2.3.4', '2001:db8::']) {
  console.log(JSON.stringify(s), net.isIP(s), net.isIPv4(s), net.isIPv6(s));
}
try {
  dns.lookup('localhost', { family: 5 }, () => {});
} catch (e) {
  console.log(e.code);
}
try {
  dns.lookup(42, () => {});
} catch (e) {
  console.log(e.code);
}
