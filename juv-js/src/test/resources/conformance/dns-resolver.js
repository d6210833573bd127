// dns.Resolver against a name server on loopback that this program runs: every record type in
// Node's shapes (TTLs, TXT chunks, compressed names), reverse lookups, response codes as errors,
// no data, a timeout, a malformed answer, cancel, and the checks of setServers,
// getServers and setLocalAddress; lookupService of 127.0.0.1. Nothing leaves 127.0.0.1.
// Written in ES5 for Rhino.
var dgram = require('dgram');
var dns = require('dns');

var TYPES = { A: 1, NS: 2, CNAME: 5, SOA: 6, PTR: 12, MX: 15, TXT: 16, AAAA: 28, SRV: 33, NAPTR: 35, ANY: 255, CAA: 257 };

function nameBytes(name) {
  var out = [];
  name.split('.').forEach(function (label) {
    if (label.length > 0) {
      out.push(label.length);
      for (var i = 0; i < label.length; i++) { out.push(label.charCodeAt(i)); }
    }
  });
  out.push(0);
  return out;
}
function u16(n) { return [(n >> 8) & 255, n & 255]; }
function u32(n) { return [(n >>> 24) & 255, (n >> 16) & 255, (n >> 8) & 255, n & 255]; }
function str(s) { var out = [s.length]; for (var i = 0; i < s.length; i++) { out.push(s.charCodeAt(i)); } return out; }
// A pointer to the question's name (offset 12), as servers compress answers.
var HERE = [0xC0, 12];

function record(type, ttl, data) {
  return HERE.concat(u16(type), u16(1), u32(ttl), u16(data.length), data);
}

var v6 = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x42];
var answersFor = {
  'a.test': [record(TYPES.CNAME, 5, nameBytes('real.test')), record(TYPES.A, 300, [10, 0, 0, 1]),
    record(TYPES.A, 4000000000, [10, 0, 0, 2])],
  'aaaa.test': [record(TYPES.CNAME, 30, nameBytes('real6.test')), record(TYPES.AAAA, 60, v6),
    record(TYPES.AAAA, 20, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 1, 2, 3, 4])],
  'cname.test': [record(TYPES.CNAME, 5, nameBytes('target.test'))],
  'mx.test': [record(TYPES.MX, 5, u16(10).concat(nameBytes('mail1.test'))), record(TYPES.MX, 5, u16(20).concat(HERE))],
  'ns.test': [record(TYPES.NS, 5, nameBytes('ns1.test')), record(TYPES.NS, 5, nameBytes('ns2.test'))],
  'txt.test': [record(TYPES.TXT, 5, str('v=spf1').concat(str(' -all'))), record(TYPES.TXT, 5, str('second'))],
  'srv.test': [record(TYPES.SRV, 5, u16(1).concat(u16(5), u16(5060), nameBytes('sip.test')))],
  'naptr.test': [record(TYPES.NAPTR, 5, u16(100).concat(u16(10), str('S'), str('SIP+D2U'), str(''), nameBytes('_sip._udp.test')))],
  'soa.test': [record(TYPES.SOA, 5, nameBytes('ns1.test').concat(nameBytes('admin.test'), u32(3210987654), u32(900), u32(600),
    u32(86400), u32(3600)))],
  'caa.test': [record(TYPES.CAA, 5, [0, 5].concat(str('issue').slice(1), 'ca.test'.split('').map(function (c) { return c.charCodeAt(0); }))),
    record(TYPES.CAA, 5, [128, 5].concat(str('iodef').slice(1), 'mailto:x@test'.split('').map(function (c) { return c.charCodeAt(0); })))],
  '9.0.0.127.in-addr.arpa': [record(TYPES.PTR, 5, nameBytes('loop.test')), record(TYPES.PTR, 5, nameBytes('loop2.test'))],
  '2.4.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa': [record(TYPES.PTR, 5, nameBytes('six.test'))],
  'any.test': [record(TYPES.SOA, 13, nameBytes('ns1.test').concat(nameBytes('admin.test'), u32(1), u32(2), u32(3), u32(4), u32(5))),
    record(TYPES.A, 7, [10, 9, 8, 7]), record(TYPES.AAAA, 8, v6), record(TYPES.MX, 9, u16(5).concat(nameBytes('m.test'))),
    record(TYPES.TXT, 10, str('t')), record(TYPES.SRV, 14, u16(1).concat(u16(2), u16(3), nameBytes('s.test'))),
    record(TYPES.NS, 11, nameBytes('n.test')), record(TYPES.PTR, 15, nameBytes('p.test'))],
  'anyalias.test': [record(TYPES.A, 7, [10, 9, 8, 7]), record(TYPES.CNAME, 12, nameBytes('c.test')),
    record(TYPES.AAAA, 8, v6)],
};
var rcodeFor = { 'nx.test': 3, 'servfail.test': 2, 'refused.test': 5, 'formerr.test': 1, 'notimp.test': 4 };

