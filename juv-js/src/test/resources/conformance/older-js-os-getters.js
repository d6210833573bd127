// os: what the host says about itself, as Node's libuv getters say it (the values that do not
// change from one run to the next are printed, the loopback interface among them; the others
// are checked for their shape).
var os = require('os');
console.log('type', os.type(), 'machine', os.machine());
console.log('release', os.release());
console.log('version', os.version());
console.log('hostname', os.hostname());
console.log('totalmem', os.totalmem());
console.log('freemem within totalmem', os.freemem() > 0 && os.freemem() <= os.totalmem());
console.log('availableParallelism', os.availableParallelism());
var cpus = os.cpus();
console.log('cpus', cpus.length, JSON.stringify(cpus[0].model), cpus[0].speed, Object.keys(cpus[0].times).join(','));
console.log('times are whole milliseconds', cpus.every(function (c) {
  return Object.keys(c.times).every(function (k) { return Number.isInteger(c.times[k]) && c.times[k] >= 0; });
}));
var load = os.loadavg();
console.log('loadavg', load.length, load.every(function (x) { return typeof x === 'number' && x >= 0; }));
console.log('uptime positive', typeof os.uptime() === 'number' && os.uptime() > 0);
console.log('homedir', os.homedir(), 'tmpdir', os.tmpdir());
console.log('ppid', typeof process.ppid, process.ppid > 0);
var lo = os.networkInterfaces().lo;
console.log('lo', JSON.stringify(lo));
