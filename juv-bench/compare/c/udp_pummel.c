/* udp_pummel on libuv in C: RECEIVERS (default 1) UDP sockets on 127.0.0.1 count the datagrams
 * they receive; SENDERS (default 1) sockets each send a 45-byte datagram in 5 buffers
 * (10+10+10+10+5 bytes) to receiver i % RECEIVERS and send again from the send callback until a
 * shared budget of SENDS (default 1 000 000, each send counted, the first ones too) is spent.
 * The receivers are unreferenced, so the loop ends with the last sender. Prints juv-bench's line
 * ("sent" counts send callbacks). Written for juv's comparison.
 *   udp_pummel [senders] [receivers] [sends] */
#include "bench.h"
#include <string.h>

struct sender {
  uv_udp_t udp;
  uv_udp_send_t req;
  struct sockaddr_storage to;
};

static uv_loop_t loop;
static char rx[65536];
static char data[45];
static uv_buf_t bufs[5];
static long budget;
static long received;
static long sent_callbacks;

static void on_alloc(uv_handle_t* h, size_t size, uv_buf_t* buf) {
  (void) h;
  (void) size;
  *buf = uv_buf_init(rx, sizeof(rx));
}

static void on_recv(uv_udp_t* h, ssize_t n, const uv_buf_t* buf, const struct sockaddr* addr, unsigned flags) {
  (void) h;
  (void) buf;
  (void) flags;
  must((int) (n < 0 ? n : 0), "recv");
  if (addr != NULL) received++;
}

static void on_send(uv_udp_send_t* req, int status);

static void send_one(struct sender* s) {
  budget--;
  must(uv_udp_send(&s->req, &s->udp, bufs, 5, (const struct sockaddr*) &s->to, on_send), "uv_udp_send");
}

static void on_send(uv_udp_send_t* req, int status) {
  struct sender* s = req->data;
  must(status, "send");
  sent_callbacks++;
  if (budget == 0) {
    uv_close((uv_handle_t*) &s->udp, NULL);
    return;
  }
  send_one(s);
}

static void close_walk(uv_handle_t* h, void* arg) {
  (void) arg;
  if (!uv_is_closing(h)) uv_close(h, NULL);
}

int main(int argc, char** argv) {
  int nsenders, nreceivers, i;
  uv_udp_t* receivers;
  struct sender* senders;
  struct sockaddr_in any;
  uint64_t t0, ms;

  nsenders = argc > 1 ? atoi(argv[1]) : 1;
  nreceivers = argc > 2 ? atoi(argv[2]) : 1;
  budget = argc > 3 ? atol(argv[3]) : 1000000;
  if (nsenders < 1 || nreceivers < 1 || budget < nsenders) {
    fprintf(stderr, "usage: udp_pummel [senders] [receivers] [sends, at least senders]\n");
    return 2;
  }
  memset(data, 'x', sizeof(data));
  for (i = 0; i < 5; i++) bufs[i] = uv_buf_init(data + i * 10, i < 4 ? 10 : 5);
  receivers = calloc(nreceivers, sizeof(uv_udp_t));
  senders = calloc(nsenders, sizeof(struct sender));
  must(uv_loop_init(&loop), "uv_loop_init");
  must(uv_ip4_addr("127.0.0.1", 0, &any), "uv_ip4_addr");
  for (i = 0; i < nreceivers; i++) {
    must(uv_udp_init(&loop, receivers + i), "uv_udp_init");
    must(uv_udp_bind(receivers + i, (const struct sockaddr*) &any, 0), "uv_udp_bind");
    must(uv_udp_recv_start(receivers + i, on_alloc, on_recv), "uv_udp_recv_start");
    uv_unref((uv_handle_t*) (receivers + i));
  }
  for (i = 0; i < nsenders; i++) {
    int len = sizeof(senders[i].to);
    must(uv_udp_init(&loop, &senders[i].udp), "uv_udp_init");
    must(uv_udp_getsockname(receivers + i % nreceivers, (struct sockaddr*) &senders[i].to, &len), "uv_udp_getsockname");
    senders[i].req.data = senders + i;
    send_one(senders + i);
  }
  t0 = uv_hrtime();
  uv_run(&loop, UV_RUN_DEFAULT);
  ms = (uv_hrtime() - t0) / 1000000;
  uv_walk(&loop, close_walk, NULL);
  uv_run(&loop, UV_RUN_DEFAULT);
  printf("udp_pummel_%dv%d: %.0f/s received, %.0f/s sent. %ld received, %ld sent in %.1f seconds.\n", nreceivers,
         nsenders, received / (ms / 1000.0), sent_callbacks / (ms / 1000.0), received, sent_callbacks, ms / 1000.0);
  free(receivers);
  free(senders);
  return uv_loop_close(&loop) != 0;
}
