/* loop_count on libuv in C: an idle handle counts iterations until N (default 2 000 000).
 * Prints the line juv-bench prints for the same workload. Written for juv's comparison. */
#include <stdio.h>
#include <stdlib.h>
#include <uv.h>

static long ticks;
static long target;

static void on_idle(uv_idle_t* idle) {
  if (++ticks == target) uv_idle_stop(idle);
}

int main(int argc, char** argv) {
  uv_loop_t loop;
  uv_idle_t idle;
  uint64_t start;
  double secs;

  target = argc > 1 ? atol(argv[1]) : 2000000;
  uv_loop_init(&loop);
  uv_idle_init(&loop, &idle);
  uv_idle_start(&idle, on_idle);
  start = uv_hrtime();
  uv_run(&loop, UV_RUN_DEFAULT);
  secs = (uv_hrtime() - start) / 1e9;
  printf("loop_count: %ld ticks in %.2fs (%.0f/s)\n", ticks, secs, ticks / secs);
  uv_close((uv_handle_t*) &idle, NULL);
  uv_run(&loop, UV_RUN_DEFAULT);
  return uv_loop_close(&loop) != 0;
}
