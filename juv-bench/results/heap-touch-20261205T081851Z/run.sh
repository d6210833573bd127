#!/usr/bin/env bash
# Cold fs_stat_sync (1 M synchronous stats of ".") with juv's default heap and with a 32 MiB young
# generation, next to libuv C, in interleaved rounds, each run under `perf stat -e page-faults`;
# then a bare Java loop that allocates 384 B per iteration (juv's garbage per stat) and prints the
# milliseconds of each million. Run from the repository's root after `mvn -B -q -DskipTests install`
# and `juv-bench/compare.sh --smoke fs_stat_sync` (which builds the C peer), nothing else running.
set -euo pipefail
here=$(dirname "$0")
J=juv-bench/target/juv-bench.jar
C=juv-bench/target/compare-bin/fs_stat
JDK25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
faults() { perf stat -x, -e page-faults "$@" 2>&1 >/dev/null | awk -F, '/page-faults/ { print $1 }'; }
one() { # label command...
    local out f
    out=$("${@:2}" 2>/dev/null | sed -n 's/.*stats (sync): .*(\([0-9,]*\)\/s)$/\1/p' | tr -d , | head -1)
    f=$(faults "${@:2}")
    echo "$1,$out,$f"
}
echo "peer,stats_per_s,page_faults (page faults from a second, separate run of the same command)"
for r in 1 2 3 4 5; do
    one libuv "$C" sync 1000000
    one juv-jdk17 java -Xmx2g -jar "$J" fs_stat --warmup 0 --stats 1000000 --async-stats 0
    one juv-jdk17-Xmn32m java -Xmx2g -Xmn32m -jar "$J" fs_stat --warmup 0 --stats 1000000 --async-stats 0
    one juv-jdk25 "$JDK25/bin/java" -Xmx2g -jar "$J" fs_stat --warmup 0 --stats 1000000 --async-stats 0
    one juv-jdk25-Xmn32m "$JDK25/bin/java" -Xmx2g -Xmn32m -jar "$J" fs_stat --warmup 0 --stats 1000000 --async-stats 0
done
tmp=$(mktemp -d)
cp "$here/Alloc.java.txt" "$tmp/Alloc.java"
javac -d "$tmp" "$tmp/Alloc.java"
echo "Alloc: milliseconds per million 384 B allocations, 30 millions (default heap, then -Xmn32m), JDK 17"
for i in 1 2; do java -Xmx2g -cp "$tmp" Alloc; java -Xmx2g -Xmn32m -cp "$tmp" Alloc; done
rm -rf "$tmp"
