#!/usr/bin/env bash
# juv side by side with libuv in C, Node.js and Netty (NIO and epoll), one workload and one peer
# at a time, never in parallel. Each (workload, peer) runs RUNS times, in rounds: every peer of a
# workload once, in turn, then the next round (the HTTP servers and startup keep one peer's runs
# together: each server is warmed once and serves all its runs); the results folder gets the
# raw figures, a CSV with median/min/max, a markdown table, a PNG chart of juv's ratios, the
# memory figures and the machine's description.
#
#   juv-bench/compare.sh [--runs N] [--smoke] [workload...]
#
# Workloads (default: all, in this order): loop_count million_timers million_async async1 async2
# async_pummel_1 async_pummel_2 queue_work ping_pongs ping_udp1 udp_pummel_1v1 udp_pummel_10v10
# tcp_pump1_client tcp_pump100_client pipe_pump1_client pipe_pump100_client tcp_write_batch
# tcp4_pound_100 tcp4_pound_1000 tcp_multi_accept2 tcp_multi_accept4 tcp_multi_accept8 fs_stat_sync
# fs_stat_async1 fs_stat_async4 fs_stat_async getaddrinfo getaddrinfo_stream hello hello_cluster appjs express startup
# memory.
#   fs_stat_async is juv-bench's fs_stat with 32 in flight (fs_stat_asyncN: N); hello is Node's getting-started
#   server under wrk (-t1 -c50, 10 s per run after a 5 s warm-up; rows hello_rps, hello_p50,
#   hello_p99), on one loop, one process, one event loop; hello_cluster is the same server on 2
#   cores under the same wrk (rows hello_cluster_rps, hello_cluster_p50, hello_cluster_p99):
#   juv's hello with --loops 2 (two loops, each listening on the port with SO_REUSEPORT), Node's
#   cluster module with 2 workers running app.js (juv-bench/node/app-cluster.js), Netty's hello
#   with --loops 2 (two event loops), and no libuv C program; appjs is the same app.js under
#   juv-js (juv-js/bin/juv-node: juv-node.jar with its class-data sharing archive, JUV_CDS=off
#   for the bare jar; GraalJS, or the engine JUV_NODE_ENGINE names: JUV_NODE_ENGINE=rhino) and
#   under node (rows appjs_rps,
#   appjs_p50, appjs_p99); express is the guide's Express app (juv-bench/node/express-app.js,
#   Express from juv-js/examples/express-hello, installed there with `npm ci` when missing) the
#   same way (rows express_rps, express_p50, express_p99); startup is the wall time from launch
#   to the exit of a program that
#   prints one line (juv-js and node, ms);
#   memory is retained heap per idle handle (juv) next to libuv's struct sizes, and
#   each peer's server RSS with 10 000 idle TCP connections from one C client.
# Peers, where the workload exists for them (Node has no async/queue_work/multi-accept program
# and no lookup without hints: getaddrinfo_stream, not getaddrinfo;
# Netty has timers, TCP ping-pong and pump, UDP ping and HTTP):
#   juv           java -jar juv-bench/target/juv-bench.jar
#   libuv         our C programs in juv-bench/compare/c, built with cc against Debian's libuv1-dev
#                 (installed with apt-get when missing and running as root)
#   node          juv-bench/compare/node, juv-bench/node
#   netty-nio     java -jar juv-bench.jar netty ... --transport nio
#   netty-epoll   the same with --transport epoll, where Netty's native epoll loads
# Every peer runs the same counts (set below, passed on every command line) and nobody gets a
# warm-up run: each measured run is a fresh process, JIT compilation included for the JVMs and Node
# (WARMUP=N gives the JVM peers N unmeasured runs in the same process first, for steady state).
# CPU: every measured run records its user+system CPU seconds and wall seconds (cpu.csv). For juv
# and Netty, the JVM's whole process (loop, pool, JIT and GC threads) over the measured run, read
# in the process; for C and Node, the whole process tree from start to exit (bash's `times`), so
# their start-up is in it (about 1 ms for C, 40 ms for Node, at about the same cores busy); for
# the servers under wrk, the server's process tree over each wrk run (/proc). The report divides
# each figure by the cores busy (CPU seconds / wall seconds): operations per CPU-second.
# PINGS sets the async workloads' round trips for every peer (default 1 000 000; without the
# spin, 1 000 000 round trips take a minute a run on each peer).
# OUT_DIR chooses the results folder (default juv-bench/results/<UTC time>); JUV_OPTS adds JVM
# options for juv alone (JUV_OPTS=-Djuv.loop.spinMicros=0: juv's loop blocks at once, as libuv's;
# add -Djuv.threadpool.spinMicros=0 for pool workers that park at once too). --smoke runs tiny
# counts so the test suite can check the harness end to end; its figures mean nothing.
# Needs: node, cc, wrk, and Maven to build the jars when they are missing or older than their sources.
set -euo pipefail
cd "$(dirname "$0")/.."
export LC_NUMERIC=C # bash's `times` and printf with a decimal point