var server = dgram.createSocket('udp4');
var questions = 0;
server.on('message', function (msg, rinfo) {
  questions++;
  var labels = [];
  var p = 12;
  while (msg[p] !== 0) { labels.push(msg.toString('latin1', p + 1, p + 1 + msg[p])); p += 1 + msg[p]; }
  var name = labels.join('.');
  var qtype = msg.readUInt16BE(p + 1);
  if (name === 'silent.test' || name === 'cancel.test') {
    return; // never answered
  }
  var answers = (answersFor[name] || []).filter(function (r) {
    var t = (r[2] << 8) | r[3];
    return qtype === TYPES.ANY || t === qtype || t === TYPES.CNAME;
  });
  var header = u16(msg.readUInt16BE(0)).concat([0x81, 0x80 | (rcodeFor[name] || 0)], u16(1), u16(answers.length), u16(0), u16(0));
  var reply = header.concat(Array.prototype.slice.call(msg, 12, p + 5));
  answers.forEach(function (r) { reply = reply.concat(r); });
  if (name === 'garbled.test') {
    reply[7] = 5; // five answers announced, none there: EBADRESP once every try has had one
  }
  server.send(Buffer.from(reply), rinfo.port, rinfo.address);
});

function show(label) {
  return function (err, result) {
    if (err) {
      console.log(label, 'error', err.code, err.syscall, err.hostname, err.message, 'errno' in err, err.errno);
    } else {
      console.log(label, JSON.stringify(result));
    }
  };
}

server.bind(0, '127.0.0.1', function () {
  var port = server.address().port;
  var r = new dns.Resolver({ timeout: 1000, tries: 1 });
  r.setServers(['127.0.0.1:' + port]);
  console.log(JSON.stringify(r.getServers()) === JSON.stringify(['127.0.0.1:' + port]));
  var steps = [
    function (next) { r.resolve4('a.test', function (e, v) { show('resolve4')(e, v); next(); }); },
    function (next) { r.resolve4('a.test', { ttl: true }, function (e, v) { show('resolve4 ttl')(e, v); next(); }); },
    function (next) { r.resolve6('aaaa.test', { ttl: true }, function (e, v) { show('resolve6')(e, v); next(); }); },
    function (next) { r.resolveCname('cname.test', function (e, v) { show('cname')(e, v); next(); }); },
    function (next) { r.resolveMx('mx.test', function (e, v) { show('mx')(e, v); next(); }); },
    function (next) { r.resolveNs('ns.test', function (e, v) { show('ns')(e, v); next(); }); },
    function (next) { r.resolveTxt('txt.test', function (e, v) { show('txt')(e, v); next(); }); },
    function (next) { r.resolveSrv('srv.test', function (e, v) { show('srv')(e, v); next(); }); },
    function (next) { r.resolveNaptr('naptr.test', function (e, v) { show('naptr')(e, v); next(); }); },
    function (next) { r.resolveSoa('soa.test', function (e, v) { show('soa')(e, v); next(); }); },
    function (next) { r.resolveCaa('caa.test', function (e, v) { show('caa')(e, v); next(); }); },
    function (next) { r.resolveAny('any.test', function (e, v) { show('any')(e, v); next(); }); },
    function (next) { r.resolveAny('anyalias.test', function (e, v) { show('any alias')(e, v); next(); }); },
    function (next) { r.resolveCname('a.test', function (e, v) { show('cname of a')(e, v); next(); }); },
    function (next) { r.resolve('mx.test', 'MX', function (e, v) { show('resolve MX')(e, v); next(); }); },
    function (next) { r.resolve('a.test', function (e, v) { show('resolve')(e, v); next(); }); },
    function (next) { r.reverse('127.0.0.9', function (e, v) { show('reverse4')(e, v); next(); }); },
    function (next) { r.reverse('127.0.0.10', function (e, v) { show('reverse nx')(e, v); next(); }); },
    function (next) { r.reverse('2001:db8::42', function (e, v) { show('reverse6')(e, v); next(); }); },
    function (next) { r.resolve4('mx.test', function (e, v) { show('nodata')(e, v); next(); }); },
    function (next) { r.resolveSoa('a.test', function (e, v) { show('other records, soa')(e, v); next(); }); },
    function (next) { r.resolveSoa('mx.test', function (e, v) { show('nodata soa')(e, v); next(); }); },
    function (next) { r.resolveCname('mx.test', function (e, v) { show('nodata cname')(e, v); next(); }); },
    function (next) { r.resolve4('nx.test', function (e, v) { show('nxdomain')(e, v); next(); }); },
    function (next) { r.resolveTxt('servfail.test', function (e, v) { show('servfail')(e, v); next(); }); },
    function (next) { r.resolve4('refused.test', function (e, v) { show('refused')(e, v); next(); }); },
    function (next) { r.resolve4('formerr.test', function (e, v) { show('formerr')(e, v); next(); }); },
    function (next) { r.resolve4('notimp.test', function (e, v) { show('notimp')(e, v); next(); }); },
    function (next) { r.resolve4('silent.test', function (e, v) { show('timeout')(e, v); next(); }); },
    function (next) { r.resolve4('garbled.test', function (e, v) { show('garbled')(e, v); next(); }); },
    function (next) { r.resolveMx('x.onion', function (e, v) { show('onion')(e, v); next(); }); },
    function (next) {
      r.resolve4('cancel.test', function (e, v) { show('cancel')(e, v); next(); });
      setTimeout(function () { r.cancel(); }, 20);
    },
    function (next) {
      var p = new dns.promises.Resolver({ timeout: 1000, tries: 1 });
      p.setServers(['127.0.0.1:' + port]);
      p.resolveMx('mx.test').then(function (v) {
        console.log('promise mx', JSON.stringify(v));
        return p.resolve('nx.test', 'TXT');
      }).catch(function (e) {
        console.log('promise error', e.code, e.syscall, e.hostname);
        return p.reverse('127.0.0.9');
      }).then(function (v) { console.log('promise reverse', JSON.stringify(v)); next(); });
    },
    function (next) {
      // servers cannot change under a query in flight; dns.setServers makes a new default resolver
      var busy = new dns.Resolver({ timeout: 1000, tries: 1 });
      busy.setServers(['127.0.0.1:' + port]);
      busy.resolve4('a.test', function (e, v) { show('busy')(e, v); next(); });
      try { busy.setServers(['127.0.0.1']); } catch (e) { console.log(e.name, e.code, e.message); }
      dns.setServers(['127.0.0.1:' + port]);
      dns.resolve4('a.test', function () {});
      dns.setServers(['127.0.0.1:' + port]);
      console.log('default resolver replaced while busy');
    },
    function (next) {
      // getnameinfo through the C library: 127.0.0.1 is in /etc/hosts, so no name server is asked
      dns.lookupService('127.0.0.1', 22, function (e, host, service) {
        console.log('lookupService', e, host, service);
        dns.promises.lookupService('127.0.0.1', 80).then(function (v) { console.log(JSON.stringify(v)); next(); });
      });
    },
    function (next) {
      dns.setServers(['127.0.0.1:' + port]);
      console.log(dns.getServers()[0] === '127.0.0.1:' + port, dns.promises.getServers()[0] === '127.0.0.1:' + port);
      dns.promises.resolveTxt('txt.test').then(function (v) { console.log('default promises', JSON.stringify(v)); next(); });
    },
  ];
  (function run(i) {
    if (i < steps.length) {
      steps[i](function () { run(i + 1); });
      return;
    }
    checks();
    console.log('questions', questions);
    server.close();
  })(0);
});

