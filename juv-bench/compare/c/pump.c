/* tcp_pumpN_client on libuv in C: a sink server on its own loop and thread (reads and discards);
 * the main loop opens CONNECTIONS (default 1) connections to it, at most 100 connects in flight,
 * and once all are connected each rewrites an 8192-byte buffer from its write callback. After MS
 * milliseconds (default 5000) it prints the bytes completed as binary gigabits per second.
 * Prints juv-bench's line. Written for juv's comparison. */
#include "bench.h"

#define CHUNK 8192
#define MAX_CONNECTING 100

static struct helper sink_server;
static char sink[65536];

struct conn {
  uv_tcp_t tcp;
  uv_connect_t connect;
  uv_write_t write;
};

static uv_loop_t loop;
static uv_timer_t timer;
static struct conn* conns;
static int nconns;
static int started;
static int connected;
static int stopping;
static long duration;
static uint64_t start;
static double sent;
static char chunk[CHUNK];

/* ---- the sink server, on its own thread */

static void on_sink_alloc(uv_handle_t* h, size_t size, uv_buf_t* buf) {
  (void) h;
  (void) size;
  *buf = uv_buf_init(sink, sizeof(sink));
}

static void on_sink_read(uv_stream_t* s, ssize_t n, const uv_buf_t* buf) {
  (void) buf;
  if (n < 0) uv_close((uv_handle_t*) s, on_close_free);
}

static void on_connection(uv_stream_t* s, int status) {
  uv_tcp_t* c = malloc(sizeof(*c));
  must(status, "listen");
  must(uv_tcp_init(s->loop, c), "uv_tcp_init");
  must(uv_accept(s, (uv_stream_t*) c), "uv_accept");
  must(uv_read_start((uv_stream_t*) c, on_sink_alloc, on_sink_read), "uv_read_start");
}

/* ---- the clients, on the main loop */

static void on_written(uv_write_t* req, int status) {
  uv_buf_t b = uv_buf_init(chunk, CHUNK);
  if (stopping) return;
  must(status, "write");
  sent += CHUNK;
  must(uv_write(req, req->handle, &b, 1, on_written), "uv_write");
}

static void on_close_walk(uv_handle_t* h, void* arg) {
  (void) arg;
  if (!uv_is_closing(h)) uv_close(h, NULL);
}

static void on_timer(uv_timer_t* t) {
  double secs;
  uv_update_time(&loop);
  secs = (uv_now(&loop) - start) / 1000.0;
  printf("tcp_pump%d_client: %.1f gbit/s\n", nconns, sent / (1024.0 * 1024 * 1024) * 8 / secs);
  stopping = 1;
  uv_walk(t->loop, on_close_walk, NULL);
}

static void start_writing(void) {
  uv_buf_t b = uv_buf_init(chunk, CHUNK);
  int i;
  uv_update_time(&loop);
  start = uv_now(&loop);
  must(uv_timer_start(&timer, on_timer, duration, 0), "uv_timer_start");
  for (i = 0; i < nconns; i++) {
    must(uv_write(&conns[i].write, (uv_stream_t*) &conns[i].tcp, &b, 1, on_written), "uv_write");
  }
}

static void on_connect(uv_connect_t* req, int status);

static void connect_next(void) {
  struct conn* c = conns + started++;
  must(uv_tcp_init(&loop, &c->tcp), "uv_tcp_init");
  must(uv_tcp_connect(&c->connect, &c->tcp, (const struct sockaddr*) &sink_server.addr, on_connect), "uv_tcp_connect");
}

static void on_connect(uv_connect_t* req, int status) {
  (void) req;
  must(status, "connect");
  if (started < nconns) connect_next();
  if (++connected == nconns) start_writing();
}

int main(int argc, char** argv) {
  int i;

  nconns = argc > 1 ? atoi(argv[1]) : 1;
  duration = argc > 2 ? atol(argv[2]) : 5000;
  if (nconns < 1 || duration < 1) {
    fprintf(stderr, "usage: pump [connections] [ms]\n");
    return 2;
  }
  conns = calloc(nconns, sizeof(struct conn));
  helper_start(&sink_server, on_connection);
  must(uv_loop_init(&loop), "uv_loop_init");
  must(uv_timer_init(&loop, &timer), "uv_timer_init");
  for (i = 0; i < nconns && i < MAX_CONNECTING; i++) connect_next();
  uv_run(&loop, UV_RUN_DEFAULT);
  helper_stop(&sink_server);
  free(conns);
  return uv_loop_close(&loop) != 0;
}