ALL=(loop_count million_timers million_async async1 async2 async_pummel_1 async_pummel_2 queue_work ping_pongs
    ping_udp1 udp_pummel_1v1 udp_pummel_10v10 tcp_pump1_client tcp_pump100_client pipe_pump1_client pipe_pump100_client
    tcp_write_batch tcp4_pound_100 tcp4_pound_1000 tcp_multi_accept2 tcp_multi_accept4 tcp_multi_accept8 fs_stat_sync
    fs_stat_async1 fs_stat_async4 fs_stat_async getaddrinfo getaddrinfo_stream hello hello_cluster appjs express startup memory)
RUNS=3
SMOKE=
WORKLOADS=()
usage() { local IFS='|'; echo "usage: juv-bench/compare.sh [--runs N] [--smoke] [${ALL[*]}]..." >&2; exit 2; }
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) RUNS=$2; shift 2 ;;
        --smoke) SMOKE=1; shift ;;
        *) [[ " ${ALL[*]} " == *" $1 "* ]] || usage; WORKLOADS+=("$1"); shift ;;
    esac
done
[ ${#WORKLOADS[@]} -gt 0 ] || WORKLOADS=("${ALL[@]}")

JAVA=${JAVA:-java}
JAR=juv-bench/target/juv-bench.jar
EXAMPLES=juv-examples/target/juv-examples.jar
JUV_NODE=juv-js/target/juv-node.jar
. juv-bench/jars.sh
build_jars "$JAR" "$EXAMPLES" "$JUV_NODE"
for tool in node cc wrk; do
    command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install nodejs gcc wrk)" >&2; exit 2; }
done
if [ ! -f /usr/include/uv.h ]; then
    if [ "$(id -u)" = 0 ]; then
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q libuv1-dev >&2
    else
        echo "missing libuv's headers: apt-get install libuv1-dev" >&2
        exit 2
    fi
fi
# 10 000 connections need as many descriptors in the server and in the client.
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt 16384 ]; then
    ulimit -n 16384 2>/dev/null || ulimit -n "$(ulimit -Hn)"
fi

