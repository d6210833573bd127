/* hello on libuv in C: the HTTP server of Node's getting-started guide (juv-bench/node/app.js):
 * listens on 127.0.0.1:PORT (default 3000, 0 for an ephemeral port) and answers every request
 * with the bytes Node sends, "Hello, Node.js!" with Node's headers, on keep-alive connections.
 * Requests are found by the end of their head (GET without a body); the responses to pipelined
 * requests of one read go out in one write, with uv_try_write from the shared response (as Node
 * tries a write before it queues one); only what the kernel leaves is copied, with its request,
 * into memory of its own. Runs until killed. Prints Node's line. Written for juv's comparison. */
#include "bench.h"
#include <string.h>
#include <time.h>

struct conn {
  uv_tcp_t tcp;
  int matched; /* how much of "\r\n\r\n" the bytes read so far end with */
};

static uv_loop_t loop;
static uv_tcp_t server;
static uv_timer_t clock_timer;
static char response[256];
static size_t response_len;
static char rx[65536];

/* Pipelined responses up to this many are tried straight from the response buffer. */
#define MAX_TRY 64

/* Node's response with the current RFC 1123 date; rebuilt once a second. */
static void build_response(void) {
  char date[64];
  time_t now = time(NULL);
  struct tm tm;
  gmtime_r(&now, &tm);
  strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S GMT", &tm);
  response_len = (size_t) snprintf(response, sizeof(response),
                                   "HTTP/1.1 200 OK\r\n"
                                   "Content-Type: text/plain\r\n"
                                   "Date: %s\r\n"
                                   "Connection: keep-alive\r\n"
                                   "Keep-Alive: timeout=5\r\n"
                                   "Content-Length: 15\r\n"
                                   "\r\n"
                                   "Hello, Node.js!",
                                   date);
}

static void on_clock(uv_timer_t* t) {
  (void) t;
  build_response();
}

static void on_alloc(uv_handle_t* h, size_t size, uv_buf_t* buf) {
  (void) h;
  (void) size;
  *buf = uv_buf_init(rx, sizeof(rx));
}

static void close_conn(uv_stream_t* s) {
  if (!uv_is_closing((uv_handle_t*) s)) uv_close((uv_handle_t*) s, on_close_free);
}

/* The write request and the part of the responses the kernel left, in one allocation. */
static void on_written(uv_write_t* req, int status) {
  if (status != 0) close_conn(req->handle);
  free(req);
}

static void on_read(uv_stream_t* s, ssize_t n, const uv_buf_t* buf) {
  static const char head_end[] = "\r\n\r\n";
  struct conn* c = (struct conn*) s;
  long requests = 0, i;
  uv_write_t* req;
  uv_buf_t out[MAX_TRY];
  size_t total, off, at, k;
  int w = UV_EAGAIN;
  char* p;

  if (n < 0) {
    close_conn(s);
    return;
  }
  for (i = 0; i < n; i++) {
    char ch = buf->base[i];
    if (ch == head_end[c->matched]) {
      if (++c->matched == 4) {
        requests++;
        c->matched = 0;
      }
    } else {
      c->matched = ch == '\r' ? 1 : 0;
    }
  }
  if (requests == 0) return;
  total = (size_t) requests * response_len;
  /* The response buffer is rebuilt by the clock timer, so a write the kernel did not take
   * whole must not point at it: what is left is copied. */
  if (requests <= MAX_TRY) {
    for (i = 0; i < requests; i++) out[i] = uv_buf_init(response, (unsigned) response_len);
    w = uv_try_write(s, out, (unsigned) requests);
    if (w >= 0 && (size_t) w == total) return;
  }
  if (w == UV_EAGAIN) {
    w = 0;
  } else if (w < 0) {
    close_conn(s);
    return;
  }
  req = malloc(sizeof(*req) + (total - (size_t) w));
  if (req == NULL) abort();
  p = (char*) (req + 1);
  for (off = (size_t) w; off < total; off += k) {
    at = off % response_len;
    k = response_len - at < total - off ? response_len - at : total - off;
    memcpy(p + (off - (size_t) w), response + at, k);
  }
  out[0] = uv_buf_init(p, (unsigned) (total - (size_t) w));
  if (uv_write(req, s, out, 1, on_written) != 0) {
    free(req);
    close_conn(s);
  }
}

static void on_connection(uv_stream_t* l, int status) {
  struct conn* c = calloc(1, sizeof(*c));
  must(status, "listen");
  must(uv_tcp_init(&loop, &c->tcp), "uv_tcp_init");
  must(uv_accept(l, (uv_stream_t*) c), "uv_accept");
  uv_tcp_nodelay(&c->tcp, 1); /* as Node's http server */
  must(uv_read_start((uv_stream_t*) c, on_alloc, on_read), "uv_read_start");
}

int main(int argc, char** argv) {
  struct sockaddr_in addr;
  struct sockaddr_storage name;
  int len = sizeof(name);
  int port = argc > 1 ? atoi(argv[1]) : 3000;

  must(uv_loop_init(&loop), "uv_loop_init");
  build_response();
  must(uv_timer_init(&loop, &clock_timer), "uv_timer_init");
  must(uv_timer_start(&clock_timer, on_clock, 1000, 1000), "uv_timer_start");
  must(uv_tcp_init(&loop, &server), "uv_tcp_init");
  must(uv_ip4_addr("127.0.0.1", port, &addr), "uv_ip4_addr");
  must(uv_tcp_bind(&server, (const struct sockaddr*) &addr, 0), "uv_tcp_bind");
  must(uv_listen((uv_stream_t*) &server, 1024, on_connection), "uv_listen");
  must(uv_tcp_getsockname(&server, (struct sockaddr*) &name, &len), "uv_tcp_getsockname");
  printf("Server running at http://127.0.0.1:%d/\n", ntohs(((struct sockaddr_in*) &name)->sin_port));
  fflush(stdout);
  uv_run(&loop, UV_RUN_DEFAULT);
  return 0;
}
