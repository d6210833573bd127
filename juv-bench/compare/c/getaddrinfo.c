/* getaddrinfo on libuv in C: 10 lookups of "localhost" (the hosts file) in flight, each
 * callback issuing the next, COUNT in all (default 10 000), no hints. Prints juv-bench's line.
 * Written for juv's comparison. */
#include <stdio.h>
#include <stdlib.h>
#include <uv.h>

static long started;
static long completed;
static long count;

static void on_resolved(uv_getaddrinfo_t* req, int status, struct addrinfo* res) {
  if (status != 0) abort();
  uv_freeaddrinfo(res);
  completed++;
  if (started < count) {
    started++;
    uv_getaddrinfo(req->loop, req, on_resolved, "localhost", NULL, NULL);
  }
}

int main(int argc, char** argv) {
  uv_getaddrinfo_t reqs[10];
  uv_loop_t loop;
  uint64_t start;
  int i;

  count = argc > 1 ? atol(argv[1]) : 10000;
  uv_loop_init(&loop);
  uv_update_time(&loop);
  start = uv_now(&loop);
  for (i = 0; i < 10; i++) {
    started++;
    uv_getaddrinfo(&loop, reqs + i, on_resolved, "localhost", NULL, NULL);
  }
  uv_run(&loop, UV_RUN_DEFAULT);
  uv_update_time(&loop);
  printf("getaddrinfo: %.0f req/s\n", completed / (double) (uv_now(&loop) - start) * 1000.0);
  return uv_loop_close(&loop) != 0;
}
