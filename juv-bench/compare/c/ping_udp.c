/* ping_udp on libuv in C: one UDP socket bound to 127.0.0.1:0 sends "PING\n" to its own address
 * with uv_udp_try_send, and again on every 5-byte datagram it receives, until MS milliseconds
 * (default 5000) of loop time have passed. Prints juv-bench's line. Written for juv's
 * comparison. */
#include "bench.h"

static uv_loop_t loop;
static uv_udp_t udp;
static struct sockaddr_storage self;
static uint64_t start;
static long duration;
static long pongs;
static char rx[65536];
static char ping[] = "PING\n";

static void send_ping(void) {
  uv_buf_t b = uv_buf_init(ping, 5);
  int r = uv_udp_try_send(&udp, &b, 1, (const struct sockaddr*) &self);
  must(r, "uv_udp_try_send");
  if (r != 5) abort();
}

static void on_alloc(uv_handle_t* h, size_t size, uv_buf_t* buf) {
  (void) h;
  (void) size;
  *buf = uv_buf_init(rx, sizeof(rx));
}

static void on_recv(uv_udp_t* u, ssize_t n, const uv_buf_t* buf, const struct sockaddr* from, unsigned flags) {
  (void) buf;
  (void) flags;
  must((int) n, "recv");
  if (from == NULL) return; /* nothing more to read for now */
  if (n != 5) abort();
  pongs++;
  if ((long) (uv_now(&loop) - start) >= duration) {
    uv_close((uv_handle_t*) u, NULL);
    return;
  }
  send_ping();
}

int main(int argc, char** argv) {
  struct sockaddr_in addr;
  int len = sizeof(self);

  duration = argc > 1 ? atol(argv[1]) : 5000;
  if (duration < 1) duration = 1;
  must(uv_loop_init(&loop), "uv_loop_init");
  must(uv_udp_init(&loop, &udp), "uv_udp_init");
  must(uv_ip4_addr("127.0.0.1", 0, &addr), "uv_ip4_addr");
  must(uv_udp_bind(&udp, (const struct sockaddr*) &addr, 0), "uv_udp_bind");
  must(uv_udp_getsockname(&udp, (struct sockaddr*) &self, &len), "uv_udp_getsockname");
  must(uv_udp_recv_start(&udp, on_alloc, on_recv), "uv_udp_recv_start");
  uv_update_time(&loop);
  start = uv_now(&loop);
  send_ping();
  uv_run(&loop, UV_RUN_DEFAULT);
  printf("ping_pongs: 1 pingers, ~ %ld roundtrips/s\n", pongs * 1000 / duration);
  return uv_loop_close(&loop) != 0;
}
