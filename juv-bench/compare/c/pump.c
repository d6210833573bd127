/* tcp_pumpN_client and pipe_pumpN_client on libuv in C: a sink server on its own loop and
 * thread (reads and discards), over TCP or, with "pipe", a Unix domain socket in a fresh
 * temporary directory; the main loop opens CONNECTIONS (default 1) connections to it, at most
 * 100 connects in flight, and once all are connected each rewrites an 8192-byte buffer from its
 * write callback. After MS milliseconds (default 5000) it prints the bytes completed as binary
 * gigabits per second. Prints juv-bench's line. Written for juv's comparison.
 *   pump [connections] [ms] [tcp|pipe] */
#include "bench.h"
#include <string.h>
#include <unistd.h>

#define CHUNK 8192
#define MAX_CONNECTING 100

static struct helper sink_server;

struct conn {
  union {
    uv_tcp_t tcp;
    uv_pipe_t pipe;
  } h;
  uv_connect_t connect;
  uv_write_t write;
};

/* The pipe sink server: its own loop and thread, as the TCP helper's. */
struct pipe_helper {
  uv_loop_t loop;
  uv_pipe_t server;
  uv_async_t stop;
  uv_thread_t thread;
  uv_sem_t ready;
  char dir[64];
  char path[128];
};

static struct pipe_helper pipe_server;
static int use_pipe;

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

static void on_pipe_connection(uv_stream_t* s, int status) {
  uv_pipe_t* c = malloc(sizeof(*c));
  must(status, "listen");
  must(uv_pipe_init(s->loop, c, 0), "uv_pipe_init");
  must(uv_accept(s, (uv_stream_t*) c), "uv_accept");
  must(uv_read_start((uv_stream_t*) c, sink_alloc, sink_read), "uv_read_start");
}

static void pipe_close_walk(uv_handle_t* h, void* arg) {
  struct pipe_helper* p = arg;
  if (uv_is_closing(h)) return;
  uv_close(h, h == (uv_handle_t*) &p->server || h == (uv_handle_t*) &p->stop ? NULL : on_close_free);
}

static void pipe_on_stop(uv_async_t* a) { uv_walk(a->loop, pipe_close_walk, a->data); }

static void pipe_thread(void* arg) {
  struct pipe_helper* p = arg;
  must(uv_loop_init(&p->loop), "uv_loop_init");
  must(uv_pipe_init(&p->loop, &p->server, 0), "uv_pipe_init");
  must(uv_pipe_bind(&p->server, p->path), "uv_pipe_bind");
  must(uv_listen((uv_stream_t*) &p->server, 1024, on_pipe_connection), "uv_listen");
  must(uv_async_init(&p->loop, &p->stop, pipe_on_stop), "uv_async_init");
  p->stop.data = p;
  uv_sem_post(&p->ready);
  uv_run(&p->loop, UV_RUN_DEFAULT);
  must(uv_loop_close(&p->loop), "uv_loop_close");
}

/* Removes the socket and its directory; also at exit, so that a failed check (must() exits)
 * leaves nothing in /tmp. */
static void pipe_cleanup(void) {
  unlink(pipe_server.path);
  rmdir(pipe_server.dir);
}

static void pipe_helper_start(struct pipe_helper* p) {
  strcpy(p->dir, "/tmp/juv-pump-XXXXXX");
  if (mkdtemp(p->dir) == NULL) {
    perror("pump: mkdtemp");
    exit(1);
  }
  atexit(pipe_cleanup);
  snprintf(p->path, sizeof(p->path), "%s/uv-test-sock", p->dir);
  must(uv_sem_init(&p->ready, 0), "uv_sem_init");
  must(uv_thread_create(&p->thread, pipe_thread, p), "uv_thread_create");
  uv_sem_wait(&p->ready);
  uv_sem_destroy(&p->ready);
}

static void pipe_helper_stop(struct pipe_helper* p) {
  must(uv_async_send(&p->stop), "uv_async_send");
  must(uv_thread_join(&p->thread), "uv_thread_join");
  pipe_cleanup();
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
  printf("%s_pump%d_client: %.1f gbit/s\n", use_pipe ? "pipe" : "tcp", nconns,
         sent / (1024.0 * 1024 * 1024) * 8 / secs);
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
    must(uv_write(&conns[i].write, (uv_stream_t*) &conns[i].h, &b, 1, on_written), "uv_write");
  }
}

static void on_connect(uv_connect_t* req, int status);

static void connect_next(void) {
  struct conn* c = conns + started++;
  if (use_pipe) {
    must(uv_pipe_init(&loop, &c->h.pipe, 0), "uv_pipe_init");
    uv_pipe_connect(&c->connect, &c->h.pipe, pipe_server.path, on_connect);
    return;
  }
  must(uv_tcp_init(&loop, &c->h.tcp), "uv_tcp_init");
  must(uv_tcp_connect(&c->connect, &c->h.tcp, (const struct sockaddr*) &sink_server.addr, on_connect), "uv_tcp_connect");
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
  use_pipe = argc > 3 && strcmp(argv[3], "pipe") == 0;
  if (nconns < 1 || duration < 1 || (argc > 3 && !use_pipe && strcmp(argv[3], "tcp") != 0)) {
    fprintf(stderr, "usage: pump [connections] [ms] [tcp|pipe]\n");
    return 2;
  }
  conns = calloc(nconns, sizeof(struct conn));
  if (use_pipe) {
    pipe_helper_start(&pipe_server);
  } else {
    helper_start(&sink_server, sink_on_connection);
  }
  must(uv_loop_init(&loop), "uv_loop_init");
  must(uv_timer_init(&loop, &timer), "uv_timer_init");
  for (i = 0; i < nconns && i < MAX_CONNECTING; i++) connect_next();
  uv_run(&loop, UV_RUN_DEFAULT);
  if (use_pipe) {
    pipe_helper_stop(&pipe_server);
  } else {
    helper_stop(&sink_server);
  }
  free(conns);
  return uv_loop_close(&loop) != 0;
}