function checks() {
  var r = new dns.Resolver();
  r.setServers(['4.4.4.4:53', '[2001:db8::1]:53', '10.1.1.1:666', '[fe80::1]:666', '[fe80::2]', '2001:db8::3']);
  console.log(JSON.stringify(r.getServers()));
  [['foobar'], ['127.0.0.1:va'], [' '], [1], 'x', ['[::1'], ['1.2.3.4:']].forEach(function (servers) {
    try { r.setServers(servers); console.log('set', JSON.stringify(servers)); } catch (e) { console.log(e.name, e.code, e.message); }
  });
  [['127.0.0.1'], ['::1'], ['127.0.0.1', '::1'], ['::1', '127.0.0.1'], ['127.0.0.1', '127.0.0.1'], ['bad'], [1], ['127.0.0.1', 2], []]
    .forEach(function (args) {
      try { r.setLocalAddress.apply(r, args); console.log('local', JSON.stringify(args)); } catch (e) { console.log(e.name, e.code, e.message); }
    });
  [function () { r.resolve4(1, function () {}); }, function () { r.resolve4('x'); }, function () { r.resolve('x', [], function () {}); },
    function () { r.resolve('x', 'BAD', function () {}); }, function () { new dns.Resolver({ timeout: 1.5 }); },
    function () { new dns.Resolver({ tries: 0 }); }, function () { new dns.Resolver({ timeout: 'x' }); },
    function () { dns.promises.resolve(); }, function () { dns.lookupService('127.0.0.1'); },
    function () { dns.lookupService('x', 80, function () {}); }, function () { r.reverse('bad', function () {}); }, function () { dns.lookupService('127.0.0.1', 70000, function () {}); },
  ].forEach(function (f) {
    try { f(); console.log('no error'); } catch (e) { console.log(e.name, e.code, e.message); }
  });
  console.log(dns.NODATA, dns.TIMEOUT, dns.CANCELLED, dns.promises.SERVFAIL, typeof dns.Resolver.prototype.resolveCaa,
    dns.getDefaultResultOrder());
}
