#!/usr/bin/env bash
# Node's getting-started HTTP server under wrk: juv's `hello` example against Node.js running
# the guide's app.js (juv-bench/node/app.js), one after the other, never at the same time, in
# one script run. Prints requests/s and p50/p99 latency for each run, the medians, and the
# ratio juv / Node.
#
#   juv-bench/hello-vs-node.sh [connections] [seconds] [runs]     (defaults: 50 10 3)
#   WARMUP=seconds of wrk before the measured runs (default 5)
#
# Needs wrk and node (apt-get install wrk nodejs) and the built jars (mvn -B -q -DskipTests package).
# PORT_JUV / PORT_NODE choose the ports (default 3000 / 3001); a port in use stops the script.
# JAVA selects the JVM (default: java on the PATH).
set -euo pipefail
cd "$(dirname "$0")/.."

CONNS=${1:-50}
SECS=${2:-10}
RUNS=${3:-3}
JAVA=${JAVA:-java}
JAR=juv-examples/target/juv-examples.jar
PORT_JUV=${PORT_JUV:-3000}
PORT_NODE=${PORT_NODE:-3001}

for tool in wrk node "$JAVA"; do
    command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install wrk nodejs)" >&2; exit 2; }
done
[ -f "$JAR" ] || { echo "build first: mvn -B -q -DskipTests package" >&2; exit 2; }

port_free() {
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then
        echo "port $1 is already in use: stop what listens there, or set PORT_JUV / PORT_NODE" >&2
        exit 1
    fi
}

wait_port() {
    for _ in $(seq 1 100); do
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
        sleep 0.1
    done
    echo "server on port $1 did not start" >&2
    exit 1
}

# One wrk run: prints "requests/s p50_us p99_us".
measure() {
    wrk -t1 -c"$CONNS" -d"${SECS}s" --latency "http://127.0.0.1:$1/" | awk '
        function us(v) { if (v ~ /us$/) return v + 0; if (v ~ /ms$/) return v * 1000; if (v ~ /s$/) return v * 1000000; return v }
        /^ +50%/ { p50 = us($2) } /^ +99%/ { p99 = us($2) } /^Requests\/sec/ { rps = $2 }
        END { printf "%.0f %.0f %.0f\n", rps, p50, p99 }'
}

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

bench() { # name port -> writes results to /tmp file
    local name=$1 port=$2 out=$3
    wrk -t1 -c"$CONNS" -d"${WARMUP:-5}s" "http://127.0.0.1:$port/" >/dev/null # warm-up (JIT, caches)
    : >"$out"
    for i in $(seq 1 "$RUNS"); do
        r=$(measure "$port")
        echo "$name run $i: $r (requests/s p50_us p99_us)"
        echo "$r" >>"$out"
    done
}

tmp=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$tmp"' EXIT

echo "wrk -t1 -c$CONNS -d${SECS}s, $RUNS runs each after a ${WARMUP:-5} s warm-up; $(nproc) cores; $(uname -r)"
echo "juv: $("$JAVA" -version 2>&1 | head -1); node: $(node --version); $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)"

port_free "$PORT_JUV"
"$JAVA" -jar "$JAR" hello --port "$PORT_JUV" >"$tmp/juv.log" 2>&1 &
JUV=$!
wait_port "$PORT_JUV"
bench juv "$PORT_JUV" "$tmp/juv"
kill "$JUV"; wait "$JUV" 2>/dev/null || true

port_free "$PORT_NODE"
node juv-bench/node/app.js "$PORT_NODE" >"$tmp/node.log" 2>&1 &
NODE=$!
wait_port "$PORT_NODE"
bench node "$PORT_NODE" "$tmp/node"
kill "$NODE"; wait "$NODE" 2>/dev/null || true

jr=$(cut -d' ' -f1 "$tmp/juv" | median); jp99=$(cut -d' ' -f3 "$tmp/juv" | median); jp50=$(cut -d' ' -f2 "$tmp/juv" | median)
nr=$(cut -d' ' -f1 "$tmp/node" | median); np99=$(cut -d' ' -f3 "$tmp/node" | median); np50=$(cut -d' ' -f2 "$tmp/node" | median)
echo
echo "| server | requests/s (median) | p50 us | p99 us |"
echo "| --- | --- | --- | --- |"
echo "| juv hello | $jr | $jp50 | $jp99 |"
echo "| node app.js | $nr | $np50 | $np99 |"
awk -v j="$jr" -v n="$nr" -v jp="$jp99" -v np="$np99" 'BEGIN {
    printf "juv / node: %.2fx requests/s; p99 %s us vs %s us (%s)\n", j / n, jp, np, (jp <= np ? "juv no worse" : "juv worse") }'
