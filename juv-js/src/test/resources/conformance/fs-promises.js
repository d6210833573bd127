// fs.promises and FileHandle with async/await, and fs/promises as a module.
const fsp = require('fs/promises');
const fs = require('fs');
const path = require('path');
const os = require('os');

console.log(fsp === fs.promises);

async function main() {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'juv-fs-p-'));
  const p = (name) => path.join(dir, name);
  const short = (s) => String(s).split(dir).join('<dir>');
  await fsp.writeFile(p('n.json'), JSON.stringify({ a: 1, b: [1, 2] }));
  console.log(JSON.parse(await fsp.readFile(p('n.json'), 'utf8')));
  await fsp.appendFile(p('n.json'), '\n');
  console.log((await fsp.stat(p('n.json'))).size);
  await fsp.mkdir(p('d'));
  await fsp.writeFile(p('d/one'), Buffer.from('1'));
  await fsp.copyFile(p('d/one'), p('d/two'));
  console.log(await fsp.readdir(p('d')));
  console.log((await fsp.readdir(dir, { withFileTypes: true })).map((e) => e.name + (e.isDirectory() ? '/' : '')));
  const fh = await fsp.open(p('h.txt'), 'w+');
  console.log(typeof fh.fd);
  const w = await fh.write('abcdef');
  console.log(w.bytesWritten, w.buffer);
  const r = await fh.read(Buffer.alloc(4), 0, 4, 1);
  console.log(r.bytesRead, r.buffer.toString());
  console.log((await fh.stat()).size);
  await fh.truncate(2);
  await fh.close();
  console.log(await fsp.readFile(p('h.txt'), 'utf8'));
  try {
    await fsp.readFile(p('missing'));
  } catch (e) {
    console.log(e.code, e.syscall, short(e.path), short(e.message));
  }
  try {
    await fsp.unlink(p('d'));
  } catch (e) {
    console.log(e.code, e.syscall);
  }
  await fsp.rename(p('d/two'), p('three'));
  await fsp.unlink(p('d/one'));
  await fsp.rmdir(p('d'));
  console.log(await fsp.readdir(dir));
  const results = await Promise.allSettled([fsp.stat(p('three')), fsp.stat(p('four'))]);
  console.log(results.map((x) => x.status + ' ' + (x.value ? x.value.size : x.reason.code)));
  await fsp.rm(dir, { recursive: true });
  await fsp.access(dir).catch((e) => console.log('gone:', e.code));
}

setTimeout(() => console.log('timer'), 0);
main().then(() => console.log('done'));
