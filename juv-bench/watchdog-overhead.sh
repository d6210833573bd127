#!/usr/bin/env bash
# What a stall watchdog costs a loop, in one script:
#   1. JMH: WatchdogBenchmark, the idle iteration with no watchdog, one at 100 ms, one at 1 ms;
#   2. hello under wrk (-t1 -c50, 5 s warm-up, 10 s measured), one loop, without and with
#      -Djuv.watchdog.millis=100, RUNS pairs in the order off-on, on-off, off-on, ... so that a
#      machine whose speed drifts during the script favours neither side.
# Results go to juv-bench/results/watchdog-<UTC time>/: jmh.txt, raw.csv and summary.md (medians,
# and the median of the runs' on/off ratios, each from a pair run back to back).
#
#   juv-bench/watchdog-overhead.sh [--runs N] [--smoke]
#
# Needs: wrk, and Maven to build the jars when they are missing or older than their sources.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=6
SMOKE=
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) RUNS=$2; shift 2 ;;
        --smoke) SMOKE=1; shift ;;
        *) echo "usage: juv-bench/watchdog-overhead.sh [--runs N] [--smoke]" >&2; exit 2 ;;
    esac
done
JAVA=${JAVA:-java}
JAR=juv-bench/target/juv-bench.jar
EXAMPLES=juv-examples/target/juv-examples.jar
. juv-bench/jars.sh
build_jars "$JAR" "$EXAMPLES"
command -v wrk >/dev/null || { echo "missing wrk (apt-get install wrk)" >&2; exit 2; }
if [ -n "$SMOKE" ]; then
    JMH_ARGS=(-f 1 -wi 1 -w 100ms -i 1 -r 100ms); WARMUP=1; SECS=1; CONNS=4
else
    JMH_ARGS=(); WARMUP=5; SECS=10; CONNS=50
fi

OUT=${OUT_DIR:-juv-bench/results/watchdog-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$OUT"
{
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    juv_commit
    echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //') ($(nproc) cores)"
    echo "jdk: $("$JAVA" -version 2>&1 | head -1)"
    echo "runs: $RUNS${SMOKE:+ (smoke: figures mean nothing)}"
} >"$OUT/env.txt"

"$JAVA" -jar "$JAR" jmh "${JMH_ARGS[@]}" WatchdogBenchmark >"$OUT/jmh.txt"

trap 'kill $(jobs -p) 2>/dev/null || true' EXIT
echo "variant,run,rps,p99_us" >"$OUT/raw.csv"
one() { # variant run
    local log opts=(); log=$(mktemp)
    [ "$1" = on ] && opts=(-Djuv.watchdog.millis=100)
    "$JAVA" -Xmx2g "${opts[@]}" -jar "$EXAMPLES" hello --port 0 --loops 1 >"$log" 2>&1 &
    local pid=$! port=
    for _ in $(seq 1 200); do
        port=$(sed -n 's|^Server running at http://[^:]*:\([0-9]*\)/.*|\1|p' "$log" | head -1)
        [ -n "$port" ] && break
        sleep 0.05
    done
    [ -n "$port" ] || { echo "hello did not start:" >&2; cat "$log" >&2; exit 1; }
    wrk -t1 -c"$CONNS" -d"${WARMUP}s" "http://127.0.0.1:$port/" >/dev/null
    wrk -t1 -c"$CONNS" -d"${SECS}s" --latency "http://127.0.0.1:$port/" | awk -v v="$1" -v r="$2" '
        function us(x) { if (x ~ /us$/) return x + 0; if (x ~ /ms$/) return x * 1000; if (x ~ /s$/) return x * 1000000; return x }
        /^ +99%/ { p99 = us($2) } /^Requests\/sec/ { rps = $2 }
        END { printf "%s,%s,%.0f,%.0f\n", v, r, rps, p99 }' >>"$OUT/raw.csv"
    kill "$pid"; wait "$pid" 2>/dev/null || true
    if grep -q "stalled" "$log"; then
        echo "note: the watchdog reported a stall in run $2 (kept in $OUT/stalls.txt)" >&2
        cat "$log" >>"$OUT/stalls.txt"
    fi
    rm -f "$log"
}
for i in $(seq 1 "$RUNS"); do
    if [ $((i % 2)) = 1 ]; then one off "$i"; one on "$i"; else one on "$i"; one off "$i"; fi
    tail -2 "$OUT/raw.csv" >&2
done

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
off_rps=$(awk -F, '$1 == "off" { print $3 }' "$OUT/raw.csv" | median)
on_rps=$(awk -F, '$1 == "on" { print $3 }' "$OUT/raw.csv" | median)
off_p99=$(awk -F, '$1 == "off" { print $4 }' "$OUT/raw.csv" | median)
pair_ratio=$(awk -F, 'NR > 1 { rps[$1 "," $2] = $3; runs[$2] = 1 }
    END { for (r in runs) printf "%.4f\n", rps["on," r] / rps["off," r] }' "$OUT/raw.csv" | median)
on_p99=$(awk -F, '$1 == "on" { print $4 }' "$OUT/raw.csv" | median)
{
    echo "| hello, one loop | requests/s (median of $RUNS) | p99 (us) |"
    echo "| --- | --- | --- |"
    echo "| no watchdog | $off_rps | $off_p99 |"
    echo "| -Djuv.watchdog.millis=100 | $on_rps | $on_p99 |"
    echo "| ratio on/off, median of the $RUNS pairs | $(awk -v r="$pair_ratio" 'BEGIN { printf "%.3f", r }') | |"
    echo
    echo '```'
    sed -n '/^Benchmark/,$p' "$OUT/jmh.txt"
    echo '```'
} >"$OUT/summary.md"
cat "$OUT/summary.md"
