/* million_timers on libuv in C: N timers (default 1 000 000), the timeout growing by 1 ms every
 * 1000 timers, then all closed. Prints juv-bench's lines. Written for juv's comparison. */
#include <stdio.h>
#include <stdlib.h>
#include <uv.h>

static long fired;
static long closed;

static void on_timer(uv_timer_t* t) { (void) t; fired++; }
static void on_close(uv_handle_t* h) { (void) h; closed++; }

int main(int argc, char** argv) {
  long n = argc > 1 ? atol(argv[1]) : 1000000;
  uv_timer_t* timers = malloc(sizeof(uv_timer_t) * n);
  uv_loop_t loop;
  uint64_t before_all, before_run, after_run, after_all;
  long i, timeout = 0;

  uv_loop_init(&loop);
  before_all = uv_hrtime();
  for (i = 0; i < n; i++) {
    if (i % 1000 == 0) timeout++;
    uv_timer_init(&loop, timers + i);
    uv_timer_start(timers + i, on_timer, timeout, 0);
  }
  before_run = uv_hrtime();
  uv_run(&loop, UV_RUN_DEFAULT);
  after_run = uv_hrtime();
  for (i = 0; i < n; i++) uv_close((uv_handle_t*) (timers + i), on_close);
  uv_run(&loop, UV_RUN_DEFAULT);
  after_all = uv_hrtime();
  if (fired != n || closed != n) return 1;
  printf("%.2f seconds total\n", (after_all - before_all) / 1e9);
  printf("%.2f seconds init\n", (before_run - before_all) / 1e9);
  printf("%.2f seconds dispatch\n", (after_run - before_run) / 1e9);
  printf("%.2f seconds cleanup\n", (after_all - after_run) / 1e9);
  free(timers);
  return uv_loop_close(&loop) != 0;
}