BIN=juv-bench/target/compare-bin
mkdir -p "$BIN"
for src in juv-bench/compare/c/*.c; do
    exe="$BIN/$(basename "$src" .c)"
    if [ ! -x "$exe" ] || [ "$src" -nt "$exe" ] || [ juv-bench/compare/c/bench.h -nt "$exe" ]; then
        cc -O2 -Wall -o "$exe" "$src" -luv -lpthread
    fi
done

NETTY_PEERS=(netty-nio netty-epoll)
if ! "$JAVA" -jar "$JAR" netty --transport epoll --smoke million_timers >/dev/null 2>&1; then
    echo "Netty's epoll transport does not load here: Netty runs on NIO only" >&2
    NETTY_PEERS=(netty-nio)
fi

if [ -n "$SMOKE" ]; then
    TICKS=2000; TIMERS=10000; MS=50; PINGS=1000; STATS=1000; ASTATS=200; CONC=2; LOOKUPS=200
    POUND_MS=100; ACCEPTS=400; WRITES=100000; SENDS=10000; CONNS=100; WRK_CONNS=4; WRK_SECS=1; WRK_WARMUP=1
    SMOKE_ARG=(--smoke)
else
    TICKS=2000000; TIMERS=1000000; MS=5000; PINGS=${PINGS:-1000000}; STATS=1000000; ASTATS=100000; CONC=32; LOOKUPS=10000
    POUND_MS=10000; ACCEPTS=250000; WRITES=1000000; SENDS=1000000; CONNS=10000; WRK_CONNS=50; WRK_SECS=10; WRK_WARMUP=5
    SMOKE_ARG=()
fi
# memory holds CONNS connections open in one server process (and as many in the C client): when
# the limit raised above is still too low (a hard limit under it), say so now, not after an hour
# of other workloads.
if [[ " ${WORKLOADS[*]} " == *" memory "* ]] && [ "$(ulimit -n)" != unlimited ] &&
        [ "$(ulimit -n)" -lt $((CONNS + 256)) ]; then
    echo "memory needs $((CONNS + 256)) file descriptors per process; ulimit -n is $(ulimit -n) (hard $(ulimit -Hn))" >&2
    exit 2
fi

OUT=${OUT_DIR:-juv-bench/results/$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$OUT"
netty_version=$("$JAVA" -jar "$JAR" netty --version)
{
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    juv_commit
    echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //') ($(nproc) cores)"
    echo "memory: $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
    echo "kernel: $(uname -r)"
    echo "jdk: $("$JAVA" -version 2>&1 | head -1)"
    echo "jvm options: -Xmx2g for juv and Netty${JUV_OPTS:+; juv also $JUV_OPTS}"
    echo "warm-up: ${WARMUP:-0} unmeasured runs in the process before each measured one, JVM peers only; none for C and Node"
    echo "juv-js engine: ${JUV_NODE_ENGINE:-graaljs}"
    echo "juv-js launcher: juv-js/bin/juv-node, class-data sharing archive ${JUV_CDS:-on} (made by an unmeasured run first)"
    echo "node: $(node --version)"
    echo "libuv: $(dpkg-query -W -f='${Version}' libuv1-dev 2>/dev/null || echo unknown)"
    echo "netty: $netty_version (${NETTY_PEERS[*]})"
    echo "wrk: $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)"
    echo "cc: $(cc --version | head -1)"
    echo "runs: $RUNS${SMOKE:+ (smoke: tiny counts, figures mean nothing)}, in rounds of one run per peer (not the HTTP servers or startup)"
} >"$OUT/env.txt"

# Every measured command runs under a time limit, so a lost datagram cannot hang the script.
T=(timeout --kill-after=10 "$([ -n "$SMOKE" ] && echo 60 || echo 900)")

# Every JVM peer (juv, Netty) runs with the same options; JUV_OPTS adds JVM options for juv
# alone (see the top of this file).
JVM=("$JAVA" -Xmx2g)
read -r -a JUV_EXTRA <<<"${JUV_OPTS:-}"
JUV_NODE_ARGS=(--engine "${JUV_NODE_ENGINE:-graaljs}")
# juv-js runs as its users run it, through juv-js/bin/juv-node (the jar, with a class-data sharing
# archive that the launcher makes at its first run; here, before the first measured run), with
# the JVM peers' options; JUV_CDS=off runs the bare `java -jar juv-node.jar` instead.
JUV_JS=(env JAVA="$JAVA" JUV_OPTS="-Xmx2g${JUV_OPTS:+ $JUV_OPTS}" juv-js/bin/juv-node "${JUV_NODE_ARGS[@]}")
JUV=("${JVM[@]}" "${JUV_EXTRA[@]}" -jar "$JAR")
NETTY=("${JVM[@]}" -jar "$JAR" netty)

peers_of() {
    case "$1" in
        million_timers|ping_pongs|ping_udp1|tcp_pump1_client|tcp_pump100_client|hello|memory)
            echo juv libuv node "${NETTY_PEERS[@]}" ;;
        hello_cluster) echo juv node "${NETTY_PEERS[@]}" ;; # no libuv C program serves from 2 cores
        loop_count|tcp4_pound_*|fs_stat_*|getaddrinfo_stream|pipe_pump*|tcp_write_batch|udp_pummel_*) echo juv libuv node ;;
        # Node's dns.lookup cannot ask without hints (it always asks for SOCK_STREAM): not the same work
        async[0-9]*|async_pummel_*|million_async|queue_work|tcp_multi_accept*|getaddrinfo) echo juv libuv ;;
        appjs|express|startup) echo juv-js node ;;
    esac
}

# The runner command of a (workload, peer), printing the workload's result line.
run_one() { # workload peer
    local w=$1 peer=$2 transport=${2#netty-}
    case "$peer" in
        juv|netty-*)
            local args=(--warmup "${WARMUP:-0}" --cpu "${SMOKE_ARG[@]}") name=$w
            case "$w" in
                loop_count) args+=(--ticks "$TICKS") ;;
                million_timers) args+=(--timers "$TIMERS") ;;
                async[0-9]*|async_pummel_*) args+=(--pings "$PINGS") ;;
                million_async|queue_work|ping_pongs|ping_udp1|*_pump*_client) args+=(--ms "$MS") ;;
                udp_pummel_*) args+=(--sends "$SENDS") ;;
                tcp_write_batch) args+=(--writes "$WRITES") ;;
                tcp4_pound_*) args+=(--ms "$POUND_MS") ;;
                tcp_multi_accept*) args+=(--accepts "$ACCEPTS") ;;
                fs_stat_sync) name=fs_stat; args+=(--stats "$STATS" --async-stats 0) ;;
                fs_stat_async*) name=fs_stat; args+=(--stats 0 --async-stats "$ASTATS" --concurrency "$(in_flight "$w")") ;;
                getaddrinfo*) args+=(--lookups "$LOOKUPS") ;;
            esac
            if [ "$peer" = juv ]; then "${T[@]}" "${JUV[@]}" "$name" "${args[@]}"
            else "${T[@]}" "${NETTY[@]}" "$name" --transport "$transport" "${args[@]}"; fi ;;
        libuv)
            case "$w" in
                loop_count) "${T[@]}" "$BIN/loop_count" "$TICKS" ;;
                million_timers) "${T[@]}" "$BIN/million_timers" "$TIMERS" ;;
                million_async) "${T[@]}" "$BIN/million_async" "$MS" ;;
                async[0-9]*) "${T[@]}" "$BIN/async" "${w#async}" "$PINGS" ;;
                async_pummel_*) "${T[@]}" "$BIN/async_pummel" "${w#async_pummel_}" "$PINGS" ;;
                queue_work) "${T[@]}" "$BIN/queue_work" "$MS" ;;
                ping_pongs) "${T[@]}" "$BIN/ping_pongs" "$MS" ;;
                ping_udp1) "${T[@]}" "$BIN/ping_udp" "$MS" ;;
                udp_pummel_1v1) "${T[@]}" "$BIN/udp_pummel" 1 1 "$SENDS" ;;
                udp_pummel_10v10) "${T[@]}" "$BIN/udp_pummel" 10 10 "$SENDS" ;;
                tcp_pump1_client) "${T[@]}" "$BIN/pump" 1 "$MS" ;;
                tcp_pump100_client) "${T[@]}" "$BIN/pump" 100 "$MS" ;;
                pipe_pump1_client) "${T[@]}" "$BIN/pump" 1 "$MS" pipe ;;
                pipe_pump100_client) "${T[@]}" "$BIN/pump" 100 "$MS" pipe ;;
                tcp_write_batch) "${T[@]}" "$BIN/write_batch" "$WRITES" ;;
                tcp4_pound_*) "${T[@]}" "$BIN/pound" "${w#tcp4_pound_}" "$POUND_MS" ;;
                tcp_multi_accept*) "${T[@]}" "$BIN/multi_accept" "${w#tcp_multi_accept}" "$ACCEPTS" ;;
                fs_stat_sync) "${T[@]}" "$BIN/fs_stat" sync "$STATS" ;;
                fs_stat_async*) "${T[@]}" "$BIN/fs_stat" "$(in_flight "$w")" "$ASTATS" ;;
                getaddrinfo) "${T[@]}" "$BIN/getaddrinfo" "$LOOKUPS" ;;
                getaddrinfo_stream) "${T[@]}" "$BIN/getaddrinfo" "$LOOKUPS" stream ;;
            esac ;;
        node)
            case "$w" in
                loop_count) "${T[@]}" node juv-bench/compare/node/loop_count.js "$TICKS" ;;
                million_timers) "${T[@]}" node juv-bench/compare/node/million_timers.js "$TIMERS" ;;
                ping_pongs) node_pair echo-server ping_pongs "$MS" ;;
                ping_udp1) "${T[@]}" node juv-bench/compare/node/ping_udp.js "$MS" ;;
                udp_pummel_1v1) "${T[@]}" node juv-bench/compare/node/udp_pummel.js 1 1 "$SENDS" ;;
                udp_pummel_10v10) "${T[@]}" node juv-bench/compare/node/udp_pummel.js 10 10 "$SENDS" ;;
                tcp_pump1_client) node_pair sink-server tcp_pump_client "$MS" 1 ;;
                tcp_pump100_client) node_pair sink-server tcp_pump_client "$MS" 100 ;;
                pipe_pump1_client) node_pair pipe-sink-server pipe_pump_client "$MS" 1 ;;
                pipe_pump100_client) node_pair pipe-sink-server pipe_pump_client "$MS" 100 ;;
                tcp_write_batch) "${T[@]}" node juv-bench/compare/node/tcp_write_batch.js "$WRITES" ;;
                tcp4_pound_*) node_pair echo-server pound "$POUND_MS" "${w#tcp4_pound_}" ;;
                fs_stat_sync) "${T[@]}" node juv-bench/compare/node/fs_stat.js sync "$STATS" ;;
                fs_stat_async*) "${T[@]}" node juv-bench/compare/node/fs_stat.js "$(in_flight "$w")" "$ASTATS" ;;
                getaddrinfo_stream) "${T[@]}" node juv-bench/compare/node/getaddrinfo.js "$LOOKUPS" ;;
            esac ;;
    esac
}

# How many stats fs_stat_asyncN keeps in flight: N, or CONC for fs_stat_async.
in_flight() { local n=${1#fs_stat_async}; echo "${n:-$CONC}"; }

# The number in a workload's result line (the last one, if several).
figure() { # workload
    case "$1" in
        loop_count) sed -n 's/.*(\([0-9.]*\)\/s).*/\1/p' ;;
        million_timers) sed -n 's/^\([0-9.]*\) seconds total$/\1/p' ;;
        million_async) sed -n 's/^.* async events in .* seconds (\([0-9,]*\)\/s, .*$/\1/p' | tr -d , ;;
        async[0-9]*) sed -n "s/^$1: .* sec (\([0-9,]*\)\/sec)\$/\1/p" | tr -d , ;;
        async_pummel_*) sed -n "s/^$1: .* seconds (\([0-9,]*\)\/sec)\$/\1/p" | tr -d , ;;
        queue_work) sed -n 's/^.* async jobs in .* seconds (\([0-9,]*\)\/s)$/\1/p' | tr -d , ;;
        ping_pongs) sed -n 's/^ping_pongs: \([0-9]*\) roundtrips\/s$/\1/p' ;;
        ping_udp1) sed -n 's/^ping_pongs: 1 pingers, ~ \([0-9]*\) roundtrips\/s$/\1/p' ;;
        udp_pummel_*) sed -n "s/^$1: [0-9.]*\/s received, \([0-9.]*\)\/s sent\..*/\1/p" ;;
        *_pump*_client) sed -n "s/^$1: \([0-9.]*\) gbit\/s\$/\1/p" ;;
        tcp_write_batch) awk -v n="$WRITES" '/^[0-9]+ write requests in [0-9.]+s\.$/ { s = $5; sub(/s\.$/, "", s); if (s > 0) printf "%.0f\n", n / s }' ;;
        tcp4_pound_*) sed -n "s/^tcp-conn-pound-${1#tcp4_pound_}: \([0-9]*\) accepts\/s (0 failed)\$/\1/p" ;;
        tcp_multi_accept*) sed -n "s/^accept${1#tcp_multi_accept}: \([0-9]*\) accepts\/sec .*/\1/p" ;;
        fs_stat_sync) sed -n 's/.*stats (sync): .*(\([0-9,]*\)\/s)$/\1/p' | tr -d , ;;
        fs_stat_async*) sed -n "s/.*stats ($(in_flight "$1") concurrent): .*(\([0-9,]*\)\/s)\$/\1/p" | tr -d , ;;
        getaddrinfo*) sed -n "s/^$1: \([0-9]*\) req\/s\$/\1/p" ;;
    esac | tail -1
}

