// child_process: juv has no process handle yet (uv_spawn), so every way of starting a child fails
// at once with ERR_FEATURE_UNAVAILABLE_ON_PLATFORM, as Node's own builds without a feature refuse
// it. The module exists so that programs which only import these names (Node's test/common does)
// load; a program that calls one learns why it cannot.
'use strict';

function unavailable(name) {
  const fn = function () {
    throw internal.codeError(Error, 'ERR_FEATURE_UNAVAILABLE_ON_PLATFORM',
      'child_process.' + name + '() is not available: juv-js cannot start processes yet (no process handle)');
  };
  Object.defineProperty(fn, 'name', { value: name });
  return fn;
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
