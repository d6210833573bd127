// util.promisify over a Node-style callback API, and assert's common checks.
const util = require('util');
const assert = require('assert');
function later(value, cb) {
  setTimeout(() => (value < 0 ? cb(new Error('negative')) : cb(null, value * 2)), 5);
}
const laterP = util.promisify(later);
(async () => {
  console.log('doubled', await laterP(21));
  try {
    await laterP(-1);
  } catch (e) {
    console.log('rejected', e.message);
  }
  assert.strictEqual(1, 1);
  assert.deepStrictEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] });
  try {
    assert.strictEqual(1, 2);
  } catch (e) {
    console.log(e.name, e.code);
  }
  assert.throws(() => { throw new TypeError('x'); }, TypeError);
  const { setTimeout: sleep } = require('timers').promises;
  console.log('slept', await sleep(5, 'value'));
})();
