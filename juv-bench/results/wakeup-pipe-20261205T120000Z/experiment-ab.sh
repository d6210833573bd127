#!/usr/bin/env bash
# A/B: juv's wake-up through Selector.wakeup() vs a pipe of its own, spins off, against libuv C.
cd /work/main
BIN=juv-bench/target/compare-bin
JAR=juv-bench/target/juv-bench.jar
ROUNDS=${ROUNDS:-3}
OFF="-Djuv.loop.spinMicros=0 -Djuv.threadpool.spinMicros=0"
juv() { # wake workload args...
  local wake=$1; shift
  timeout 300 java -Xmx2g $OFF -Djuv.loop.wakeup=$wake -jar $JAR "$@" --warmup 1 --cpu 2>&1 | tail -2 | tr "\n" " "
}
for r in $(seq $ROUNDS); do
  for w in ${WL:-async_pummel_1 async1 queue_work fs_stat_async getaddrinfo}; do
    case $w in
      async_pummel_1) c=("$BIN/async_pummel" 1 1000000); j=(async_pummel_1 --pings 1000000) ;;
      async1) c=("$BIN/async" 1 200000); j=(async1 --pings 200000) ;;
      queue_work) c=("$BIN/queue_work" 5000); j=(queue_work --ms 5000) ;;
      fs_stat_async) c=("$BIN/fs_stat" 32 100000); j=(fs_stat --stats 0 --async-stats 100000 --concurrency 32) ;;
      getaddrinfo) c=("$BIN/getaddrinfo" 10000); j=(getaddrinfo --lookups 10000) ;;
    esac
    echo "$r $w libuv: $(timeout 300 "${c[@]}" 2>&1 | tail -1)"
    echo "$r $w selector: $(juv selector "${j[@]}")"

    echo "$r $w pipe-sleep: $(juv pipe-sleep "${j[@]}")"
  done
done
