/* getaddrinfo on libuv in C: 10 lookups of "localhost" (the hosts file) in flight, each
 * callback issuing the next, COUNT in all (default 10 000), no hints as libuv's benchmark, or
 * with "stream" SOCK_STREAM of any family, what Node's dns.lookup asks for. Prints juv-bench's
 * line. Written for juv's comparison. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uv.h>

static long started;
static long completed;
static long count;
static const struct addrinfo* hints; /* NULL, or &stream_hints */
static struct addrinfo stream_hints;

static void on_resolved(uv_getaddrinfo_t* req, int status, struct addrinfo* res) {
  if (status != 0) abort();
  uv_freeaddrinfo(res);
  completed++;
  if (started < count) {
    started++;
    uv_getaddrinfo(req->loop, req, on_resolved, "localhost", NULL, hints);
  }
}

int main(int argc, char** argv) {
  uv_getaddrinfo_t reqs[10];
  uv_loop_t loop;
  uint64_t start;
  int i;

  count = argc > 1 ? atol(argv[1]) : 10000;
  if (argc > 2 && strcmp(argv[2], "stream") == 0) {
    stream_hints.ai_family = AF_UNSPEC;
    stream_hints.ai_socktype = SOCK_STREAM;
    hints = &stream_hints;
  }
  uv_loop_init(&loop);
  uv_update_time(&loop);
  start = uv_now(&loop);
  for (i = 0; i < 10; i++) {
    started++;
    uv_getaddrinfo(&loop, reqs + i, on_resolved, "localhost", NULL, hints);
  }
  uv_run(&loop, UV_RUN_DEFAULT);
  uv_update_time(&loop);
  printf("%s: %.0f req/s\n", hints ? "getaddrinfo_stream" : "getaddrinfo", completed / (double) (uv_now(&loop) - start) * 1000.0);
  return uv_loop_close(&loop) != 0;
}
