package org.juv.examples;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.juv.core.ErrorCode;
import org.juv.core.Loop;
import org.juv.fs.Fs;
import org.juv.fs.FsReq;
import org.juv.net.Tcp;

/**
 * An HTTP server for the files of one folder: each file is opened, stat-ed and read through the
 * worker pool (juv-fs) in 64 KiB chunks, each chunk written when the previous one has gone out,
 * so a slow client holds one chunk, not the file. GET and HEAD only. A path that leaves the
 * folder ({@code ..}, an encoded {@code ..}, a symbolic link pointing out) gets {@code 403}; a
 * missing file {@code 404}; a directory serves its {@code index.html}.
 *
 * <pre>
 *   java -jar juv-examples.jar static --root ./public --port 8080
 * </pre>
 */
final class StaticExample extends ServerExample {
    private static final int CHUNK = 64 * 1024;
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "txt", "text/plain; charset=utf-8", "css", "text/css", "js", "text/javascript", "json", "application/json",
            "png", "image/png", "jpg", "image/jpeg", "svg", "image/svg+xml");

    @Override
    public String description() {
        return "HTTP file server (port 8080) reading files through juv-fs; never outside --root";
    }

    @Override
    int defaultPort() {
        return 8080;
    }

    @Override
    Map<String, String> extraOptions() {
        return Map.of("root", ".", "idle-timeout", "5000");
    }

    @Override
    InetSocketAddress start(Loop loop, InetSocketAddress address, Map<String, String> options, PrintStream out) {
        String root = Fs.realpath(loop, options.get("root"), null).link(); // resolved once, at start
        HttpServer server = new HttpServer(loop, address, 0, Long.parseLong(options.get("idle-timeout")),
                (s, req, keepAlive, tcp, done) -> new Response(loop, s, root, req, keepAlive, tcp, done).start());
        InetSocketAddress bound = server.address();
        out.println("serving " + root + " at http://" + bound.getHostString() + ":" + bound.getPort() + "/");
        out.flush();
        return bound;
    }

    /** One response, from the request to the last chunk. */
    private static final class Response {
        private final Loop loop;
        private final HttpServer server;
        private final String root;
        private final boolean head;
        private final boolean get;
        private final String target;
        private final boolean keepAlive;
        private final Tcp tcp;
        private final Runnable done;
        private int fd = -1;
        private long offset;
        private long size;

        Response(Loop loop, HttpServer server, String root, HttpParser req, boolean keepAlive, Tcp tcp, Runnable done) {
            this.loop = loop;
            this.server = server;
            this.root = root;
            this.head = req.isMethod("HEAD");
            this.get = req.isMethod("GET");
            this.target = req.target();
            this.keepAlive = keepAlive;
            this.tcp = tcp;
            this.done = done;
        }

        void start() {
            if (!get && !head) {
                error(405);
                return;
            }
            String rel = relativePath(target);
            if (rel == null) {
                error(403);
                return;
            }
            String path = rel.isEmpty() ? root : root + "/" + rel;
            // realpath follows every link: the file must still be inside the root.
            Fs.realpath(loop, path, real -> {
                if (real.status() != ErrorCode.OK) {
                    error(real.status() == ErrorCode.ENOENT || real.status() == ErrorCode.ENOTDIR ? 404 : 403);
                    return;
                }
                String p = real.link();
                if (!p.equals(root) && !p.startsWith(root.endsWith("/") ? root : root + "/")) {
                    error(403);
                    return;
                }
                Fs.stat(loop, p, st -> {
                    if (st.status() != ErrorCode.OK) {
                        error(404);
                    } else if (st.stat().isDirectory()) {
                        open(p + "/index.html");
                    } else {
                        open(p);
                    }
                });
            });
        }

        private void open(String path) {
            Fs.open(loop, path, Fs.O_RDONLY, 0, o -> {
                if (o.status() != ErrorCode.OK) {
                    error(o.status() == ErrorCode.ENOENT ? 404 : o.status() == ErrorCode.EACCES ? 403 : 500);
                    return;
                }
                fd = (int) o.result();
                Fs.fstat(loop, fd, st -> {
                    if (st.status() != ErrorCode.OK || !st.stat().isFile()) {
                        closeFile();
                        error(st.status() == ErrorCode.OK ? 403 : 500);
                        return;
                    }
                    size = st.stat().size();
                    String name = path.substring(path.lastIndexOf('/') + 1);
                    String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
                    write(head(200, TYPES.getOrDefault(ext, "application/octet-stream"), size), null);
                    if (head || size == 0) {
                        closeFile();
                        finish();
                    } else {
                        readChunk();
                    }
                });
            });
        }

        /** Reads the next chunk through the pool; writes it; reads the next from the write callback. */
        private void readChunk() {
            ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(CHUNK, size - offset));
            Fs.read(loop, fd, new ByteBuffer[] {chunk}, offset, r -> {
                if (r.status() != ErrorCode.OK || r.result() <= 0 || tcp.isClosing() || !tcp.isWritable()) {
                    closeFile(); // the file shrank, or the client went away: end the connection
                    abort();
                    return;
                }
                offset += r.result();
                chunk.flip();
                write(chunk, ok -> {
                    if (!ok) {
                        closeFile();
                        return;
                    }
                    if (offset < size) {
                        readChunk();
                    } else {
                        closeFile();
                        finish();
                    }
                });
            });
        }

        private void error(int status) {
            byte[] body = (status + " " + HttpServer.reason(status) + "\n").getBytes(US_ASCII);
            ByteBuffer b = head(status, "text/plain; charset=utf-8", body.length);
            ByteBuffer all = ByteBuffer.allocate(b.remaining() + (head ? 0 : body.length));
            all.put(b);
            if (!head) {
                all.put(body);
            }
            all.flip();
            write(all, ok -> finish());
        }

        private ByteBuffer head(int status, String type, long length) {
            String h = "HTTP/1.1 " + status + " " + HttpServer.reason(status) + "\r\n"
                    + new String(server.date(), US_ASCII)
                    + "Content-Type: " + type + "\r\n"
                    + "Content-Length: " + length + "\r\n"
                    + (keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n") + "\r\n";
            return ByteBuffer.wrap(h.getBytes(US_ASCII));
        }

        /** Writes, then tells {@code then} whether it went out. */
        private void write(ByteBuffer b, java.util.function.Consumer<Boolean> then) {
            if (tcp.isClosing() || !tcp.isWritable()) {
                if (then != null) {
                    loop.execute(() -> then.accept(false)); // never call back from inside
                }
                return;
            }
            tcp.write(b, (w, st) -> {
                if (st != ErrorCode.OK && !tcp.isClosing()) {
                    tcp.close(null);
                }
                if (then != null) {
                    then.accept(st == ErrorCode.OK);
                }
            });
        }

        private void finish() {
            done.run();
        }

        private void abort() {
            if (!tcp.isClosing()) {
                tcp.close(null);
            }
        }

        private void closeFile() {
            if (fd >= 0) {
                int f = fd;
                fd = -1;
                Fs.close(loop, f, (FsReq.Callback) r -> { });
            }
        }
    }

    /**
     * The request target as a path under the root: the query dropped, percent-decoded, and
     * refused ({@code null}) if any segment is {@code ..} or the decoding is invalid or holds a
     * NUL. {@code ""} for the root itself.
     */
    static String relativePath(String target) {
        if (!target.startsWith("/")) {
            return null;
        }
        int q = target.indexOf('?');
        String raw = q >= 0 ? target.substring(0, q) : target;
        String decoded;
        try {
            decoded = URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (decoded.indexOf('\0') >= 0 || decoded.contains("\\")) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (String seg : decoded.split("/")) {
            if (seg.isEmpty() || seg.equals(".")) {
                continue;
            }
            if (seg.equals("..")) {
                return null;
            }
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(seg);
        }
        return Path.of(out.toString()).normalize().toString().equals(out.toString()) ? out.toString() : null;
    }
}
