# Sourced by juv-bench's measuring scripts (compare.sh, watchdog-overhead.sh), from the
# repository's root: the jars they run, and which commit a results folder measured.

# build_jars JAR...: builds juv's jars (mvn -B -q -DskipTests package) when one of them is missing
# or older than a pom or a file under a module's src/main, so that a script never measures a jar
# made from other code than the tree it runs in.
build_jars() {
    local jar stale=""
    for jar in "$@"; do
        if [ ! -f "$jar" ] || [ -n "$(find pom.xml juv-*/pom.xml juv-*/src/main -newer "$jar" -print -quit)" ]; then
            stale=1
        fi
    done
    [ -n "$stale" ] || return 0
    command -v mvn >/dev/null || { echo "missing mvn, to build the jars (apt-get install maven)" >&2; exit 2; }
    echo "$(basename "$0"): building the jars, missing or older than their sources (mvn -B -q -DskipTests package)" >&2
    mvn -B -q -DskipTests package >&2
}

# juv_commit: the env.txt line naming the commit measured.
juv_commit() {
    local commit
    if commit=$(git rev-parse --short HEAD 2>/dev/null); then
        echo "juv: $commit$(git diff --quiet HEAD || echo ", with uncommitted changes")"
    else
        echo "juv: unknown (not a git checkout)"
    fi
}
