// fs's synchronous calls: files, directories, links, stats, and the errors Node gives.
const fs = require('fs');
const path = require('path');
const os = require('os');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'juv-fs-sync-'));
const p = (name) => path.join(dir, name);
const short = (s) => String(s).split(dir).join('<dir>');

fs.writeFileSync(p('a.txt'), 'hello\n');
fs.appendFileSync(p('a.txt'), 'world \u00e9\u20ac\n');
console.log(JSON.stringify(fs.readFileSync(p('a.txt'), 'utf8')));
console.log(fs.readFileSync(p('a.txt')));
console.log(fs.readFileSync(p('a.txt'), { encoding: 'hex' }));
console.log(fs.readFileSync(p('a.txt'), 'base64'));
const st = fs.statSync(p('a.txt'));
console.log(st.size, st.isFile(), st.isDirectory(), st.isSymbolicLink(), (st.mode & 0o777).toString(8));
console.log(st.mtime instanceof Date, typeof st.mtimeMs, st.nlink);

fs.mkdirSync(p('sub'));
fs.mkdirSync(p('sub/x/y/z'), { recursive: true }) === undefined;
console.log(short(fs.mkdirSync(p('deep/er/still'), { recursive: true })));
console.log(fs.mkdirSync(p('deep/er'), { recursive: true }));
fs.writeFileSync(p('sub/b.bin'), Buffer.from([0, 1, 2, 255]));
fs.copyFileSync(p('a.txt'), p('sub/c.txt'));
fs.symlinkSync('a.txt', p('link'));
fs.linkSync(p('a.txt'), p('hard'));
console.log(fs.readdirSync(dir));
console.log(fs.readdirSync(dir, { withFileTypes: true }).map((d) => [d.name, d.isFile(), d.isDirectory(), d.isSymbolicLink()]));
console.log(fs.readlinkSync(p('link')), fs.lstatSync(p('link')).isSymbolicLink(), fs.statSync(p('link')).isFile());
console.log(short(fs.realpathSync(p('link'))), fs.statSync(p('hard')).nlink);
console.log(fs.existsSync(p('a.txt')), fs.existsSync(p('nope')));

fs.renameSync(p('sub/c.txt'), p('sub/d.txt'));
console.log(fs.readdirSync(p('sub')));
fs.chmodSync(p('sub/d.txt'), 0o600);
console.log((fs.statSync(p('sub/d.txt')).mode & 0o777).toString(8));
fs.utimesSync(p('sub/d.txt'), 1000, 2000);
console.log(fs.statSync(p('sub/d.txt')).mtimeMs, fs.statSync(p('sub/d.txt')).mtime.toISOString());
fs.truncateSync(p('sub/d.txt'), 3);
console.log(fs.readFileSync(p('sub/d.txt'), 'latin1'));

// descriptors
const fd = fs.openSync(p('fd.txt'), 'w+');
console.log(typeof fd, fs.writeSync(fd, 'abcdef'), fs.writeSync(fd, Buffer.from('XY'), 0, 2, 1));
const buf = Buffer.alloc(10, '.');
console.log(fs.readSync(fd, buf, 2, 6, 0), buf.toString());
console.log(fs.fstatSync(fd).size);
fs.ftruncateSync(fd, 2);
fs.closeSync(fd);
console.log(fs.readFileSync(p('fd.txt'), 'utf8'));

// errors, as Node shows them
function tryIt(label, f) {
  try {
    f();
    console.log(label, 'no error');
  } catch (e) {
    console.log(label, e.code, e.errno, e.syscall, short(e.path), short(e.dest), short(e.message));
  }
}
tryIt('read missing', () => fs.readFileSync(p('missing')));
tryIt('read dir', () => fs.readFileSync(dir));
tryIt('open missing', () => fs.openSync(p('missing/x'), 'r'));
tryIt('mkdir exists', () => fs.mkdirSync(p('sub')));
tryIt('rmdir not empty', () => fs.rmdirSync(p('sub')));
tryIt('unlink missing', () => fs.unlinkSync(p('missing')));
tryIt('rename missing', () => fs.renameSync(p('missing'), p('other')));
tryIt('stat missing', () => fs.statSync(p('missing')));
tryIt('readdir file', () => fs.readdirSync(p('a.txt')));
tryIt('open excl', () => fs.openSync(p('a.txt'), 'wx'));
tryIt('copy excl', () => fs.copyFileSync(p('a.txt'), p('hard'), fs.constants.COPYFILE_EXCL));
tryIt('readlink file', () => fs.readlinkSync(p('a.txt')));
tryIt('close bad fd', () => fs.closeSync(99999));
tryIt('bad flag', () => fs.openSync(p('a.txt'), 'q'));
tryIt('bad path type', () => fs.statSync({}));
tryIt('bad fd type', () => fs.fstatSync('3'));
tryIt('rm dir', () => fs.rmSync(p('sub')));
tryIt('rm force missing', () => fs.rmSync(p('missing'), { force: true }));
tryIt('mkdir under file', () => fs.mkdirSync(p('a.txt/x'), { recursive: true }));

fs.rmSync(dir, { recursive: true });
console.log(fs.existsSync(dir));
