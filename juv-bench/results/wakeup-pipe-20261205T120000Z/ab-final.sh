#!/usr/bin/env bash
# juv's loop wake-up: Selector.wakeup() (main before the change, base.jar) against the loop's own
# pipe (pipe.jar), with libuv C alongside, one run of each in turn per round. Spins off unless
# OFF is set to something else (OFF= for the default spins). JAVA chooses the JVM. The jars:
# juv-bench/target/juv-bench.jar built (mvn -o -q -B package -DskipTests -pl juv-bench -am) at
# 9939fbf and at the commit that brought this folder, copied here as base-9939fbf.jar and pipe.jar.
BIN=/work/main/juv-bench/target/compare-bin
ROUNDS=${ROUNDS:-4}
OFF=${OFF-"-Djuv.loop.spinMicros=0 -Djuv.threadpool.spinMicros=0"}
juv() { # jar workload args...
  local jar=$1; shift
  timeout 300 ${JAVA:-java} -Xmx2g $OFF -jar "$jar" "$@" --warmup 1 --cpu 2>&1 | tail -2 | tr "\n" " "
}
for r in $(seq $ROUNDS); do
  for w in ${WL:-async_pummel_1 async1 queue_work fs_stat_async getaddrinfo}; do
    case $w in
      async_pummel_1) c=("$BIN/async_pummel" 1 1000000); j=(async_pummel_1 --pings 1000000) ;;
      async1) c=("$BIN/async" 1 200000); j=(async1 --pings 200000) ;;
      queue_work) c=("$BIN/queue_work" 5000); j=(queue_work --ms 5000) ;;
      fs_stat_async) c=("$BIN/fs_stat" 32 100000); j=(fs_stat --stats 0 --async-stats 100000 --concurrency 32) ;;
      getaddrinfo) c=("$BIN/getaddrinfo" 10000); j=(getaddrinfo --lookups 10000) ;;
      getaddrinfo_stream) c=("$BIN/getaddrinfo" 10000 stream); j=(getaddrinfo_stream --lookups 10000) ;;
    esac
    echo "$r $w libuv: $(timeout 300 "${c[@]}" 2>&1 | tail -1)"
    echo "$r $w selector: $(juv base-9939fbf.jar "${j[@]}")"
    echo "$r $w pipe-sleep: $(juv pipe.jar "${j[@]}")"
  done
done