# A Node server role and a Node client role against it, as libuv's runner uses a helper process.
node_pair() { # server-role client-role ms [n]
    local port_file status=0; port_file=$(mktemp)
    node juv-bench/node/net_bench.js "$1" >"$port_file" &
    local srv=$!
    for _ in $(seq 1 100); do [ -s "$port_file" ] && break; sleep 0.05; done
    "${T[@]}" node juv-bench/node/net_bench.js "$2" "$(head -1 "$port_file")" "${@:3}" || status=$?
    kill "$srv" 2>/dev/null || true; wait "$srv" 2>/dev/null || true
    rm -f "$port_file"
    return "$status"
}

# Starts a server in the background, stdout to LOG and stderr to LOG.err; SERVER_PID names it.
# Waits for a stdout line matching PATTERN (a warning a JVM prints first is not taken for it).
start_server() { # log pattern command...
    SERVER_LOG=$1; local pattern=$2; shift 2
    "$@" >"$SERVER_LOG" 2>"$SERVER_LOG.err" &
    SERVER_PID=$!
    for _ in $(seq 1 300); do
        grep -qE "$pattern" "$SERVER_LOG" && return 0
        kill -0 "$SERVER_PID" 2>/dev/null || break
        sleep 0.05
    done
    echo "server did not start: $*" >&2; cat "$SERVER_LOG" "$SERVER_LOG.err" >&2; exit 1
}
stop_server() {
    kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true
    rm -f "$SERVER_LOG.err"
}
trap 'kill $(jobs -p) 2>/dev/null || true' EXIT

