/* async_pummel on libuv in C: THREADS threads (default 1) call uv_async_send on one handle in a
 * tight loop; the loop's callback counts until CALLBACKS (default 1 000 000), then stops the
 * threads, waits for them and closes the handle. Sends coalesce: callbacks per second under
 * contention. Prints juv-bench's line. Written for juv's comparison. */
#include "bench.h"
#include <stdatomic.h>

static uv_loop_t loop;
static uv_async_t handle;
static atomic_int stop;
static uv_thread_t* threads;
static int nthreads;
static long target;
static long callbacks;

static void pummel(void* arg) {
  (void) arg;
  while (!atomic_load_explicit(&stop, memory_order_relaxed)) must(uv_async_send(&handle), "uv_async_send");
}

static void on_async(uv_async_t* a) {
  int i;
  if (++callbacks < target) return;
  atomic_store(&stop, 1);
  for (i = 0; i < nthreads; i++) must(uv_thread_join(threads + i), "uv_thread_join");
  uv_close((uv_handle_t*) a, NULL);
}

int main(int argc, char** argv) {
  uint64_t start;
  double secs;
  char count[32], rate[32];
  int i;

  nthreads = argc > 1 ? atoi(argv[1]) : 1;
  target = argc > 2 ? atol(argv[2]) : 1000000;
  if (nthreads < 1 || target < 1) {
    fprintf(stderr, "usage: async_pummel [threads] [callbacks]\n");
    return 2;
  }
  threads = calloc(nthreads, sizeof(uv_thread_t));
  must(uv_loop_init(&loop), "uv_loop_init");
  must(uv_async_init(&loop, &handle, on_async), "uv_async_init");
  for (i = 0; i < nthreads; i++) must(uv_thread_create(threads + i, pummel, NULL), "uv_thread_create");
  start = uv_hrtime();
  uv_run(&loop, UV_RUN_DEFAULT);
  secs = (uv_hrtime() - start) / 1e9;
  printf("async_pummel_%d: %s callbacks in %.2f seconds (%s/sec)\n", nthreads, fmt(count, callbacks), secs,
         fmt(rate, callbacks / secs));
  free(threads);
  return uv_loop_close(&loop) != 0;
}
