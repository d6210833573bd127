#!/usr/bin/env bash
# libuv's ping_pongs and tcp_pump1_client on juv and on Node.js (juv-bench/node/net_bench.js),
# one after the other, never at the same time: RUNS runs of each (default 3), medians printed.
# juv runs in one JVM with one warm-up run (--warmup 1 --runs N); Node runs its server in a
# second process, as libuv's runner does.
#
#   juv-bench/net-vs-node.sh [runs]
#   SMOKE=1 juv-bench/net-vs-node.sh 1     tiny counts, for the test suite (figures mean nothing)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
JAVA=${JAVA:-java}
JAR=juv-bench/target/juv-bench.jar
MS=${MS:-5000}
JUV_ARGS=(--warmup 1 --runs "$RUNS")
if [ -n "${SMOKE:-}" ]; then MS=200; JUV_ARGS=(--runs "$RUNS" --smoke); fi
command -v node >/dev/null || { echo "missing node (apt-get install nodejs)" >&2; exit 2; }
[ -f "$JAR" ] || { echo "build first: mvn -B -q -DskipTests package" >&2; exit 2; }

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
num() { grep -oE '[0-9]+(\.[0-9]+)? (roundtrips/s|gbit/s)' | cut -d' ' -f1; }

node_run() { # server-role client-role
    local tmp; tmp=$(mktemp)
    node juv-bench/node/net_bench.js "$1" >"$tmp" &
    local srv=$!
    for _ in $(seq 1 100); do [ -s "$tmp" ] && break; sleep 0.05; done
    node juv-bench/node/net_bench.js "$2" "$(head -1 "$tmp")" "$MS"
    kill "$srv"; wait "$srv" 2>/dev/null || true; rm -f "$tmp"
}

echo "$(nproc) cores; $(uname -r); $("$JAVA" -version 2>&1 | head -1); node $(node --version)"
echo "| workload | unit | juv (median) | Node (median) | juv / Node |"
echo "| --- | --- | --- | --- | --- |"
for w in ping_pongs tcp_pump1_client; do
    server=echo-server; unit=roundtrips/s
    [ "$w" = tcp_pump1_client ] && server=sink-server && unit=gbit/s
    j=$("$JAVA" -jar "$JAR" "$w" "${JUV_ARGS[@]}" | tee -a /dev/stderr | num | median)
    n=$(for i in $(seq 1 "$RUNS"); do node_run "$server" "$w"; done | tee -a /dev/stderr | num | median)
    awk -v w="$w" -v u="$unit" -v j="$j" -v n="$n" 'BEGIN { printf "| %s | %s | %s | %s | %.2fx |\n", w, u, j, n, j / n }'
done
