/* async1 on libuv in C: a worker thread with its own loop and async handle, and an async handle
 * on the main loop; the two ping-pong uv_async_send until each side has sent PINGS (default
 * 1 000 000). Strict ping-pong, so no send coalesces: each side sees exactly PINGS callbacks.
 * Prints juv-bench's line. Written for juv's comparison. */
#include "bench.h"

static uv_loop_t main_loop;
static uv_loop_t worker_loop;
static uv_async_t main_async;
static uv_async_t worker_async;
static long pings;
static long main_sent, main_seen;
static long worker_sent, worker_seen;

/* The worker's first send counts as one of its PINGS; so it sends from all but its last
 * callback, and no send ever reaches a closed handle. */
static void on_worker_async(uv_async_t* a) {
  worker_seen++;
  if (worker_seen == pings) {
    uv_close((uv_handle_t*) a, NULL);
    return;
  }
  must(uv_async_send(&main_async), "uv_async_send");
  worker_sent++;
}

static void on_main_async(uv_async_t* a) {
  main_seen++;
  must(uv_async_send(&worker_async), "uv_async_send");
  main_sent++;
  if (main_seen == pings) uv_close((uv_handle_t*) a, NULL);
}

static void worker(void* arg) {
  (void) arg;
  must(uv_async_send(&main_async), "uv_async_send");
  worker_sent++;
  uv_run(&worker_loop, UV_RUN_DEFAULT);
}

int main(int argc, char** argv) {
  uv_thread_t t;
  uint64_t start;
  double secs;
  char rate[32];

  pings = argc > 1 ? atol(argv[1]) : 1000000;
  if (pings < 1) pings = 1;
  must(uv_loop_init(&main_loop), "uv_loop_init");
  must(uv_loop_init(&worker_loop), "uv_loop_init");
  must(uv_async_init(&main_loop, &main_async, on_main_async), "uv_async_init");
  must(uv_async_init(&worker_loop, &worker_async, on_worker_async), "uv_async_init");
  must(uv_thread_create(&t, worker, NULL), "uv_thread_create");
  start = uv_hrtime();
  uv_run(&main_loop, UV_RUN_DEFAULT);
  must(uv_thread_join(&t), "uv_thread_join");
  secs = (uv_hrtime() - start) / 1e9;
  if (main_sent != pings || main_seen != pings || worker_sent != pings || worker_seen != pings) {
    fprintf(stderr, "async1: counts %ld/%ld sent/seen on main, %ld/%ld on the worker, want %ld\n",
            main_sent, main_seen, worker_sent, worker_seen, pings);
    return 1;
  }
  printf("async1: %.2f sec (%s/sec)\n", secs, fmt(rate, pings / secs));
  must(uv_loop_close(&worker_loop), "uv_loop_close");
  return uv_loop_close(&main_loop) != 0;
}
