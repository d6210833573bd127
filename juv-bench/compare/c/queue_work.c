/* queue_work on libuv in C: one uv_work_t whose after-work callback queues the same request
 * again (the work: one step of a pseudo-random generator) until a MS timer (default 5000) sets
 * done. Serial thread pool round trips. Prints juv-bench's line. Written for juv's comparison. */
#include "bench.h"

static uv_loop_t loop;
static uv_work_t req;
static uv_timer_t timer;
static int done;
static long events;
static unsigned seed;
static volatile unsigned result;

static void work(uv_work_t* w) {
  (void) w;
  seed = seed * 214013 + 2531011;
  result = seed;
}

static void after_work(uv_work_t* w, int status) {
  must(status, "after_work");
  events++;
  if (!done) must(uv_queue_work(&loop, w, work, after_work), "uv_queue_work");
}

static void on_timer(uv_timer_t* t) { (void) t; done = 1; }

int main(int argc, char** argv) {
  long ms = argc > 1 ? atol(argv[1]) : 5000;
  char count[32], rate[32];

  must(uv_loop_init(&loop), "uv_loop_init");
  must(uv_timer_init(&loop, &timer), "uv_timer_init");
  must(uv_timer_start(&timer, on_timer, ms, 0), "uv_timer_start");
  must(uv_queue_work(&loop, &req, work, after_work), "uv_queue_work");
  uv_run(&loop, UV_RUN_DEFAULT);
  printf("%s async jobs in %.1f seconds (%s/s)\n", fmt(count, events), ms / 1000.0,
         fmt(rate, events / (ms / 1000.0)));
  uv_close((uv_handle_t*) &timer, NULL);
  uv_run(&loop, UV_RUN_DEFAULT);
  return uv_loop_close(&loop) != 0;
}
