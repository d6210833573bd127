// Express's own test suite as its package.json's "test" script runs it (mocha --require
// test/support/env --check-leaks test/ test/acceptance/), through mocha's programmatic API:
//   node run-mocha.js ROOT [REPORTER]
// REPORTER is a mocha reporter (spec, dot, ...), or `lines`: one line per test, its outcome
// (pass, fail, pending), a tab, its file relative to ROOT, a tab, its full title; then `done`.
const fs = require('fs');
const path = require('path');

const root = path.resolve(process.argv[2] || '.');
const Mocha = require(path.join(root, 'node_modules', 'mocha'));
const reporter = process.argv[3] || 'dot';
require(path.join(root, 'test/support/env'));
const mocha = new Mocha({ reporter: reporter === 'lines' ? 'base' : reporter, checkLeaks: true });
for (const dir of ['test', 'test/acceptance']) {
  for (const f of fs.readdirSync(path.join(root, dir)).sort()) {
    if (f.endsWith('.js')) {
      mocha.addFile(path.join(root, dir, f));
    }
  }
}
const runner = mocha.run((failures) => {
  if (reporter === 'lines') {
    process.stdout.write('done\n');
  }
  process.exitCode = failures ? 1 : 0;
});
if (reporter === 'lines') {
  const line = (outcome) => (test) => {
    const file = test.file ? path.relative(root, test.file) : '';
    process.stdout.write(outcome + '\t' + file + '\t' + test.fullTitle().replace(/\s+/g, ' ') + '\n');
  };
  runner.on('pass', line('pass'));
  runner.on('fail', line('fail'));
  runner.on('pending', line('pending'));
}
