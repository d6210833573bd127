// process: argv, env (names setenv refuses), hrtime shapes, memoryUsage keys, nextTick with arguments, exitCode as the
// exit status, and the order of 'beforeExit' (which can schedule more work) and 'exit'.
const path = require('path');
console.log(process.argv.length, path.basename(process.argv[1]), process.argv0);
console.log(typeof process.env.PATH, process.env.JUV_NOT_SET, 'PATH' in process.env);
// Names setenv refuses (empty, or holding '=') are dropped, with no error.
process.env['=d:'] = 'D:\\dir';
process.env[''] = 'x';
process.env.JUV_SET = 1;
console.log(process.env['=d:'], '' in process.env, process.env.JUV_SET, Object.keys(process.env).filter((k) => k === '' || k.includes('=')).length);
const t = process.hrtime();
console.log(Array.isArray(t), t.length, typeof process.hrtime.bigint(), process.hrtime(t)[0] >= 0);
console.log(Object.keys(process.memoryUsage()).sort().join(','));
console.log(typeof process.pid, process.platform, typeof process.uptime(), process.cwd() === path.resolve('.'));
console.log(process.version.startsWith('v'), typeof process.versions.node, process.title, process.exitCode);
process.nextTick((a, b, c) => console.log('tick args', a, b, c), 1, 'two', [3]);
let rounds = 0;
process.on('beforeExit', (code) => {
  console.log('beforeExit', code, rounds);
  if (rounds++ < 2) {
    setTimeout(() => console.log('more work', rounds), 1);
  }
});
process.on('exit', (code) => {
  console.log('exit', code, process.exitCode);
  setTimeout(() => console.log('never: no loop after exit'), 0);
});
process.exitCode = 3;
