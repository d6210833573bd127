/* fs_stat on libuv in C: "sync" stats "." COUNT times with uv_fs_stat and no callback; a number
 * C keeps C async stats in flight, each callback issuing the next, COUNT in all. Prints
 * juv-bench's lines. Written for juv's comparison. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uv.h>

static long remaining;

static void on_stat(uv_fs_t* req) {
  if (req->result != 0) abort();
  uv_fs_req_cleanup(req);
  if (remaining == 0) return;
  remaining--;
  uv_fs_stat(req->loop, req, ".", on_stat);
}

int main(int argc, char** argv) {
  const char* mode = argc > 1 ? argv[1] : "sync";
  long count = argc > 2 ? atol(argv[2]) : 1000000;
  uv_loop_t loop;
  uv_fs_t req;
  uint64_t start;
  double secs;
  long i;

  uv_loop_init(&loop);
  if (strcmp(mode, "sync") == 0) {
    start = uv_hrtime();
    for (i = 0; i < count; i++) {
      if (uv_fs_stat(&loop, &req, ".", NULL) != 0) return 1;
      uv_fs_req_cleanup(&req);
    }
    secs = (uv_hrtime() - start) / 1e9;
    printf("%ld stats (sync): %.2fs (%.0f/s)\n", count, secs, count / secs);
  } else {
    long c = atol(mode);
    uv_fs_t* reqs = calloc(c, sizeof(uv_fs_t));
    remaining = count - c;
    start = uv_hrtime();
    for (i = 0; i < c; i++) uv_fs_stat(&loop, reqs + i, ".", on_stat);
    uv_run(&loop, UV_RUN_DEFAULT);
    secs = (uv_hrtime() - start) / 1e9;
    printf("%ld stats (%ld concurrent): %.2fs (%.0f/s)\n", count, c, secs, count / secs);
    free(reqs);
  }
  return uv_loop_close(&loop) != 0;
}
