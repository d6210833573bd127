// child_process: juv has no process handle yet (uv_spawn), so every way of starting a child fails
// at once with ERR_FEATURE_UNAVAILABLE_ON_PLATFORM, as Node's own builds without a feature refuse
// it. The module exists so that programs which only import these names (Node's test/common does)
// load; a program that calls one learns why it cannot.
'use strict';

const errors = require('internal/errors');

function unavailable(name) {
  return errors.unavailable(name, 'child_process.' + name + '()', 'juv-js cannot start processes yet (no process handle)');
}

module.exports = {
  exec: unavailable('exec'),
  execFile: unavailable('execFile'),
  execFileSync: unavailable('execFileSync'),
  execSync: unavailable('execSync'),
  fork: unavailable('fork'),
  spawn: unavailable('spawn'),
  spawnSync: unavailable('spawnSync'),
  ChildProcess: unavailable('ChildProcess'),
};
