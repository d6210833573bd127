# Sourced by fetch-node-tests.sh and fetch-express-suite.sh: fetch_checked NAME URL SHA256 DEST TOP
# PREPARE... downloads URL into a scratch folder next to DEST, checks its SHA-256, runs PREPARE
# (a command, in the scratch folder, that unpacks the download, file.tar, into TOP and readies
# it), then moves TOP into place as DEST and marks it complete. Does nothing if DEST is complete.
fetch_checked() {
    local name=$1 url=$2 sha256=$3 dest=$4 top=$5
    shift 5
    if [ -f "$dest/.complete" ]; then
        echo "$name: already in $dest" >&2
        return 0
    fi
    local parent
    parent=$(dirname "$dest")
    mkdir -p "$parent"
    FETCH_WORK=$(mktemp -d "$parent/.fetch.XXXXXX") # global: the exit trap removes it
    trap 'rm -rf "${FETCH_WORK:-}"' EXIT
    local work=$FETCH_WORK
    echo "$name: downloading $url" >&2
    curl -fsSL --retry 3 -o "$work/file.tar" "$url"
    echo "$sha256  $work/file.tar" | sha256sum -c --quiet -
    (cd "$work" && "$@")
    touch "$work/$top/.complete"
    rm -rf "$dest"
    mv "$work/$top" "$dest"
    echo "$name: in $dest" >&2
}
