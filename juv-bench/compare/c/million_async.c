/* million_async on libuv in C: 1024 * 1024 async handles on the main loop, each callback counting
 * an event and marking its handle seen; one sender thread picks handles with libuv's fastrand()
 * and sends to them in a tight loop, until a timer of MS milliseconds (default 5000) stops it.
 * Prints juv-bench's line. Written for juv's comparison.
 *   million_async [ms] */
#include "bench.h"
#include <stdatomic.h>

#define HANDLES (1024 * 1024)

static uv_loop_t loop;
static uv_async_t* handles;
static char* seen;
static uv_timer_t timer;
static uv_thread_t sender;
static atomic_int done;
static long events;

static void on_async(uv_async_t* a) {
  events++;
  seen[a - handles] = 1;
}

static void send_loop(void* arg) {
  unsigned g = 0;
  (void) arg;
  while (!atomic_load_explicit(&done, memory_order_relaxed)) {
    g = g * 214013 + 2531011; /* libuv's fastrand() */
    must(uv_async_send(handles + g % HANDLES), "uv_async_send");
  }
}

static void on_timer(uv_timer_t* t) {
  long unique = 0;
  int i;
  atomic_store(&done, 1);
  must(uv_thread_join(&sender), "uv_thread_join");
  for (i = 0; i < HANDLES; i++) {
    unique += seen[i];
    uv_close((uv_handle_t*) (handles + i), NULL);
  }
  uv_close((uv_handle_t*) t, NULL);
  *(long*) t->data = unique;
}

int main(int argc, char** argv) {
  long ms, unique = 0;
  int i;
  char count[32], rate[32], uniq[32];

  ms = argc > 1 ? atol(argv[1]) : 5000;
  if (ms < 1) {
    fprintf(stderr, "usage: million_async [ms]\n");
    return 2;
  }
  handles = calloc(HANDLES, sizeof(uv_async_t));
  seen = calloc(HANDLES, 1);
  must(uv_loop_init(&loop), "uv_loop_init");
  for (i = 0; i < HANDLES; i++) must(uv_async_init(&loop, handles + i, on_async), "uv_async_init");
  must(uv_timer_init(&loop, &timer), "uv_timer_init");
  timer.data = &unique;
  uv_update_time(&loop); /* the MS start now, after the handles were made, not at uv_loop_init */
  must(uv_timer_start(&timer, on_timer, ms, 0), "uv_timer_start");
  must(uv_thread_create(&sender, send_loop, NULL), "uv_thread_create");
  uv_run(&loop, UV_RUN_DEFAULT);
  printf("%s async events in %.1f seconds (%s/s, %s unique handles seen)\n", fmt(count, events), ms / 1000.0,
         fmt(rate, events / (ms / 1000.0)), fmt(uniq, unique));
  free(handles);
  free(seen);
  return uv_loop_close(&loop) != 0;
}
