// zlib: every format round-trips, node's own gzip output decompresses (also two members in a row),
// streams pipe through gzip and gunzip, and corrupt or cut input fails with zlib's errors; in the
// language Rhino takes too. (Compressed bytes are not printed: Node's zlib is Chromium's fork.)
var zlib = require('zlib');

var text = 'hello hello hello hello '.repeat(100) + 'ünïcödé';
var pairs = [['deflateSync', 'inflateSync'], ['gzipSync', 'gunzipSync'], ['deflateRawSync', 'inflateRawSync'],
  ['gzipSync', 'unzipSync'], ['deflateSync', 'unzipSync']];
pairs.forEach(function (p) {
  var z = zlib[p[0]](text);
  console.log(p[0], p[1], zlib[p[1]](z).toString() === text, z.length < text.length);
});
console.log(zlib.gzipSync(text).subarray(0, 3).toString('hex'), zlib.deflateSync('x')[0].toString(16));
console.log(zlib.inflateSync(zlib.deflateSync(Buffer.alloc(0))).length, zlib.gunzipSync(zlib.gzipSync('', { level: 9 })).length);
console.log(zlib.inflateSync(zlib.deflateSync(text, { level: 1, strategy: zlib.constants.Z_FILTERED })).toString() === text);

// `echo -n hello | gzip -n`, and Node's own gzip of "hello"
var fromGzip = Buffer.from('1f8b0800000000000003cb48cdc9c9070086a6103605000000', 'hex');
console.log(zlib.gunzipSync(fromGzip).toString(), zlib.gunzipSync(Buffer.concat([fromGzip, fromGzip])).toString());
var named = Buffer.from('1f8b08080000000000036100cb48cdc9c9070086a6103605000000', 'hex'); // FNAME "a"
console.log(zlib.gunzipSync(named).toString(), zlib.unzipSync(named).toString());

// zero padding after a member is ignored (junk is not: below)
console.log(zlib.gunzipSync(Buffer.concat([fromGzip, Buffer.alloc(7)])).toString());

function show(fn) {
  try {
    fn();
    console.log('no error');
  } catch (e) {
    console.log(e.message, e.code, e.errno);
  }
}
show(function () { zlib.inflateSync(Buffer.from('not zlib')); });
show(function () { zlib.gunzipSync(fromGzip.subarray(0, 15)); });
show(function () { zlib.gunzipSync(Buffer.from('xx not gzip at all')); });
var bad = Buffer.from(fromGzip);
bad[bad.length - 5] ^= 1; // the CRC
show(function () { zlib.gunzipSync(bad); });
show(function () { zlib.inflateSync(Buffer.alloc(0)); });
show(function () { zlib.gunzipSync(Buffer.concat([fromGzip, Buffer.from('trailing junk')])); });
show(function () { zlib.deflateSync(text, { level: 11 }); });
show(function () { zlib.deflateSync(42); });

// One after the other: Node's thread pool finishes independent jobs in any order.
function streams(next) {
  var gz = zlib.createGzip();
  var gun = zlib.createGunzip();
  var out = '';
  var chunks = 0;
  gun.on('data', function (d) { out += d; chunks++; });
  gun.on('end', function () {
    console.log('stream', out === text + text, gz.bytesWritten, chunks > 0);
    next();
  });
  gz.pipe(gun);
  gz.write(text);
  gz.end(text);
}

function callbacks(next) {
  zlib.deflate(text, function (err, buf) {
    zlib.inflate(buf, function (err2, back) {
      console.log('async', err, err2, back.toString() === text);
      zlib.inflate(Buffer.from('bad'), function (err3) {
        console.log('async error', err3.code, err3.message);
        next();
      });
    });
  });
}

function streamError() {
  var broken = zlib.createInflate();
  broken.on('error', function (err) { console.log('stream error', err.code, err.message); });
  broken.end(Buffer.from('bad input'));
}

// two members in a stream, cut anywhere
var twoMembers = Buffer.concat([zlib.gzipSync('first '), zlib.gzipSync('second')]);
function cuts(list, next) {
  if (list.length === 0) {
    next();
    return;
  }
  var parts = [];
  var g = zlib.createGunzip();
  g.on('data', function (d) { parts.push(String(d)); });
  g.on('end', function () {
    console.log('cut', list[0], JSON.stringify(parts.join('')));
    cuts(list.slice(1), next);
  });
  g.write(twoMembers.subarray(0, list[0]));
  g.end(twoMembers.subarray(list[0]));
}

streams(function () { cuts([5, 24, 26, 28], function () { callbacks(streamError); }); });
console.log(zlib.constants.Z_BEST_COMPRESSION, zlib.Z_SYNC_FLUSH, zlib.codes.Z_DATA_ERROR, zlib.codes['-3']);
console.log('sync end');
