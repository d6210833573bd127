/* conns_server on libuv in C: listens on 127.0.0.1:PORT (0 for an ephemeral port), prints the
 * port alone on a line, accepts every connection and reads it (discarding; closes on EOF), and
 * prints "accepted N" once N connections are open at the same time. Runs until killed; the
 * harness reads its memory with the connections idle. Written for juv's comparison. */
#include "bench.h"

static uv_loop_t loop;
static uv_tcp_t server;
static long target;
static long open_conns;
static int announced;
static char rx[65536];

static void on_alloc(uv_handle_t* h, size_t size, uv_buf_t* buf) {
  (void) h;
  (void) size;
  *buf = uv_buf_init(rx, sizeof(rx));
}

static void on_closed(uv_handle_t* h) {
  open_conns--;
  free(h);
}

static void on_read(uv_stream_t* s, ssize_t n, const uv_buf_t* buf) {
  (void) buf;
  if (n < 0) uv_close((uv_handle_t*) s, on_closed);
}

static void on_connection(uv_stream_t* l, int status) {
  uv_tcp_t* c = malloc(sizeof(*c));
  must(status, "listen");
  must(uv_tcp_init(&loop, c), "uv_tcp_init");
  must(uv_accept(l, (uv_stream_t*) c), "uv_accept");
  must(uv_read_start((uv_stream_t*) c, on_alloc, on_read), "uv_read_start");
  if (++open_conns == target && !announced) {
    announced = 1;
    printf("accepted %ld\n", target);
    fflush(stdout);
  }
}

int main(int argc, char** argv) {
  struct sockaddr_in addr;
  struct sockaddr_storage name;
  int len = sizeof(name);

  if (argc != 3) {
    fprintf(stderr, "usage: conns_server PORT N\n");
    return 2;
  }
  target = atol(argv[2]);
  raise_fd_limit();
  must(uv_loop_init(&loop), "uv_loop_init");
  must(uv_tcp_init(&loop, &server), "uv_tcp_init");
  must(uv_ip4_addr("127.0.0.1", atoi(argv[1]), &addr), "uv_ip4_addr");
  must(uv_tcp_bind(&server, (const struct sockaddr*) &addr, 0), "uv_tcp_bind");
  must(uv_listen((uv_stream_t*) &server, 1024, on_connection), "uv_listen");
  must(uv_tcp_getsockname(&server, (struct sockaddr*) &name, &len), "uv_tcp_getsockname");
  printf("%d\n", ntohs(((struct sockaddr_in*) &name)->sin_port));
  fflush(stdout);
  uv_run(&loop, UV_RUN_DEFAULT);
  return 0;
}
