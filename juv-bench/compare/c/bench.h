/* What juv's libuv comparison programs share: error checks, libuv's fmt(), and the helper
 * server that runs on a loop and thread of its own (libuv's benchmarks run theirs in a helper
 * process). Each program includes this header and is built alone:
 *   cc -O2 -Wall -o NAME NAME.c -luv -lpthread
 * Written for juv's comparison. */
#ifndef JUV_BENCH_H
#define JUV_BENCH_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <uv.h>

/* Exits with a message when a libuv call failed (libuv's errors are negative; a count is not). */
static inline void must(int r, const char* what) {
  if (r < 0) {
    fprintf(stderr, "%s: %s\n", what, uv_strerror(r));
    exit(1);
  }
}

/* libuv's fmt(): an integer with comma thousands grouping, written to out (32 bytes). */
static inline char* fmt(char* out, double d) {
  char digits[32];
  int n, i, j = 0;
  n = snprintf(digits, sizeof(digits), "%ld", (long) d);
  for (i = 0; i < n; i++) {
    if (i > 0 && digits[i - 1] != '-' && (n - i) % 3 == 0) out[j++] = ',';
    out[j++] = digits[i];
  }
  out[j] = '\0';
  return out;
}

static inline void on_close_free(uv_handle_t* h) { free(h); }

/* Many connections need many descriptors: raise the soft limit to the hard one. */
static inline void raise_fd_limit(void) {
  struct rlimit lim;
  if (getrlimit(RLIMIT_NOFILE, &lim) == 0 && lim.rlim_cur < lim.rlim_max) {
    lim.rlim_cur = lim.rlim_max;
    setrlimit(RLIMIT_NOFILE, &lim);
  }
}

/* A TCP server at 127.0.0.1:0 on its own loop and thread. on_connection gets the listener;
 * the connections it accepts belong to listener->loop and must be malloc'ed: helper_stop()
 * closes them with free(). */
struct helper {
  uv_loop_t loop;
  uv_tcp_t server;
  uv_async_t stop;
  uv_thread_t thread;
  uv_sem_t ready;
  uv_connection_cb on_connection;
  struct sockaddr_storage addr; /* where clients connect, once helper_start() returned */
};

static inline void helper_close_walk(uv_handle_t* h, void* arg) {
  struct helper* s = arg;
  if (uv_is_closing(h)) return;
  uv_close(h, h == (uv_handle_t*) &s->server || h == (uv_handle_t*) &s->stop ? NULL : on_close_free);
}

static inline void helper_on_stop(uv_async_t* a) { uv_walk(a->loop, helper_close_walk, a->data); }

static inline void helper_thread(void* arg) {
  struct helper* s = arg;
  struct sockaddr_in addr;
  int len = sizeof(s->addr);
  must(uv_loop_init(&s->loop), "uv_loop_init");
  must(uv_tcp_init(&s->loop, &s->server), "uv_tcp_init");
  must(uv_ip4_addr("127.0.0.1", 0, &addr), "uv_ip4_addr");
  must(uv_tcp_bind(&s->server, (const struct sockaddr*) &addr, 0), "uv_tcp_bind");
  must(uv_listen((uv_stream_t*) &s->server, 1024, s->on_connection), "uv_listen");
  must(uv_tcp_getsockname(&s->server, (struct sockaddr*) &s->addr, &len), "uv_tcp_getsockname");
  must(uv_async_init(&s->loop, &s->stop, helper_on_stop), "uv_async_init");
  s->stop.data = s;
  uv_sem_post(&s->ready);
  uv_run(&s->loop, UV_RUN_DEFAULT);
  must(uv_loop_close(&s->loop), "uv_loop_close");
}

/* Starts the server and returns once it listens. */
static inline void helper_start(struct helper* s, uv_connection_cb on_connection) {
  s->on_connection = on_connection;
  must(uv_sem_init(&s->ready, 0), "uv_sem_init");
  must(uv_thread_create(&s->thread, helper_thread, s), "uv_thread_create");
  uv_sem_wait(&s->ready);
  uv_sem_destroy(&s->ready);
}

/* A sink: the helper's on_connection that accepts a TCP connection and reads and discards into
 * one static buffer (the helper's thread is its only reader). */
static char sink_rx[65536];

static inline void sink_alloc(uv_handle_t* h, size_t size, uv_buf_t* buf) {
  (void) h;
  (void) size;
  *buf = uv_buf_init(sink_rx, sizeof(sink_rx));
}

static inline void sink_read(uv_stream_t* s, ssize_t n, const uv_buf_t* buf) {
  (void) buf;
  if (n < 0) uv_close((uv_handle_t*) s, on_close_free);
}

static inline void sink_on_connection(uv_stream_t* s, int status) {
  uv_tcp_t* c = malloc(sizeof(*c));
  must(status, "listen");
  must(uv_tcp_init(s->loop, c), "uv_tcp_init");
  must(uv_accept(s, (uv_stream_t*) c), "uv_accept");
  must(uv_read_start((uv_stream_t*) c, sink_alloc, sink_read), "uv_read_start");
}

static inline void echo_written(uv_write_t* req, int status) {
  (void) status;
  free(req);
}

/* Echoes N bytes of a read buffer that is reused at once: uv_try_write first, which the kernel
 * takes whole in these workloads; only what it leaves is copied, with its request, into memory
 * of its own. */
static inline void echo(uv_stream_t* s, const char* base, ssize_t n) {
  uv_write_t* req;
  uv_buf_t out = uv_buf_init((char*) base, (unsigned) n);
  int w = uv_try_write(s, &out, 1);
  if (w == n) return;
  if (w < 0) w = 0;
  req = malloc(sizeof(*req) + (size_t) (n - w));
  memcpy(req + 1, base + w, (size_t) (n - w));
  out = uv_buf_init((char*) (req + 1), (unsigned) (n - w));
  if (uv_write(req, s, &out, 1, echo_written) != 0) free(req);
}

/* Closes the server and every connection it holds, and joins its thread. */
static inline void helper_stop(struct helper* s) {
  must(uv_async_send(&s->stop), "uv_async_send");
  must(uv_thread_join(&s->thread), "uv_thread_join");
}

#endif