# Sets CMD to the command of a peer's server: hello or hello_cluster (HTTP), appjs, express, or
# conns (idle connections).
server_cmd() { # kind peer
    local transport=${2#netty-}
    case "$1/$2" in
        # hello's default is a loop per core: one here, as the other peers' one process or loop
        hello/juv) CMD=("${JVM[@]}" "${JUV_EXTRA[@]}" -jar "$EXAMPLES" hello --port 0 --loops 1) ;;
        hello/libuv) CMD=("$BIN/hello" 0) ;;
        hello/node) CMD=(node juv-bench/node/app.js 0) ;;
        hello/netty-*) CMD=("${NETTY[@]}" hello --port 0 --transport "$transport") ;;
        hello_cluster/juv) CMD=("${JVM[@]}" "${JUV_EXTRA[@]}" -jar "$EXAMPLES" hello --port 0 --loops 2) ;;
        hello_cluster/node) CMD=(node juv-bench/node/app-cluster.js 0) ;;
        hello_cluster/netty-*) CMD=("${NETTY[@]}" hello --port 0 --loops 2 --transport "$transport") ;;
        appjs/juv-js) CMD=("${JUV_JS[@]}" juv-bench/node/app.js 0) ;;
        appjs/node) CMD=(node juv-bench/node/app.js 0) ;;
        express/juv-js) CMD=("${JUV_JS[@]}" juv-bench/node/express-app.js 0) ;;
        express/node) CMD=(node juv-bench/node/express-app.js 0) ;;
        conns/juv) CMD=("${JUV[@]}" conns --port 0 --count "$CONNS") ;;
        conns/libuv) CMD=("$BIN/conns_server" 0 "$CONNS") ;;
        conns/node) CMD=(node juv-bench/node/net_bench.js conns-server "$CONNS") ;;
        conns/netty-*) CMD=("${NETTY[@]}" conns --port 0 --count "$CONNS" --transport "$transport") ;;
    esac
}

