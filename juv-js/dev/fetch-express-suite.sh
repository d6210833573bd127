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

if [ -f "$dest/.complete" ]; then
    echo "fetch-express-suite: Express's tests are in $dest" >&2
    exit 0
fi
parent=$(dirname "$dest")
mkdir -p "$parent"
work=$(mktemp -d "$parent/.fetch.XXXXXX")
trap 'rm -rf "$work"' EXIT
echo "fetch-express-suite: downloading $url" >&2
curl -fsSL --retry 3 -o "$work/express.tar.gz" "$url"
echo "$sha256  $work/express.tar.gz" | sha256sum -c --quiet -
tar -xzf "$work/express.tar.gz" -C "$work" --no-same-owner "express-${version}"
cp juv-js/dev/express-suite/package-lock.json "$work/express-${version}/"
(cd "$work/express-${version}" && npm ci --no-audit --no-fund --ignore-scripts >&2)
touch "$work/express-${version}/.complete"
rm -rf "$dest"
mv "$work/express-${version}" "$dest"
echo "fetch-express-suite: Express's tests are in $dest" >&2
