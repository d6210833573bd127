/* tcp_multi_accept on libuv in C: THREADS server threads (default 4), each with its own loop and
 * its own listening socket on one 127.0.0.1 port (SO_REUSEPORT; libuv's benchmark hands one
 * socket around over IPC instead); each accepts, reads until EOF, closes and counts. 40 clients
 * on the main loop connect, close on the next idle tick and reconnect from the close callback
 * until TOTAL connections (default 250 000) were made. Prints juv-bench's lines. Written for
 * juv's comparison. */
#include "bench.h"
#include <netinet/in.h>
#include <stdatomic.h>
#include <sys/socket.h>
#include <unistd.h>

#define CLIENTS 40

struct server {
  uv_thread_t thread;
  uv_loop_t loop;
  uv_tcp_t listener;
  uv_async_t stop;
  uv_os_sock_t fd;
  atomic_long accepted;
  char rx[65536];
};

struct client {
  uv_tcp_t tcp;
  uv_connect_t connect;
  uv_idle_t idle;
};

static struct server* servers;
static uv_sem_t ready;
static struct sockaddr_in server_addr;

static uv_loop_t loop;
static struct client clients[CLIENTS];
static long total;
static long started;

/* ---- the servers, one loop and one listening socket per thread */

static void on_alloc(uv_handle_t* h, size_t size, uv_buf_t* buf) {
  struct server* s = h->loop->data;
  (void) size;
  *buf = uv_buf_init(s->rx, sizeof(s->rx));
}

static void on_read(uv_stream_t* c, ssize_t n, const uv_buf_t* buf) {
  (void) buf;
  if (n < 0) uv_close((uv_handle_t*) c, on_close_free);
}

static void on_connection(uv_stream_t* l, int status) {
  struct server* s = l->loop->data;
  uv_tcp_t* c = malloc(sizeof(*c));
  must(status, "listen");
  must(uv_tcp_init(l->loop, c), "uv_tcp_init");
  must(uv_accept(l, (uv_stream_t*) c), "uv_accept");
  atomic_fetch_add(&s->accepted, 1);
  must(uv_read_start((uv_stream_t*) c, on_alloc, on_read), "uv_read_start");
}

static void close_walk(uv_handle_t* h, void* arg) {
  struct server* s = arg;
  if (uv_is_closing(h)) return;
  uv_close(h, h == (uv_handle_t*) &s->listener || h == (uv_handle_t*) &s->stop ? NULL : on_close_free);
}

static void on_stop(uv_async_t* a) { uv_walk(a->loop, close_walk, a->loop->data); }

static void server_thread(void* arg) {
  struct server* s = arg;
  must(uv_loop_init(&s->loop), "uv_loop_init");
  s->loop.data = s;
  must(uv_tcp_init(&s->loop, &s->listener), "uv_tcp_init");
  must(uv_tcp_open(&s->listener, s->fd), "uv_tcp_open");
  must(uv_listen((uv_stream_t*) &s->listener, 1024, on_connection), "uv_listen");
  must(uv_async_init(&s->loop, &s->stop, on_stop), "uv_async_init");
  uv_sem_post(&ready);
  uv_run(&s->loop, UV_RUN_DEFAULT);
  must(uv_loop_close(&s->loop), "uv_loop_close");
}

/* A socket bound to 127.0.0.1:port with SO_REUSEADDR and SO_REUSEPORT (libuv 1.44 has no
 * UV_TCP_REUSEPORT). */
static uv_os_sock_t reuseport_socket(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  int on = 1;
  if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)) != 0 ||
      setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &on, sizeof(on)) != 0) {
    perror("multi_accept: socket");
    exit(1);
  }
  must(uv_ip4_addr("127.0.0.1", port, &server_addr), "uv_ip4_addr");
  if (bind(fd, (struct sockaddr*) &server_addr, sizeof(server_addr)) != 0) {
    perror("multi_accept: bind");
    exit(1);
  }
  return fd;
}