# One wrk run: prints "requests/s p50_us p99_us".
wrk_run() { # port seconds
    wrk -t1 -c"$WRK_CONNS" -d"$2s" --latency "http://127.0.0.1:$1/" | awk '
        function us(v) { if (v ~ /us$/) return v + 0; if (v ~ /ms$/) return v * 1000; if (v ~ /s$/) return v * 1000000; return v }
        /^ +50%/ { p50 = us($2) } /^ +99%/ { p99 = us($2) } /^Requests\/sec/ { rps = $2 }
        /Non-2xx|Socket errors/ { bad = $0 }
        END { if (bad != "") { print "wrk: " bad > "/dev/stderr"; exit 1 } printf "%.0f %.0f %.0f\n", rps, p50, p99 }'
}

hello() { # peer [kind]: RUNS wrk runs against one server process, after a warm-up
    local log kind=${2:-hello}; log=$(mktemp)
    server_cmd "$kind" "$1"
    start_server "$log" '^Server running at http://[^:]*:[0-9]+/' "${CMD[@]}"
    local port; port=$(sed -n 's|^Server running at http://[^:]*:\([0-9]*\)/.*|\1|p' "$log" | head -1)
    [ -n "$port" ] || { echo "no port from the $1 hello server" >&2; cat "$log" >&2; exit 1; }
    wrk -t1 -c"$WRK_CONNS" -d"${WRK_WARMUP}s" "http://127.0.0.1:$port/" >/dev/null
    for i in $(seq 1 "$RUNS"); do
        local ticks0 ticks1 t0 t1
        ticks0=$(tree_ticks "$SERVER_PID"); t0=$(date +%s%N)
        read -r rps p50 p99 < <(wrk_run "$port" "$WRK_SECS") || true
        ticks1=$(tree_ticks "$SERVER_PID"); t1=$(date +%s%N)
        [ -n "$rps" ] || { echo "no figure from wrk against $1" >&2; exit 1; }
        local row=${1/#juv-js/juv} # juv-js's figures go in juv's column of the report
        awk -v k="$kind" -v p="$row" -v i="$i" -v t=$((ticks1 - ticks0)) -v hz="$CLK_TCK" -v ns=$((t1 - t0)) \
            'BEGIN { printf "%s_rps,%s,%s,%.3f,%.3f\n", k, p, i, t / hz, ns / 1e9 }' >>"$OUT/cpu.csv"
        printf '%s_rps,%s,%s,%s\n%s_p50,%s,%s,%s\n%s_p99,%s,%s,%s\n' "$kind" "$row" "$i" "$rps" "$kind" "$row" "$i" "$p50" \
            "$kind" "$row" "$i" "$p99" >>"$OUT/raw.csv"
        echo "$kind $1 run $i: $rps requests/s, p50 $p50 us, p99 $p99 us (server CPU $(tail -1 "$OUT/cpu.csv" | cut -d, -f4) s)" >&2
    done
    stop_server; rm -f "$log"
}

startup() { # peer: RUNS launches of a program that prints one line, wall time in ms
    local program=juv-bench/node/startup.js
    for i in $(seq 1 "$RUNS"); do
        local t0 t1 out times_file; times_file=$(mktemp)
        t0=$(date +%s%N)
        case "$1" in
            juv-js) out=$("${T[@]}" "${JUV_JS[@]}" "$program"; times >"$times_file") ;;
            node) out=$("${T[@]}" node "$program"; times >"$times_file") ;;
        esac
        t1=$(date +%s%N)
        echo "startup_ms,${1/#juv-js/juv},$i,$(tail -1 "$times_file" | times_cpu),$(awk -v ns=$((t1 - t0)) 'BEGIN { printf "%.3f", ns / 1e9 }')" >>"$OUT/cpu.csv"
        rm -f "$times_file"
        [ "$out" = ready ] || { echo "startup: $1 printed '$out'" >&2; exit 1; }
        local ms=$(( (t1 - t0) / 1000000 ))
        echo "startup_ms,${1/#juv-js/juv},$i,$ms" >>"$OUT/raw.csv"
        echo "startup $1 run $i: $ms ms" >&2
    done
}

rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }

memory() {
    local m="$OUT/memory.csv"
    echo "metric,peer,value" >"$m"
    # juv's retained heap per handle, and libuv's struct sizes.
    "${JUV[@]}" memory "${SMOKE_ARG[@]}" >"$OUT/heap.txt"
    "$BIN/sizes" >"$OUT/sizes.txt"
    cat "$OUT/heap.txt" >&2
    sed -n 's/^heap per handle: \([a-z_]*\) \(-\{0,1\}[0-9]*\) B .*/heap_\1,juv,\2/p' "$OUT/heap.txt" >>"$m"
    sed -n 's/^\([a-z_]*\): \([0-9]*\)$/size_\1,libuv,\2/p' "$OUT/sizes.txt" >>"$m"
    echo "conns,all,$CONNS" >>"$m"
    # Each peer's server: RSS once it listens, and with CONNS idle connections from one C client.
    for peer in $(peers_of memory); do
        local log; log=$(mktemp)
        server_cmd conns "$peer"
        start_server "$log" '^[0-9]+$' "${CMD[@]}"
        local port; port=$(grep -m1 -E '^[0-9]+$' "$log")
        sleep 1
        local before; before=$(rss_kib "$SERVER_PID")
        local fifo; fifo=$(mktemp -u); mkfifo "$fifo"
        "$BIN/conns_client" "$port" "$CONNS" <"$fifo" >"$log.client" &
        local client=$!
        exec 9>"$fifo" # holds the client's stdin open until we are done
        for _ in $(seq 1 1200); do
            grep -q "^accepted $CONNS" "$log" && grep -q "^connected $CONNS" "$log.client" && break
            kill -0 "$client" 2>/dev/null || break
            sleep 0.05
        done
        grep -q "^accepted $CONNS" "$log" || { echo "$peer did not get $CONNS connections" >&2; cat "$log" "$log.client" >&2; exit 1; }
        sleep 1
        local after; after=$(rss_kib "$SERVER_PID")
        exec 9>&-
        wait "$client" || { echo "conns_client failed against $peer" >&2; exit 1; }
        stop_server
        rm -f "$fifo" "$log" "$log.client"
        printf 'rss_idle_kib,%s,%s\nrss_conns_kib,%s,%s\n' "$peer" "$before" "$peer" "$after" >>"$m"
        echo "memory $peer: RSS $before KiB listening, $after KiB with $CONNS connections" >&2
    done
}

# CPU seconds in bash's `times` line of children ("0m1.234s 0m0.056s"): user + system.
times_cpu() { awk '{ t = 0; for (i = 1; i <= 2; i++) { split($i, a, "m"); sub(/s$/, "", a[2]); t += a[1] * 60 + a[2] } printf "%.3f", t }'; }

