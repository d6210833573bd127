/* ping_pongs on libuv in C: an echo server on its own loop and thread, one client sending
 * "PING\n" and the next one after each complete echo, for MS milliseconds (default 5000).
 * Prints juv-bench's line. Written for juv's comparison. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uv.h>

static uv_loop_t server_loop;
static uv_tcp_t server;
static uv_async_t stop_server;
static int port;
static uv_sem_t ready;

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

static void on_alloc(uv_handle_t* h, size_t size, uv_buf_t* buf) {
  (void) h;
  buf->base = malloc(size);
  buf->len = size;
}

static void on_close_free(uv_handle_t* h) { free(h); }

static void on_echo_written(uv_write_t* req, int status) {
  (void) status;
  free(req->data);
  free(req);
}

static void on_server_read(uv_stream_t* s, ssize_t n, const uv_buf_t* buf) {
  if (n < 0) {
    free(buf->base);
    uv_close((uv_handle_t*) s, on_close_free);
    return;
  }
  if (n == 0) { free(buf->base); return; }
  uv_write_t* req = malloc(sizeof(*req));
  uv_buf_t out = uv_buf_init(buf->base, (unsigned) n);
  req->data = buf->base;
  uv_write(req, s, &out, 1, on_echo_written);
}

static void on_connection(uv_stream_t* s, int status) {
  uv_tcp_t* c = malloc(sizeof(*c));
  (void) status;
  uv_tcp_init(&server_loop, c);
  uv_accept(s, (uv_stream_t*) c);
  uv_read_start((uv_stream_t*) c, on_alloc, on_server_read);
}

static void close_walk(uv_handle_t* h, void* arg) {
  (void) arg;
  if (!uv_is_closing(h)) uv_close(h, h == (uv_handle_t*) &server || h == (uv_handle_t*) &stop_server ? NULL : on_close_free);
}

static void on_stop(uv_async_t* a) { uv_walk(a->loop, close_walk, NULL); }

static void server_thread(void* arg) {
  struct sockaddr_in addr;
  struct sockaddr_storage name;
  int len = sizeof(name);
  (void) arg;
  uv_loop_init(&server_loop);
  uv_tcp_init(&server_loop, &server);
  uv_ip4_addr("127.0.0.1", 0, &addr);
  uv_tcp_bind(&server, (const struct sockaddr*) &addr, 0);
  uv_listen((uv_stream_t*) &server, 128, on_connection);
  uv_tcp_getsockname(&server, (struct sockaddr*) &name, &len);
  port = ntohs(((struct sockaddr_in*) &name)->sin_port);
  uv_async_init(&server_loop, &stop_server, on_stop);
  uv_sem_post(&ready);
  uv_run(&server_loop, UV_RUN_DEFAULT);
  uv_loop_close(&server_loop);
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
  free(buf->base);
}

static void on_connect(uv_connect_t* req, int status) {
  if (status != 0) abort();
  uv_read_start(req->handle, on_alloc, on_read);
  send_ping();
}

int main(int argc, char** argv) {
  uv_thread_t t;
  struct sockaddr_in addr;
  duration = argc > 1 ? atol(argv[1]) : 5000;
  uv_sem_init(&ready, 0);
  uv_thread_create(&t, server_thread, NULL);
  uv_sem_wait(&ready);
  uv_loop_init(&loop);
  uv_tcp_init(&loop, &client);
  uv_ip4_addr("127.0.0.1", port, &addr);
  start = uv_now(&loop);
  uv_tcp_connect(&connect_req, &client, (const struct sockaddr*) &addr, on_connect);
  uv_run(&loop, UV_RUN_DEFAULT);
  printf("ping_pongs: %ld roundtrips/s\n", 1000 * pongs / duration);
  uv_async_send(&stop_server);
  uv_thread_join(&t);
  return uv_loop_close(&loop) != 0;
}
