#!/usr/bin/env bash
# Express's own test suite under node and under juv-js, by hand, with each one's counts and a
# mocha reporter's log (ExpressSuiteIT runs the same and checks every test's outcome):
#   juv-js/dev/express-suite.sh [juv-node.jar options, e.g. --engine graaljs]
# The suite is Express 4.18.2's, from juv-js/dev/fetch-express-suite.sh, unless JUV_EXPRESS_SUITE
# names a checkout of another version with its devDependencies installed, Express 5.2.1's say:
#   git clone --depth 1 --branch v5.2.1 https://github.com/expressjs/express DIR
#   (cd DIR && npm install) && touch DIR/.complete
#   JUV_EXPRESS_SUITE=DIR juv-js/dev/express-suite.sh
# Needs node, npm, curl, and juv-js/target/juv-node.jar.
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ -z "${JUV_EXPRESS_SUITE:-}" ]; then
    juv-js/dev/fetch-express-suite.sh
fi
dest=${JUV_EXPRESS_SUITE:-/var/cache/juv/express-4.18.2}
jar=$PWD/juv-js/target/juv-node.jar
runner=$PWD/juv-js/dev/express-suite/run-mocha.js
[ -f "$jar" ] || { echo "express-suite: build juv-node.jar first (mvn -B -DskipTests package)" >&2; exit 1; }

counts() { grep -E '^ +[0-9]+ (passing|failing|pending)' "$1" | sed 's/ (.*//' | tr -s ' ' | tr '\n' ',' | sed 's/^ //; s/,$//'; }
(cd "$dest" && node "$runner" . spec >"$dest/node.log" 2>&1) || true
echo "node:   $(counts "$dest/node.log")   (log: $dest/node.log)"
(cd "$dest" && java -jar "$jar" "$@" "$runner" . spec >"$dest/juv.log" 2>&1) || true
echo "juv-js: $(counts "$dest/juv.log")   (log: $dest/juv.log)"