/* ---- the clients, on the main loop */

static void connect_client(struct client* c);

static void on_client_closed(uv_handle_t* h) {
  if (started < total) connect_client((struct client*) h);
}

static void on_idle(uv_idle_t* idle) {
  struct client* c = idle->data;
  must(uv_idle_stop(idle), "uv_idle_stop");
  uv_close((uv_handle_t*) &c->tcp, on_client_closed);
}

static void on_connect(uv_connect_t* req, int status) {
  struct client* c = req->data;
  must(status, "connect");
  must(uv_idle_start(&c->idle, on_idle), "uv_idle_start");
}

static void connect_client(struct client* c) {
  started++;
  must(uv_tcp_init(&loop, &c->tcp), "uv_tcp_init");
  c->connect.data = c;
  must(uv_tcp_connect(&c->connect, &c->tcp, (const struct sockaddr*) &server_addr, on_connect), "uv_tcp_connect");
}

static void close_idle(uv_handle_t* h, void* arg) {
  (void) arg;
  if (!uv_is_closing(h)) uv_close(h, NULL);
}

int main(int argc, char** argv) {
  int nthreads, i, port = 0;
  long sum = 0;
  uint64_t start, deadline;
  double secs;

  nthreads = argc > 1 ? atoi(argv[1]) : 4;
  total = argc > 2 ? atol(argv[2]) : 250000;
  if (nthreads < 1 || total < 1) {
    fprintf(stderr, "usage: multi_accept [threads] [total]\n");
    return 2;
  }
  servers = calloc(nthreads, sizeof(struct server));
  uv_sem_init(&ready, 0);
  for (i = 0; i < nthreads; i++) {
    servers[i].fd = reuseport_socket(port);
    if (i == 0) {
      socklen_t len = sizeof(server_addr);
      if (getsockname(servers[0].fd, (struct sockaddr*) &server_addr, &len) != 0) {
        perror("multi_accept: getsockname");
        return 1;
      }
      port = ntohs(server_addr.sin_port);
    }
    must(uv_thread_create(&servers[i].thread, server_thread, servers + i), "uv_thread_create");
    uv_sem_wait(&ready);
  }

  must(uv_loop_init(&loop), "uv_loop_init");
  for (i = 0; i < CLIENTS; i++) {
    must(uv_idle_init(&loop, &clients[i].idle), "uv_idle_init");
    clients[i].idle.data = clients + i;
  }
  start = uv_hrtime();
  for (i = 0; i < CLIENTS && started < total; i++) connect_client(clients + i);
  uv_run(&loop, UV_RUN_DEFAULT);

  /* Wait (30 s at most) until the servers have accepted every connection. */
  deadline = uv_hrtime() + 30 * (uint64_t) 1000000000;
  for (;;) {
    for (sum = 0, i = 0; i < nthreads; i++) sum += atomic_load(&servers[i].accepted);
    if (sum >= total || uv_hrtime() > deadline) break;
    uv_sleep(1);
  }
  secs = (uv_hrtime() - start) / 1e9;
  printf("accept%d: %.0f accepts/sec (%ld total)\n", nthreads, sum / secs, sum);
  for (i = 0; i < nthreads; i++) {
    long n = atomic_load(&servers[i].accepted);
    printf("  thread #%d: %.0f accepts/sec (%ld total, %.1f%%)\n", i, n / secs, n, 100.0 * n / (sum > 0 ? sum : 1));
  }

  for (i = 0; i < nthreads; i++) {
    must(uv_async_send(&servers[i].stop), "uv_async_send");
    must(uv_thread_join(&servers[i].thread), "uv_thread_join");
  }
  uv_walk(&loop, close_idle, NULL);
  uv_run(&loop, UV_RUN_DEFAULT);
  free(servers);
  return uv_loop_close(&loop) != 0 || sum != total;
}
