/* asyncN on libuv in C: THREADS (default 1) worker threads, each with its own loop and async
 * handle, paired with an async handle of its own on the main loop; each pair ping-pongs
 * uv_async_send until each side has sent PINGS (default 1 000 000). Strict ping-pong, so no send
 * coalesces: each side sees exactly PINGS callbacks. Prints juv-bench's line.
 * Written for juv's comparison.
 *   async [threads] [pings] */
#include "bench.h"

struct pair {
  uv_loop_t worker_loop;
  uv_async_t main_async;
  uv_async_t worker_async;
  uv_thread_t thread;
  long main_sent, main_seen;
  long worker_sent, worker_seen;
};

static uv_loop_t main_loop;
static long pings;

/* The worker's first send counts as one of its PINGS; so it sends from all but its last
 * callback, and no send ever reaches a closed handle. */
static void on_worker_async(uv_async_t* a) {
  struct pair* p = a->data;
  p->worker_seen++;
  if (p->worker_seen == pings) {
    uv_close((uv_handle_t*) a, NULL);
    return;
  }
  must(uv_async_send(&p->main_async), "uv_async_send");
  p->worker_sent++;
}

static void on_main_async(uv_async_t* a) {
  struct pair* p = a->data;
  p->main_seen++;
  must(uv_async_send(&p->worker_async), "uv_async_send");
  p->main_sent++;
  if (p->main_seen == pings) uv_close((uv_handle_t*) a, NULL);
}

static void worker(void* arg) {
  struct pair* p = arg;
  must(uv_async_send(&p->main_async), "uv_async_send");
  p->worker_sent++;
  uv_run(&p->worker_loop, UV_RUN_DEFAULT);
}

int main(int argc, char** argv) {
  int nthreads, i, bad = 0;
  struct pair* pairs;
  uint64_t start;
  double secs;
  char rate[32];

  nthreads = argc > 1 ? atoi(argv[1]) : 1;
  pings = argc > 2 ? atol(argv[2]) : 1000000;
  if (nthreads < 1 || pings < 1) {
    fprintf(stderr, "usage: async [threads] [pings]\n");
    return 2;
  }
  pairs = calloc(nthreads, sizeof(struct pair));
  must(uv_loop_init(&main_loop), "uv_loop_init");
  for (i = 0; i < nthreads; i++) {
    struct pair* p = pairs + i;
    must(uv_loop_init(&p->worker_loop), "uv_loop_init");
    must(uv_async_init(&main_loop, &p->main_async, on_main_async), "uv_async_init");
    must(uv_async_init(&p->worker_loop, &p->worker_async, on_worker_async), "uv_async_init");
    p->main_async.data = p;
    p->worker_async.data = p;
  }
  start = uv_hrtime();
  for (i = 0; i < nthreads; i++) must(uv_thread_create(&pairs[i].thread, worker, pairs + i), "uv_thread_create");
  uv_run(&main_loop, UV_RUN_DEFAULT);
  for (i = 0; i < nthreads; i++) must(uv_thread_join(&pairs[i].thread), "uv_thread_join");
  secs = (uv_hrtime() - start) / 1e9;
  for (i = 0; i < nthreads; i++) {
    struct pair* p = pairs + i;
    if (p->main_sent != pings || p->main_seen != pings || p->worker_sent != pings || p->worker_seen != pings) {
      fprintf(stderr, "async%d: pair %d: counts %ld/%ld sent/seen on main, %ld/%ld on the worker, want %ld\n",
              nthreads, i, p->main_sent, p->main_seen, p->worker_sent, p->worker_seen, pings);
      bad = 1;
    }
    must(uv_loop_close(&p->worker_loop), "uv_loop_close");
  }
  if (bad) return 1;
  printf("async%d: %.2f sec (%s/sec)\n", nthreads, secs, fmt(rate, pings / secs));
  free(pairs);
  return uv_loop_close(&main_loop) != 0;
}
