// Writable: cork/uncork batching writes into _writev, end() uncorking, decodeStrings false,
// defaultEncoding, setDefaultEncoding, end(chunk, cb) and the write callbacks' order.
const { Writable } = require('stream');
const log = (...a) => console.log(...a);

function describeChunks(chunks) {
  return chunks.map((c) => (Buffer.isBuffer(c.chunk) ? 'buf:' : 'str:') + c.chunk.toString() + '/' + c.encoding).join(' ');
}

const w = new Writable({
  highWaterMark: 6,
  write(chunk, enc, cb) {
    log('_write', chunk.toString(), enc);
    setImmediate(cb);
  },
  writev(chunks, cb) {
    log('_writev', chunks.length, describeChunks(chunks), 'allBuffers', chunks.allBuffers);
    setImmediate(cb);
  },
});
w.on('drain', () => log('drain'));
w.on('finish', () => log('finish'));
w.on('close', () => { log('close'); setImmediate(part2); });

w.cork();
log('corked', w.writableCorked);
log('w a', w.write('a', () => log('cb a')));
log('w bb', w.write('bb', () => log('cb bb')));
log('w ccc', w.write('ccc'));
log('buffered', w.writableBuffer.length, 'len', w.writableLength, 'needDrain', w.writableNeedDrain);
process.nextTick(() => {
  w.uncork();
  log('uncorked', w.writableCorked, 'len', w.writableLength);
  log('w dd', w.write('dd', () => log('cb dd')));
  log('w ee', w.write('ee', () => log('cb ee')));
  w.cork();
  w.cork();
  log('w ff', w.write('ff'));
  log('corked twice', w.writableCorked);
  w.end('gg', () => log('end cb'));
  log('after end corked', w.writableCorked, 'ended', w.writableEnded);
});

function part2() {
  // Strings kept as strings, with their encodings.
  const s = new Writable({
    decodeStrings: false,
    defaultEncoding: 'latin1',
    write(chunk, enc, cb) {
      log('s _write', typeof chunk, JSON.stringify(chunk.toString()), enc);
      cb();
    },
  });
  s.write('plain');
  s.write('6869', 'hex');
  s.write(Buffer.from('bytes'));
  s.setDefaultEncoding('BASE64');
  s.write('aGk=');
  log('s length', s.writableLength);

  // Strings decoded with the default encoding.
  const d = new Writable({
    defaultEncoding: 'hex',
    write(chunk, enc, cb) {
      log('d _write', chunk.length, JSON.stringify(chunk.toString()), enc);
      cb();
    },
  });
  d.write('414243');
  d.write('xyz', 'utf8');
  d.end('zz', 'latin1', () => {
    log('d end cb, finished', d.writableFinished);
    part3();
  });
}

function part3() {
  // _write only: buffered writes go one by one; _writev only: single writes go through it.
  const onlyV = new Writable({
    objectMode: true,
    writev(chunks, cb) {
      log('onlyV', chunks.length, JSON.stringify(chunks.map((c) => c.chunk)));
      process.nextTick(cb);
    },
  });
  onlyV.write({ n: 1 });
  onlyV.write({ n: 2 });
  onlyV.write({ n: 3 });
  onlyV.end({ n: 4 });
  onlyV.on('finish', () => log('onlyV finish'));
  const plain = new Writable({
    write(chunk, enc, cb) {
      log('plain', chunk.toString());
      process.nextTick(cb);
    },
  });
  plain.cork();
  plain.write('1');
  plain.write('2');
  plain.uncork();
  plain.end('3');
  plain.on('finish', () => log('plain finish'));
}
