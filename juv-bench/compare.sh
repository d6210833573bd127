#!/usr/bin/env bash
# juv side by side with libuv in C and Node.js, one workload and one peer at a time, never in
# parallel. Each (workload, peer) runs RUNS times; the results folder gets the raw figures, a CSV
# with median/min/max, a markdown table, and the machine's description.
#
#   juv-bench/compare.sh [--runs N] [--smoke] [workload...]
#
# Workloads (so far): loop_count million_timers ping_pongs fs_stat_sync fs_stat_async getaddrinfo
# (the default: all of them). fs_stat_async is the highest concurrency of juv-bench's fs_stat (32).
# Peers: juv (juv-bench.jar, one in-process warm-up run before each measured run), libuv C
# (small programs of our own in juv-bench/compare/c, built with cc against Debian's libuv1-dev,
# installed with apt-get when missing and running as root), Node.js (juv-bench/compare/node and
# juv-bench/node/net_bench.js).
# OUT_DIR chooses the results folder (default juv-bench/results/<UTC time>). --smoke runs tiny
# counts so the test suite can check the harness end to end; its figures mean nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=3
SMOKE=
WORKLOADS=()
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) RUNS=$2; shift 2 ;;
        --smoke) SMOKE=1; shift ;;
        loop_count|million_timers|ping_pongs|fs_stat_sync|fs_stat_async|getaddrinfo) WORKLOADS+=("$1"); shift ;;
        *) echo "usage: juv-bench/compare.sh [--runs N] [--smoke] [loop_count|million_timers|ping_pongs|fs_stat_sync|fs_stat_async|getaddrinfo]..." >&2; exit 2 ;;
    esac
done
[ ${#WORKLOADS[@]} -gt 0 ] || WORKLOADS=(loop_count million_timers ping_pongs fs_stat_sync fs_stat_async getaddrinfo)

JAVA=${JAVA:-java}
JAR=juv-bench/target/juv-bench.jar
[ -f "$JAR" ] || { echo "build first: mvn -B -q -DskipTests package" >&2; exit 2; }
command -v node >/dev/null || { echo "missing node (apt-get install nodejs)" >&2; exit 2; }
command -v cc >/dev/null || { echo "missing a C compiler (apt-get install gcc)" >&2; exit 2; }
if [ ! -f /usr/include/uv.h ]; then
    if [ "$(id -u)" = 0 ]; then
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q libuv1-dev >&2
    else
        echo "missing libuv's headers: apt-get install libuv1-dev" >&2
        exit 2
    fi
fi

BIN=juv-bench/target/compare-bin
mkdir -p "$BIN"
for src in juv-bench/compare/c/*.c; do
    exe="$BIN/$(basename "$src" .c)"
    if [ ! -x "$exe" ] || [ "$src" -nt "$exe" ]; then
        cc -O2 -Wall -o "$exe" "$src" -luv -lpthread
    fi
done

OUT=${OUT_DIR:-juv-bench/results/$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$OUT"
{
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //') ($(nproc) cores)"
    echo "kernel: $(uname -r)"
    echo "jdk: $("$JAVA" -version 2>&1 | head -1)"
    echo "node: $(node --version)"
    echo "libuv: $(dpkg-query -W -f='${Version}' libuv1-dev 2>/dev/null || echo unknown)"
    echo "cc: $(cc --version | head -1)"
    echo "runs: $RUNS${SMOKE:+ (smoke: tiny counts, figures mean nothing)}"
} >"$OUT/env.txt"

if [ -n "$SMOKE" ]; then
    TICKS=2000; TIMERS=10000; MS=200; STATS=1000; ASTATS=200; CONC=2; LOOKUPS=200; JUV_SMOKE=(--smoke)
else
    TICKS=2000000; TIMERS=1000000; MS=5000; STATS=1000000; ASTATS=100000; CONC=32; LOOKUPS=10000; JUV_SMOKE=()
fi

# Runs one measurement; prints the number it reports.
measure() { # workload peer
    case "$1/$2" in
        loop_count/juv) "$JAVA" -jar "$JAR" loop_count --warmup 1 "${JUV_SMOKE[@]}" ;;
        loop_count/libuv) "$BIN/loop_count" "$TICKS" ;;
        loop_count/node) node juv-bench/compare/node/loop_count.js "$TICKS" ;;
        million_timers/juv) "$JAVA" -Xmx2g -jar "$JAR" million_timers --warmup 1 --timers "$TIMERS" "${JUV_SMOKE[@]}" ;;
        million_timers/libuv) "$BIN/million_timers" "$TIMERS" ;;
        million_timers/node) node juv-bench/compare/node/million_timers.js "$TIMERS" ;;
        ping_pongs/juv) "$JAVA" -jar "$JAR" ping_pongs --warmup 1 "${JUV_SMOKE[@]}" ;;
        ping_pongs/libuv) "$BIN/ping_pongs" "$MS" ;;
        ping_pongs/node) node_ping_pongs ;;
        fs_stat_*/juv) "$JAVA" -jar "$JAR" fs_stat --warmup 1 "${JUV_SMOKE[@]}" ;;
        fs_stat_sync/libuv) "$BIN/fs_stat" sync "$STATS" ;;
        fs_stat_sync/node) node juv-bench/compare/node/fs_stat.js sync "$STATS" ;;
        fs_stat_async/libuv) "$BIN/fs_stat" "$CONC" "$ASTATS" ;;
        fs_stat_async/node) node juv-bench/compare/node/fs_stat.js "$CONC" "$ASTATS" ;;
        getaddrinfo/juv) "$JAVA" -jar "$JAR" getaddrinfo --warmup 1 "${JUV_SMOKE[@]}" ;;
        getaddrinfo/libuv) "$BIN/getaddrinfo" "$LOOKUPS" ;;
        getaddrinfo/node) node juv-bench/compare/node/getaddrinfo.js "$LOOKUPS" ;;
    esac | case "$1" in
        loop_count) sed -n 's/.*(\([0-9.]*\)\/s).*/\1/p' ;;
        million_timers) sed -n 's/^\([0-9.]*\) seconds total$/\1/p' ;;
        ping_pongs) sed -n 's/^ping_pongs: \([0-9]*\) roundtrips\/s$/\1/p' ;;
        fs_stat_sync) sed -n 's/.*stats (sync): .*(\([0-9,]*\)\/s)$/\1/p' | tr -d , ;;
        fs_stat_async) sed -n "s/.*stats ($CONC concurrent): .*(\([0-9,]*\)\/s)\$/\1/p" | tr -d , ;;
        getaddrinfo) sed -n 's/^getaddrinfo: \([0-9]*\) req\/s$/\1/p' ;;
    esac | tail -1
}

