#!/usr/bin/env bash
# Fetches Node's own tests for NodeParallelTest: Node 18.20.4's source as Debian ships it (the
# .orig tarball of Debian's nodejs package, from Debian's mirror), checked against its SHA-256,
# of which only test/common, test/fixtures and test/parallel are unpacked, into
#   ${JUV_NODE_TESTS:-/var/cache/juv/node-tests/node-v18.20.4}
# Once unpacked it is not fetched again. None of Node's code goes into this repository.
#   juv-js/dev/fetch-node-tests.sh          (.ci/run calls it before the build)
set -euo pipefail

version=18.20.4
url="http://deb.debian.org/debian-security/pool/updates/main/n/nodejs/nodejs_${version}+dfsg.orig.tar.xz"
sha256=6ce58062c71eae37d9c5ac31eeaeff9c2d48561d21c2849179d056c9c1bd9ebc
dest=${JUV_NODE_TESTS:-/var/cache/juv/node-tests/node-v${version}}

. "$(dirname "$0")/fetch-checked.sh"
fetch_checked fetch-node-tests "$url" "$sha256" "$dest" "node-v${version}" \
    tar -xJf file.tar --no-same-owner \
    "node-v${version}/test/common" "node-v${version}/test/fixtures" "node-v${version}/test/parallel"
