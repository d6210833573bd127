// os: getPriority/setPriority (libuv's nice values, SystemError on failure, Node's checks),
// constants.priority, userInfo (strings or Buffers), tmpdir and homedir read from process.env as
// it is now, and the getters that read as their value (`${os.hostname}`). Written in ES5 for Rhino.
var os = require('os');
console.log(JSON.stringify(os.constants.priority));
os.setPriority(0, 10);
console.log(os.getPriority(), os.getPriority(0));
os.setPriority(19);
console.log(os.getPriority(0));
os.setPriority(process.pid, 15);
console.log(os.getPriority(process.pid));
[function () { os.getPriority(-1); }, function () { os.setPriority(-1, 0); }, function () { os.getPriority('1'); },
  function () { os.getPriority(3.5); }, function () { os.getPriority(Math.pow(2, 32)); }, function () { os.setPriority(0, 20); },
  function () { os.setPriority(0, null); }, function () { os.setPriority(0, -21); }].forEach(function (f) {
  try { f(); console.log('no error'); } catch (e) {
    console.log(e.name, e.code, e.message, JSON.stringify(e.info), e.errno, e.syscall);
  }
});
var u = os.userInfo();
var b = os.userInfo({ encoding: 'buffer' });
console.log(Object.keys(u).join(','), typeof u.uid, typeof u.gid, u.username === b.username.toString(), Buffer.isBuffer(b.homedir),
  u.homedir === b.homedir.toString(), typeof u.shell);
var saved = [process.env.TMPDIR, process.env.TMP, process.env.TEMP];
process.env.TMPDIR = '/tmpdir/';
console.log(os.tmpdir(), String(os.tmpdir));
process.env.TMPDIR = '';
process.env.TMP = '/tmp2';
console.log(os.tmpdir());
delete process.env.TMP;
process.env.TEMP = '/';
console.log(os.tmpdir());
delete process.env.TMPDIR;
delete process.env.TEMP;
console.log(os.tmpdir());
var home = process.env.HOME;
process.env.HOME = '/somewhere/else';
console.log(os.homedir(), '' + os.homedir);
process.env.HOME = home;
console.log(os.hostname() === '' + os.hostname, +os.totalmem === os.totalmem(), '' + os.platform, '' + os.endianness,
  typeof os.loadavg[Symbol.toPrimitive]);

// process's credentials (POSIX): the effective ids are userInfo's; the groups hold the effective group
var ids = [process.getuid(), process.geteuid(), process.getgid(), process.getegid()];
console.log('credentials:', ids.every(function (n) { return typeof n === 'number' && n >= 0 && Math.floor(n) === n; }),
  process.geteuid() === os.userInfo().uid, process.getegid() === os.userInfo().gid,
  Array.isArray(process.getgroups()), process.getgroups().indexOf(process.getegid()) >= 0,
  process.getuid === process.getuid);
