/* sizes on libuv in C: the size in bytes of libuv's handle, request and loop structs, one
 * "name: bytes" per line. Prints juv-bench's lines. Written for juv's comparison. */
#include <stdio.h>
#include <uv.h>

#define SIZE(name, type) printf("%s: %lu\n", name, (unsigned long) sizeof(type))

int main(void) {
  SIZE("loop", uv_loop_t);
  SIZE("timer", uv_timer_t);
  SIZE("idle", uv_idle_t);
  SIZE("prepare", uv_prepare_t);
  SIZE("check", uv_check_t);
  SIZE("async", uv_async_t);
  SIZE("tcp", uv_tcp_t);
  SIZE("udp", uv_udp_t);
  SIZE("pipe", uv_pipe_t);
  SIZE("tty", uv_tty_t);
  SIZE("poll", uv_poll_t);
  SIZE("signal", uv_signal_t);
  SIZE("process", uv_process_t);
  SIZE("fs_event", uv_fs_event_t);
  SIZE("fs_poll", uv_fs_poll_t);
  SIZE("write", uv_write_t);
  SIZE("connect", uv_connect_t);
  SIZE("shutdown", uv_shutdown_t);
  SIZE("udp_send", uv_udp_send_t);
  SIZE("fs", uv_fs_t);
  SIZE("work", uv_work_t);
  SIZE("getaddrinfo", uv_getaddrinfo_t);
  SIZE("getnameinfo", uv_getnameinfo_t);
  return 0;
}
