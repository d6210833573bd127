/* conns_client on libuv in C: opens N TCP connections to 127.0.0.1:PORT, at most 100 connects in
 * flight, prints "connected N" once all are connected, then keeps them open and idle until its
 * standard input reaches EOF (a thread reads fd 0), and exits 0. The one client the harness runs
 * against every peer's connection server. Written for juv's comparison. */
#include "bench.h"
#include <unistd.h>

#define MAX_CONNECTING 100

static uv_loop_t loop;
static uv_async_t stdin_eof;
static uv_tcp_t* conns;
static uv_connect_t reqs[MAX_CONNECTING];
static struct sockaddr_in server_addr;
static long target;
static long started;
static long connected;
static int stopping;

static void on_connect(uv_connect_t* req, int status);

static void connect_next(uv_connect_t* req) {
  uv_tcp_t* c = conns + started++;
  must(uv_tcp_init(&loop, c), "uv_tcp_init");
  must(uv_tcp_connect(req, c, (const struct sockaddr*) &server_addr, on_connect), "uv_tcp_connect");
}

/* Each connect request is reused for the next connection. */
static void on_connect(uv_connect_t* req, int status) {
  if (stopping) return;
  must(status, "connect");
  if (started < target) connect_next(req);
  if (++connected == target) {
    printf("connected %ld\n", target);
    fflush(stdout);
  }
}

static void stdin_thread(void* arg) {
  char buf[256];
  (void) arg;
  while (read(0, buf, sizeof(buf)) > 0) {
  }
  must(uv_async_send(&stdin_eof), "uv_async_send");
}

static void close_walk(uv_handle_t* h, void* arg) {
  (void) arg;
  if (!uv_is_closing(h)) uv_close(h, NULL);
}

static void on_stdin_eof(uv_async_t* a) {
  stopping = 1;
  uv_walk(a->loop, close_walk, NULL);
}

int main(int argc, char** argv) {
  uv_thread_t t;
  long i;

  if (argc != 3 || atoi(argv[1]) <= 0 || atol(argv[2]) < 1) {
    fprintf(stderr, "usage: conns_client PORT N\n");
    return 2;
  }
  target = atol(argv[2]);
  raise_fd_limit();
  conns = calloc(target, sizeof(uv_tcp_t));
  must(uv_loop_init(&loop), "uv_loop_init");
  must(uv_ip4_addr("127.0.0.1", atoi(argv[1]), &server_addr), "uv_ip4_addr");
  must(uv_async_init(&loop, &stdin_eof, on_stdin_eof), "uv_async_init");
  must(uv_thread_create(&t, stdin_thread, NULL), "uv_thread_create");
  for (i = 0; i < target && i < MAX_CONNECTING; i++) connect_next(reqs + i);
  uv_run(&loop, UV_RUN_DEFAULT);
  must(uv_thread_join(&t), "uv_thread_join");
  free(conns);
  return uv_loop_close(&loop) != 0;
}
