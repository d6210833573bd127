#!/usr/bin/env bash
# Express's own test suite (mocha + supertest, as Express's package.json runs it) under node and
# under juv-js, with the pass/fail/pending counts of each. By hand; the build does not run it.
#   juv-js/dev/express-suite.sh [juv-node.jar options, e.g. --engine graaljs]
# The suite: Express 4.18.2's repository as Debian ships it (the .orig tarball of Debian's
# node-express package, from Debian's mirror: GitHub is out of this machine's reach), checked
# against its SHA-256 and unpacked into ${JUV_EXPRESS_SUITE:-/var/cache/juv/express-4.18.2}; its
# devDependencies from the npm registry as juv-js/dev/express-suite/package-lock.json pins them.
# None of it goes into this repository. Needs curl, node, npm, and juv-js/target/juv-node.jar.
set -euo pipefail
cd "$(dirname "$0")/../.."

version=4.18.2
url="http://deb.debian.org/debian/pool/main/n/node-express/node-express_${version}+~4.17.14.orig.tar.gz"
sha256=a9ace1a92a2b0a7e3fcd7a7612553d6208a464561c15ad38f349fc3ab0d7cda0
dest=${JUV_EXPRESS_SUITE:-/var/cache/juv/express-${version}}
jar=$PWD/juv-js/target/juv-node.jar
[ -f "$jar" ] || { echo "express-suite: build juv-node.jar first (mvn -B -DskipTests package)" >&2; exit 1; }

if [ ! -f "$dest/.complete" ]; then
    parent=$(dirname "$dest")
    mkdir -p "$parent"
    work=$(mktemp -d "$parent/.fetch.XXXXXX")
    trap 'rm -rf "$work"' EXIT
    echo "express-suite: downloading $url" >&2
    curl -fsSL --retry 3 -o "$work/express.tar.gz" "$url"
    echo "$sha256  $work/express.tar.gz" | sha256sum -c --quiet -
    tar -xzf "$work/express.tar.gz" -C "$work" --no-same-owner "express-${version}"
    cp juv-js/dev/express-suite/package-lock.json "$work/express-${version}/"
    (cd "$work/express-${version}" && npm ci --no-audit --no-fund --ignore-scripts >&2)
    touch "$work/express-${version}/.complete"
    rm -rf "$dest"
    mv "$work/express-${version}" "$dest"
fi
cp juv-js/dev/express-suite/run-mocha.js "$dest/"

counts() { grep -E '^ +[0-9]+ (passing|failing|pending)' "$1" | sed 's/ (.*//' | tr -s ' ' | tr '\n' ',' | sed 's/^ //; s/,$//'; }
(cd "$dest" && node run-mocha.js . spec >"$dest/node.log" 2>&1) || true
echo "node:   $(counts "$dest/node.log")   (log: $dest/node.log)"
(cd "$dest" && java -jar "$jar" "$@" run-mocha.js . spec >"$dest/juv.log" 2>&1) || true
echo "juv-js: $(counts "$dest/juv.log")   (log: $dest/juv.log)"
