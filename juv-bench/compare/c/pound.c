/* tcp-conn-pound on libuv in C: an echo server on its own loop and thread (it echoes bytes and
 * closes a connection whose data holds "QS"), and SLOTS client slots (default 100) on the main
 * loop, each: connect, read, write "QS", close on the first read callback, and reconnect from
 * the close callback while less than MS milliseconds (default 10000) of loop time have passed.
 * Prints juv-bench's line. Written for juv's comparison.
 *
 * A third argument, "nio", is an experiment, not a peer (compare.sh never passes it): each
 * connection also makes the system calls that the JDK's NIO adds to libuv's on Linux (JDK 17,
 * counted with strace -f -c on juv's run), so that their price can be measured on libuv itself:
 * on the client, fcntl F_GETFL and F_SETFL after socket (configureBlocking(false)), then poll and
 * two getsockname in finishConnect; on the server, fcntl F_GETFL after accept (the JDK's
 * configureBlocking(true)), F_GETFL and F_SETFL (juv's configureBlocking(false)) and two
 * getsockname (the accepted channel's local address). */
#include "bench.h"
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>

static struct helper echo_server;

struct slot {
  uv_tcp_t tcp;
  uv_connect_t connect;
  uv_write_t write;
};

static uv_loop_t loop;
static uint64_t start;
static long duration;
static long closed;
static long failed;
static char qs[] = "QS";
static char rx[65536];
static int nio; /* make NIO's extra system calls too (see above) */

/* fcntl F_GETFL, then F_SETFL as the JDK's configureBlocking does when the flag changes. */
static void nio_configure(int fd, int set) {
  int flags = fcntl(fd, F_GETFL);
  if (set) fcntl(fd, F_SETFL, flags | O_NONBLOCK);
}

/* The JDK's Net.localAddress on 17: one getsockname for the address, one for the port. */
static void nio_local_address(int fd) {
  struct sockaddr_storage sa;
  socklen_t len;
  len = sizeof(sa);
  getsockname(fd, (struct sockaddr*) &sa, &len);
  len = sizeof(sa);
  getsockname(fd, (struct sockaddr*) &sa, &len);
}

static int fd_of(void* handle) {
  uv_os_fd_t fd;
  must(uv_fileno((uv_handle_t*) handle, &fd), "uv_fileno");
  return fd;
}

/* ---- the echo server, on its own thread */

/* The server reads into one static buffer (its thread's only): a read is consumed in its
 * callback, as libuv's benchmark client consumes its own. */
static char server_rx[65536];

static void on_alloc(uv_handle_t* h, size_t size, uv_buf_t* buf) {
  (void) h;
  (void) size;
  *buf = uv_buf_init(server_rx, sizeof(server_rx));
}

/* Closes a connection whose data holds "QS" (libuv's pound protocol); echoes anything else. */
static void on_echo_read(uv_stream_t* s, ssize_t n, const uv_buf_t* buf) {
  ssize_t i;
  if (n <= 0) {
    if (n < 0) uv_close((uv_handle_t*) s, on_close_free);
    return;
  }
  for (i = 0; i + 1 < n; i++) {
    if (buf->base[i] == 'Q' && buf->base[i + 1] == 'S') {
      uv_close((uv_handle_t*) s, on_close_free);
      return;
    }
  }
  echo(s, buf->base, n);
}

static void on_connection(uv_stream_t* s, int status) {
  uv_tcp_t* c = malloc(sizeof(*c));
  must(status, "listen");
  must(uv_tcp_init(s->loop, c), "uv_tcp_init");
  must(uv_accept(s, (uv_stream_t*) c), "uv_accept");
  if (nio) {
    int fd = fd_of(c);
    nio_configure(fd, 0);
    nio_configure(fd, 1);
    nio_local_address(fd);
  }
  must(uv_read_start((uv_stream_t*) c, on_alloc, on_echo_read), "uv_read_start");
}

/* ---- the client slots, on the main loop */

static void connect_slot(struct slot* s);

static void reconnect(struct slot* s) {
  uv_update_time(&loop);
  if ((long) (uv_now(&loop) - start) < duration) connect_slot(s);
}

static void on_closed(uv_handle_t* h) {
  closed++;
  reconnect((struct slot*) h);
}

static void on_failed_closed(uv_handle_t* h) { reconnect((struct slot*) h); }

static void on_client_alloc(uv_handle_t* h, size_t size, uv_buf_t* buf) {
  (void) h;
  (void) size;
  *buf = uv_buf_init(rx, sizeof(rx));
}

static void on_client_read(uv_stream_t* s, ssize_t n, const uv_buf_t* buf) {
  (void) buf;
  if (n == 0) return;
  if (n < 0 && n != UV_EOF) failed++;
  if (!uv_is_closing((uv_handle_t*) s)) uv_close((uv_handle_t*) s, on_closed);
}

static void on_written(uv_write_t* req, int status) {
  (void) req;
  if (status != 0 && status != UV_ECANCELED) failed++;
}

static void on_connect(uv_connect_t* req, int status) {
  struct slot* s = req->data;
  uv_buf_t b = uv_buf_init(qs, 2);
  if (nio && status == 0) {
    struct pollfd p;
    p.fd = fd_of(&s->tcp);
    p.events = POLLOUT;
    poll(&p, 1, 0);
    nio_local_address(p.fd);
  }
  if (status != 0 || uv_read_start((uv_stream_t*) &s->tcp, on_client_alloc, on_client_read) != 0 ||
      uv_write(&s->write, (uv_stream_t*) &s->tcp, &b, 1, on_written) != 0) {
    failed++;
    if (!uv_is_closing((uv_handle_t*) &s->tcp)) uv_close((uv_handle_t*) &s->tcp, on_failed_closed);
  }
}

static void connect_slot(struct slot* s) {
  must(uv_tcp_init(&loop, &s->tcp), "uv_tcp_init");
  s->connect.data = s;
  if (uv_tcp_connect(&s->connect, &s->tcp, (const struct sockaddr*) &echo_server.addr, on_connect) != 0) {
    failed++;
    uv_close((uv_handle_t*) &s->tcp, on_failed_closed);
  } else if (nio) {
    nio_configure(fd_of(&s->tcp), 1);
  }
}

int main(int argc, char** argv) {
  struct slot* slots;
  int nslots, i;
  double secs;

  nslots = argc > 1 ? atoi(argv[1]) : 100;
  duration = argc > 2 ? atol(argv[2]) : 10000;
  nio = argc > 3 && strcmp(argv[3], "nio") == 0;
  if (nslots < 1 || duration < 1 || (argc > 3 && !nio)) {
    fprintf(stderr, "usage: pound [slots] [ms] [nio]\n");
    return 2;
  }
  raise_fd_limit(); /* two descriptors per slot in this one process */
  slots = calloc(nslots, sizeof(struct slot));
  helper_start(&echo_server, on_connection);
  must(uv_loop_init(&loop), "uv_loop_init");
  uv_update_time(&loop);
  start = uv_now(&loop);
  for (i = 0; i < nslots; i++) connect_slot(slots + i);
  uv_run(&loop, UV_RUN_DEFAULT);
  uv_update_time(&loop);
  secs = (uv_now(&loop) - start) / 1000.0;
  printf("tcp-conn-pound-%d: %.0f accepts/s (%ld failed)\n", nslots, closed / secs, failed);
  helper_stop(&echo_server);
  free(slots);
  return uv_loop_close(&loop) != 0;
}
