// crypto's hashes and HMACs (what Express's ETags and signed cookies use), random values by their
// shape, timingSafeEqual, and the errors of each; in the language Rhino takes too.
var crypto = require('crypto');

console.log(crypto.createHash('sha1').update('Hello from Express!').digest('base64'));
console.log(crypto.createHash('md5').update('a').update(Buffer.from('b')).digest('hex'));
console.log(crypto.createHash('SHA256').update('').digest('hex'));
console.log(crypto.createHash('sha384').update('héllo', 'utf8').digest('base64'));
console.log(crypto.createHash('sha256').update('68656c6c6f', 'hex').digest('hex'));
console.log(crypto.createHash('sha512-256').update(new Uint8Array([1, 2, 3])).digest('hex'));
console.log(crypto.createHash('sha3-256').update('abc').digest('hex'));
var h = crypto.createHash('sha512');
h.update('x');
var c = h.copy();
c.update('y');
console.log(h.digest('hex').slice(0, 32), c.digest('base64url').slice(0, 22));
var d = crypto.createHash('sha1').update('z').digest();
console.log(Buffer.isBuffer(d), d.length, d.toString('hex'));
console.log(crypto.createHmac('sha256', 'key').update('data').digest('hex'));
console.log(crypto.createHmac('sha1', '').update('d').digest('hex'));
console.log(crypto.createHmac('sha512', Buffer.alloc(200, 7)).update('long key').digest('base64'));
var hm = crypto.createHmac('md5', Buffer.from([1, 2, 3]));
hm.update('z');
console.log(hm.digest('hex'), JSON.stringify(hm.digest()), JSON.stringify(hm.digest('hex')));

function show(fn) {
  try {
    fn();
    console.log('no error');
  } catch (e) {
    console.log(e.name, e.code, e.message);
  }
}
show(function () { crypto.createHash('nope'); });
show(function () { h.update('again'); });
show(function () { h.digest(); });
show(function () { crypto.createHash(5); });
show(function () { crypto.createHash('sha1').update(42); });
show(function () { crypto.createHmac('nope', 'k'); });
show(function () { crypto.createHmac('sha1', null); });
show(function () { crypto.randomBytes(-1); });
show(function () { crypto.timingSafeEqual(Buffer.from('a'), Buffer.from('ab')); });

console.log(crypto.randomBytes(8).length, crypto.randomBytes(0).length);
console.log(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(crypto.randomUUID()));
console.log(crypto.timingSafeEqual(Buffer.from('ab'), Buffer.from('ab')), crypto.timingSafeEqual(Buffer.from('ab'), Buffer.from('ac')));
var ints = [];
for (var i = 0; i < 200; i++) {
  ints.push(crypto.randomInt(3, 6));
}
console.log(ints.every(function (n) { return n >= 3 && n < 6 && Number.isInteger(n); }), ints.indexOf(3) >= 0, ints.indexOf(5) >= 0);
var filled = crypto.randomFillSync(Buffer.alloc(4, 0), 1, 2);
console.log(filled.length, filled[0], filled[3]);
console.log(['md5', 'sha1', 'sha256', 'sha512'].every(function (n) { return crypto.getHashes().indexOf(n) >= 0; }));
console.log(crypto.pbkdf2Sync('password', 'salt', 1, 20, 'sha1').toString('hex')); // RFC 6070's first vector
console.log(crypto.pbkdf2Sync('password', 'salt', 4096, 32, 'sha256').toString('hex'));
console.log(crypto.pbkdf2Sync(Buffer.from([0xff, 0]), '', 3, 70, 'sha512').toString('base64'));
show(function () { crypto.pbkdf2Sync('a', 'b', 0, 10, 'sha1'); });
show(function () { crypto.pbkdf2Sync('a', 'b', 1, 10, 'nope'); });
crypto.randomBytes(4, function (err, buf) {
  console.log('async randomBytes', err, buf.length);
  crypto.pbkdf2('pw', 'salt', 10, 8, 'sha1', function (err2, key) { // after: pool jobs finish in any order
    console.log('async pbkdf2', err2, key.toString('hex'));
  });
});
console.log('sync end');
// every text encoding of a digest, for a hash and an HMAC
['hex', 'base64', 'base64url', 'latin1', 'binary', 'HEX', 'ucs2'].forEach(function (enc) {
  console.log(enc, JSON.stringify(crypto.createHash('sha1').update('enc').digest(enc)),
    JSON.stringify(crypto.createHmac('md5', 'k').update('enc').digest(enc)));
});
