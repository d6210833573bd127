// Express's own test suite as its package.json's "test" script runs it (mocha --require
// test/support/env --check-leaks test/ test/acceptance/), through mocha's programmatic API.
const Mocha = require('mocha');
const fs = require('fs');
const path = require('path');
const root = path.resolve(process.argv[2] || '.');
require(path.join(root, 'test/support/env'));
const mocha = new Mocha({ reporter: process.argv[3] || 'dot', checkLeaks: true });
for (const dir of ['test', 'test/acceptance']) {
  for (const f of fs.readdirSync(path.join(root, dir)).sort()) {
    if (f.endsWith('.js')) mocha.addFile(path.join(root, dir, f));
  }
}
mocha.run((failures) => { process.exitCode = failures ? 1 : 0; });
