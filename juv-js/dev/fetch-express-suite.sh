#!/usr/bin/env bash
# Fetches Express's own test suite for ExpressSuiteIT: Express 4.18.2's repository as Debian
# ships it (the .orig tarball of Debian's node-express package, from Debian's mirror: GitHub is
# out of this machine's reach), checked against its SHA-256 and unpacked into
#   ${JUV_EXPRESS_SUITE:-/var/cache/juv/express-4.18.2}
# with its devDependencies (mocha, supertest, ...) from the npm registry as
# juv-js/dev/express-suite/package-lock.json pins them. Once there it is not fetched again.
# None of it goes into this repository. Needs curl and npm.
#   juv-js/dev/fetch-express-suite.sh        (.ci/run calls it before the build)
set -euo pipefail
cd "$(dirname "$0")/../.."

version=4.18.2
url="http://deb.debian.org/debian/pool/main/n/node-express/node-express_${version}+~4.17.14.orig.tar.gz"
sha256=a9ace1a92a2b0a7e3fcd7a7612553d6208a464561c15ad38f349fc3ab0d7cda0
dest=${JUV_EXPRESS_SUITE:-/var/cache/juv/express-${version}}

lock=$PWD/juv-js/dev/express-suite/package-lock.json
prepare() {
    tar -xzf file.tar --no-same-owner "express-${version}"
    cp "$lock" "express-${version}/"
    (cd "express-${version}" && npm ci --no-audit --no-fund --ignore-scripts >&2)
}
. juv-js/dev/fetch-checked.sh
fetch_checked fetch-express-suite "$url" "$sha256" "$dest" "express-${version}" prepare
