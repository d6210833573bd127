/* ping_pongs on libuv in C: an echo server on its own loop and thread, one client sending
 * "PING\n" and the next one after each complete echo, for MS milliseconds (default 5000).
 * Prints juv-bench's line. Written for juv's comparison. */
#include "bench.h"
#include <string.h>

static struct helper echo_server;

static uv_loop_t loop;
static uv_tcp_t client;
static uv_connect_t connect_req;
static uv_write_t write_req;
static uv_shutdown_t shutdown_req;
static uint64_t start;
static long duration;
static long pongs;
static int matched;
static char ping[] = "PING\n";
/* Each side reads into one static buffer of its own (one thread each), as libuv's benchmark
 * client does: a read is consumed in its callback. */
static char client_rx[65536];
static char server_rx[65536];

static void on_alloc(uv_handle_t* h, size_t size, uv_buf_t* buf) {
  (void) h;
  (void) size;
  *buf = uv_buf_init(client_rx, sizeof(client_rx));
}

static void on_server_alloc(uv_handle_t* h, size_t size, uv_buf_t* buf) {
  (void) h;
  (void) size;
  *buf = uv_buf_init(server_rx, sizeof(server_rx));
}

static void on_server_read(uv_stream_t* s, ssize_t n, const uv_buf_t* buf) {
  if (n < 0) {
    uv_close((uv_handle_t*) s, on_close_free);
    return;
  }
  if (n > 0) echo(s, buf->base, n);
}

static void on_connection(uv_stream_t* s, int status) {
  uv_tcp_t* c = malloc(sizeof(*c));
  (void) status;
  uv_tcp_init(s->loop, c);
  uv_accept(s, (uv_stream_t*) c);
  uv_read_start((uv_stream_t*) c, on_server_alloc, on_server_read);
}

static void send_ping(void) {
  uv_buf_t b = uv_buf_init(ping, 5);
  uv_write(&write_req, (uv_stream_t*) &client, &b, 1, NULL);
}

static void on_read(uv_stream_t* s, ssize_t n, const uv_buf_t* buf) {
  ssize_t i;
  if (n < 0) {
    uv_close((uv_handle_t*) s, NULL);
  }
  for (i = 0; i < n; i++) {
    if (buf->base[i] != ping[matched]) abort();
    if (++matched == 5) {
      matched = 0;
      pongs++;
      if ((long) (uv_now(&loop) - start) >= duration) {
        uv_shutdown(&shutdown_req, s, NULL);
        break;
      }
      send_ping();
    }
  }
}

static void on_connect(uv_connect_t* req, int status) {
  if (status != 0) abort();
  uv_read_start(req->handle, on_alloc, on_read);
  send_ping();
}

int main(int argc, char** argv) {
  duration = argc > 1 ? atol(argv[1]) : 5000;
  helper_start(&echo_server, on_connection);
  uv_loop_init(&loop);
  uv_tcp_init(&loop, &client);
  start = uv_now(&loop);
  uv_tcp_connect(&connect_req, &client, (const struct sockaddr*) &echo_server.addr, on_connect);
  uv_run(&loop, UV_RUN_DEFAULT);
  printf("ping_pongs: %ld roundtrips/s\n", 1000 * pongs / duration);
  helper_stop(&echo_server);
  return uv_loop_close(&loop) != 0;
}
