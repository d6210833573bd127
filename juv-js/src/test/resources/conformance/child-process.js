'use strict';
const { spawn, exec, execFile, execSync, execFileSync, spawnSync } = require('child_process');

const events = [];
const child = spawn('sh', ['-c', 'echo out; echo err >&2; read line; echo "got $line"; exit 3']);
child.on('spawn', () => events.push('spawn'));
child.stdout.setEncoding('utf8');
let out = '';
child.stdout.on('data', (d) => { out += d; });
child.stderr.on('data', (d) => events.push('stderr ' + JSON.stringify(String(d))));
child.stdout.on('end', () => events.push('stdout end'));
child.on('exit', (code, signal) => events.push('exit ' + code + ' ' + signal));
child.on('close', (code, signal) => {
  events.push('close ' + code + ' ' + signal);
  console.log('pid is a number:', typeof child.pid === 'number' && child.pid > 0);
  console.log('out:', JSON.stringify(out));
  // 'spawn' comes first and 'close' last; the end of stdout and the exit race, under node too.
  const main = events.filter((e) => !e.startsWith('stderr'));
  console.log(main[0], '|', main.slice(1, -1).sort().join(' | '), '|', main[main.length - 1]);
  console.log(events.filter((e) => e.startsWith('stderr')).join(' | '));
  next();
});
child.stdin.write('hello\n');
child.stdin.end();

function next() {
  const missing = spawn('/no/such/program', ['a', 'b']);
  missing.on('error', (err) => {
    console.log('error:', err.message, err.code, err.errno, err.syscall, err.path, JSON.stringify(err.spawnargs));
  });
  missing.on('exit', () => console.log('exit (should not happen)'));
  missing.on('close', (code, signal) => {
    console.log('missing close', code, signal, missing.pid);
    killed();
  });
}

function killed() {
  const sleeper = spawn('sleep', ['100']);
  sleeper.on('exit', (code, signal) => {
    console.log('sleeper exit', code, signal, sleeper.killed, sleeper.exitCode, sleeper.signalCode);
  });
  sleeper.on('close', () => {
    console.log('kill after exit:', sleeper.kill());
    execs();
  });
  setTimeout(() => console.log('kill:', sleeper.kill()), 50);
}

function execs() {
  exec('echo hi; echo there >&2', (err, stdout, stderr) => {
    console.log('exec:', err, JSON.stringify(stdout), JSON.stringify(stderr));
    exec('echo bad >&2; exit 2', (err2, stdout2, stderr2) => {
      console.log('exec fail:', err2.message.trim(), err2.code, err2.killed, err2.signal, err2.cmd);
      execFile('sh', ['-c', 'printf "%s" "$0-$1"', 'x', 'y'], (err3, stdout3) => {
        console.log('execFile:', err3, JSON.stringify(stdout3));
        syncs();
      });
    });
  });
}

function syncs() {
  console.log('execSync:', JSON.stringify(execSync('echo sync').toString()));
  console.log('execFileSync:', JSON.stringify(execFileSync('cat', { input: 'piped in' }).toString()));
  const r = spawnSync('sh', ['-c', 'echo o; echo e >&2; exit 5']);
  console.log('spawnSync:', r.status, r.signal, JSON.stringify(String(r.stdout)), JSON.stringify(String(r.stderr)), typeof r.pid);
  const r2 = spawnSync('/no/such/program');
  console.log('spawnSync missing:', r2.error.code, r2.error.message, r2.status);
  try {
    execSync('exit 7', { stdio: 'pipe' });
  } catch (e) {
    console.log('execSync throws:', e.status, e.message.trim());
  }
  const env = spawnSync('sh', ['-c', 'echo "$JUV_CP_VAR"'], { env: { JUV_CP_VAR: 'from env', PATH: process.env.PATH }, encoding: 'utf8' });
  console.log('env:', JSON.stringify(env.stdout));
  const cwd = spawnSync('pwd', [], { cwd: '/', encoding: 'utf8' });
  console.log('cwd:', JSON.stringify(cwd.stdout));
}
