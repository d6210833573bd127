#!/usr/bin/env bash
# The same 32 MiB young generation on other workloads, juv alone on JDK 17: alternating runs with
# the default heap and with -Xmn32m, at compare.sh's counts, 3 of each. Run from the repository's
# root after `mvn -B -q -DskipTests install`, nothing else running.
set -euo pipefail
J=juv-bench/target/juv-bench.jar
run() { # options workload args...
    local opts=$1; shift
    java -Xmx2g $opts -jar "$J" "$@" --warmup 0 2>/dev/null | grep -v '^cpu:' | paste -sd';'
}
for w in "million_timers --timers 1000000" "fs_stat --stats 0 --async-stats 100000 --concurrency 32" \
    "tcp_write_batch --writes 1000000" "ping_pongs --ms 5000" "tcp4_pound_100 --ms 10000"; do
    for r in 1 2 3; do
        for o in "" "-Xmn32m"; do
            # shellcheck disable=SC2086
            echo "${w%% *},${o:-default},$(run "$o" $w)"
        done
    done
done