node_ping_pongs() {
    local port_file; port_file=$(mktemp)
    node juv-bench/node/net_bench.js echo-server >"$port_file" &
    local srv=$!
    for _ in $(seq 1 100); do [ -s "$port_file" ] && break; sleep 0.05; done
    node juv-bench/node/net_bench.js ping_pongs "$(head -1 "$port_file")" "$MS"
    kill "$srv"; wait "$srv" 2>/dev/null || true
    rm -f "$port_file"
}

unit() {
    case "$1" in
        loop_count) echo "ticks/s" ;; million_timers) echo "s (lower is better)" ;; ping_pongs) echo "round trips/s" ;;
        fs_stat_sync) echo "stats/s" ;; fs_stat_async) echo "stats/s ($CONC in flight)" ;; getaddrinfo) echo "lookups/s" ;;
    esac
}
lower_is_better() { [ "$1" = million_timers ]; }

echo "workload,peer,run,value" >"$OUT/raw.csv"
for w in "${WORKLOADS[@]}"; do
    for peer in juv libuv node; do
        for i in $(seq 1 "$RUNS"); do
            v=$(measure "$w" "$peer")
            [ -n "$v" ] || { echo "no figure from $peer for $w" >&2; exit 1; }
            echo "$w,$peer,$i,$v" >>"$OUT/raw.csv"
            echo "$w $peer run $i: $v" >&2
        done
    done
done

# Median, min and max per (workload, peer).
echo "workload,unit,peer,median,min,max" >"$OUT/results.csv"
for w in "${WORKLOADS[@]}"; do
    for peer in juv libuv node; do
        grep "^$w,$peer," "$OUT/raw.csv" | cut -d, -f4 | sort -g | awk -v w="$w" -v p="$peer" -v u="$(unit "$w")" '
            { a[NR] = $1 } END { printf "%s,%s,%s,%s,%s,%s\n", w, u, p, a[int((NR + 1) / 2)], a[1], a[NR] }' >>"$OUT/results.csv"
    done
done

# The table: juv against the best peer (above 1 means juv is better).
{
    echo "| workload | unit | juv | libuv C | Node | juv / best peer |"
    echo "| --- | --- | --- | --- | --- | --- |"
    for w in "${WORKLOADS[@]}"; do
        awk -F, -v w="$w" -v lower="$(lower_is_better "$w" && echo 1 || echo 0)" '
            $1 == w { m[$3] = $4; lo[$3] = $5; hi[$3] = $6; u = $2 }
            END {
                best = lower ? (m["libuv"] < m["node"] ? m["libuv"] : m["node"]) : (m["libuv"] > m["node"] ? m["libuv"] : m["node"])
                ratio = lower ? best / m["juv"] : m["juv"] / best
                printf "| %s | %s | %s (%s-%s) | %s (%s-%s) | %s (%s-%s) | %.2fx |\n", w, u,
                    m["juv"], lo["juv"], hi["juv"], m["libuv"], lo["libuv"], hi["libuv"], m["node"], lo["node"], hi["node"], ratio
            }' "$OUT/results.csv"
    done
} >"$OUT/results.md"

cat "$OUT/env.txt"
echo
cat "$OUT/results.md"
echo
echo "results in $OUT"