# Runs (workload, peer) once: FIG gets its figure, CPU and WALL its CPU and wall seconds.
measure() { # workload peer
    local log; log=$(mktemp)
    local t0 t1 status=0
    t0=$(date +%s%N)
    # A subshell's `times` counts only its own children: this run's processes, waited for.
    # (`times` outside a pipeline: a pipeline's builtin runs in a subshell of its own.)
    ( status=0; run_one "$1" "$2" || status=$?; times >"$log.times"; exit "$status" ) >"$log" || status=$?
    t1=$(date +%s%N)
    if [ "$status" != 0 ]; then
        echo "$2 failed on $1 (exit $status):" >&2; cat "$log" >&2; exit 1
    fi
    FIG=$(figure "$1" <"$log")
    CPU= WALL=
    case "$2" in
        juv|netty-*) read -r CPU WALL < <(sed -n 's/^cpu: \([0-9.]*\) s user+system in \([0-9.]*\) s$/\1 \2/p' "$log" | tail -1) || true ;;
        *) CPU=$(tail -1 "$log.times" | times_cpu); WALL=$(awk -v ns=$((t1 - t0)) 'BEGIN { printf "%.3f", ns / 1e9 }') ;;
    esac
    [ -n "$FIG" ] || { echo "no figure from $2 for $1:" >&2; cat "$log" >&2; exit 1; }
    [ -n "$CPU" ] && [ -n "$WALL" ] || { echo "no CPU time from $2 for $1:" >&2; cat "$log" >&2; exit 1; }
    rm -f "$log" "$log.times"
}

# Clock ticks of user+system CPU of a process and its live descendants, from /proc.
tree_ticks() { # pid
    # (a process may end between the listing and the read: cat's complaint is not an error here)
    { cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk -v root="$1" '
        { s = $0; sub(/^.*\) /, "", s); split(s, f, " "); parent[$1] = f[2]; ticks[$1] = f[12] + f[13] }
        END { n = 0; for (p in ticks) { q = p; while (q != "" && q != 0 && q != root) q = parent[q]; if (q == root) n += ticks[p] } print n }'
}
CLK_TCK=$(getconf CLK_TCK)

# The launcher's archive is made at its first run's exit, as a build step would make it: that
# run is not measured (with JUV_CDS=off there is none to make).
for w in "${WORKLOADS[@]}"; do
    if [[ " $(peers_of "$w") " == *" juv-js "* ]]; then
        out=$("${T[@]}" "${JUV_JS[@]}" juv-bench/node/startup.js) && [ "$out" = ready ] ||
            { echo "juv-js/bin/juv-node printed '$out'" >&2; exit 1; }
        break
    fi
done

echo "workload,peer,run,value" >"$OUT/raw.csv"
echo "workload,peer,run,cpu_seconds,wall_seconds" >"$OUT/cpu.csv"
for w in "${WORKLOADS[@]}"; do
    case "$w" in
        memory) memory; continue ;;
        hello) for peer in $(peers_of hello); do hello "$peer"; done; continue ;;
        hello_cluster) for peer in $(peers_of hello_cluster); do hello "$peer" hello_cluster; done; continue ;;
        appjs) for peer in $(peers_of appjs); do hello "$peer" appjs; done; continue ;;
        express)
            [ -d juv-js/examples/express-hello/node_modules/express ] ||
                (cd juv-js/examples/express-hello && npm ci --no-audit --no-fund >&2)
            for peer in $(peers_of express); do hello "$peer" express; done; continue ;;
        startup) for peer in $(peers_of startup); do startup "$peer"; done; continue ;;
    esac
    # Round by round, each peer once per round, so a machine that speeds up or slows down during
    # a workload's runs (this kind can, by a fifth within minutes) moves every peer's figures alike.
    for i in $(seq 1 "$RUNS"); do
        for peer in $(peers_of "$w"); do
            measure "$w" "$peer"
            echo "$w,$peer,$i,$FIG" >>"$OUT/raw.csv"
            echo "$w,$peer,$i,$CPU,$WALL" >>"$OUT/cpu.csv"
            echo "$w $peer run $i: $FIG (CPU $CPU s in $WALL s)" >&2
        done
    done
done

"$JAVA" -jar "$JAR" report "$OUT"
cat "$OUT/env.txt"
echo
cat "$OUT/results.md"
echo
echo "results in $OUT (raw.csv, cpu.csv, results.csv, results.md, chart.png; memory.csv, heap.txt, sizes.txt)"
