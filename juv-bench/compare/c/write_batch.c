/* tcp_write_batch on libuv in C: a sink server (reads and discards) on its own loop and thread;
 * the main loop connects one client and, in the connect callback, queues WRITES (default
 * 1 000 000) writes of the 13 bytes "Hello, world." at once, all the requests in one array
 * allocated up front, then a shutdown; the shutdown callback checks the write queue is empty
 * and closes the client. The time runs from before the connect to the close callback. Prints
 * juv-bench's line. Written for juv's comparison.
 *   write_batch [writes] */
#include "bench.h"

static struct helper sink_server;

static uv_loop_t loop;
static uv_tcp_t client;
static uv_connect_t connect_req;
static uv_shutdown_t shutdown_req;
static uv_write_t* writes;
static long nwrites;
static long written;
static uv_buf_t hello;
static uint64_t end;

static void on_write(uv_write_t* req, int status) {
  (void) req;
  must(status, "write");
  written++;
}

static void on_close(uv_handle_t* h) {
  (void) h;
  end = uv_hrtime();
}

static void on_shutdown(uv_shutdown_t* req, int status) {
  must(status, "shutdown");
  if (uv_stream_get_write_queue_size(req->handle) != 0) {
    fprintf(stderr, "write_batch: %zu bytes still queued at shutdown\n", uv_stream_get_write_queue_size(req->handle));
    exit(1);
  }
  uv_close((uv_handle_t*) req->handle, on_close);
}

static void on_connect(uv_connect_t* req, int status) {
  long i;
  must(status, "connect");
  for (i = 0; i < nwrites; i++) must(uv_write(writes + i, req->handle, &hello, 1, on_write), "uv_write");
  must(uv_shutdown(&shutdown_req, req->handle, on_shutdown), "uv_shutdown");
}

int main(int argc, char** argv) {
  uint64_t start;

  nwrites = argc > 1 ? atol(argv[1]) : 1000000;
  if (nwrites < 1) {
    fprintf(stderr, "usage: write_batch [writes]\n");
    return 2;
  }
  writes = calloc(nwrites, sizeof(uv_write_t));
  hello = uv_buf_init("Hello, world.", 13);
  helper_start(&sink_server, sink_on_connection);
  must(uv_loop_init(&loop), "uv_loop_init");
  must(uv_tcp_init(&loop, &client), "uv_tcp_init");
  start = uv_hrtime();
  must(uv_tcp_connect(&connect_req, &client, (const struct sockaddr*) &sink_server.addr, on_connect), "uv_tcp_connect");
  uv_run(&loop, UV_RUN_DEFAULT);
  helper_stop(&sink_server);
  if (written != nwrites) {
    fprintf(stderr, "write_batch: %ld of %ld write callbacks\n", written, nwrites);
    return 1;
  }
  printf("%ld write requests in %.2fs.\n", nwrites, (end - start) / 1e9);
  free(writes);
  return uv_loop_close(&loop) != 0;
}
