package org.juv.examples;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.juv.core.ErrorCode;
import org.juv.core.Loop;
import org.juv.http.HttpParser;
import org.juv.http.HttpServer;
import org.juv.fs.Fs;
import org.juv.fs.FsReq;
import org.juv.net.Inet;

/**
 * An HTTP server for the files of one folder: each file is opened, stat-ed and read through the
 * worker pool (juv-fs) in 64 KiB chunks, each chunk written when the previous one has gone out,
 * so a slow client holds one chunk, not the file. GET and HEAD only ({@code 405} otherwise).
 *
 * <p>It never serves a file outside its folder: the target is decoded and refused ({@code 403})
 * if a segment is {@code ..}; every path it opens, a folder's {@code index.html} included, is
 * resolved first ({@code realpath}, every link followed) and refused unless the result is inside
 * the folder; and it opens that resolved path with {@code O_NOFOLLOW}. A missing file is
 * {@code 404}; only regular files are served. A path with a segment that starts with a dot
 * ({@code /.git/config}, {@code /.env}) is refused ({@code 403}) unless {@code --dotfiles allow}. A client that stops reading is closed after the
 * idle timeout, and its file with it.
 *
 * <pre>
 *   java -jar juv-examples.jar static --root ./public --port 8080 [--dotfiles allow] [--loops N]
 * </pre>
 *
 * <p>With {@code --loops N} (default: one per core) N loops serve the port, each with its own
 * server; the file reads of all of them share the one worker pool.
 */
final class StaticExample extends ServerExample {
    private static final int CHUNK = 64 * 1024;
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "txt", "text/plain; charset=utf-8", "css", "text/css", "js", "text/javascript", "json", "application/json",
            "png", "image/png", "jpg", "image/jpeg", "svg", "image/svg+xml");

    /** The server of the last {@link #start}, for tests. */
    HttpServer server;

    @Override
    public String description() {
        return "HTTP file server (port 8080) reading files through juv-fs; never outside --root; one loop per core";
    }

    @Override
    int defaultPort() {
        return 8080;
    }

    @Override
    Map<String, String> extraOptions() {
        Map<String, String> options = new HashMap<>(HttpServer.Limits.options());
        options.put("root", null); // required: serving the current folder by default would expose it
        options.put("dotfiles", "deny");
        return options;
    }

    @Override
    boolean takesLoops() {
        return true;
    }

    @Override
    HttpServer httpServer() {
        return server;
    }

    @Override
    void check(Args line) throws UsageException {
        String d = line.get("dotfiles");
        if (!d.equals("deny") && !d.equals("allow")) {
            throw new UsageException("option --dotfiles takes deny or allow, not '" + d + "'");
        }
    }

    @Override
    InetSocketAddress start(Loop loop, InetSocketAddress address, Map<String, String> options, PrintStream out) {
        String root = Fs.realpath(loop, options.get("root"), null).link(); // resolved once, at start
        boolean dotfiles = "allow".equals(options.get("dotfiles"));
        server = new HttpServer(loop, address, bindFlags(options), HttpServer.Limits.of(options),
                (req, exchange) -> new Response(loop, root, dotfiles, req, exchange).start());
        InetSocketAddress bound = server.address();
        out.println("serving " + root + " at http://" + Inet.hostPort(bound) + "/");
        out.flush();
        return bound;
    }

    /** One response, from the request to the last chunk. */
    private static final class Response {
        private final Loop loop;
        private final String root;
        private final boolean dotfiles;
        private final boolean head;
        private final boolean get;
        private final String target;
        private final HttpServer.Exchange exchange;
        private int fd = -1;
        private long offset;
        private long size;

        Response(Loop loop, String root, boolean dotfiles, HttpParser req, HttpServer.Exchange exchange) {
            this.loop = loop;
            this.root = root;
            this.dotfiles = dotfiles;
            this.head = req.isMethod("HEAD");
            this.get = req.isMethod("GET");
            this.target = req.target();
            this.exchange = exchange;
        }

        void start() {
            if (!get && !head) {
                error(405);
                return;
            }
            String rel = relativePath(target);
            if (rel == null || !dotfiles && hasDotSegment(rel)) {
                error(403);
                return;
            }
            resolve(rel.isEmpty() ? root : root + "/" + rel, false);
        }

        /**
         * Resolves {@code path} (every link followed), refuses it unless it lands inside the root,
         * and serves it: a regular file, or a folder's index.html, resolved the same way.
         */
        private void resolve(String path, boolean index) {
            Fs.realpath(loop, path, real -> {
                if (real.status() != ErrorCode.OK) {
                    error(real.status() == ErrorCode.ENOENT || real.status() == ErrorCode.ENOTDIR ? 404 : 403);
                    return;
                }
                String p = real.link();
                if (!p.equals(root) && !p.startsWith(root.endsWith("/") ? root : root + "/")
                        || !dotfiles && hasDotSegment(p.substring(root.length()))) { // a link to .git too
                    error(403);
                    return;
                }
                Fs.stat(loop, p, st -> {
                    if (st.status() != ErrorCode.OK) {
                        error(404);
                    } else if (st.stat().isDirectory() && !index) {
                        resolve(p + "/index.html", true);
                    } else if (st.stat().isFile()) {
                        open(p);
                    } else {
                        error(403); // a folder named index.html, a FIFO, a device: not served
                    }
                });
            });
        }

        private void open(String path) {
            // The path is resolved, so it has no link left; O_NOFOLLOW refuses one put there since.
            Fs.open(loop, path, Fs.O_RDONLY | Fs.O_NOFOLLOW, 0, o -> {
                if (o.status() != ErrorCode.OK) {
                    error(o.status() == ErrorCode.ENOENT ? 404 : o.status() == ErrorCode.EACCES ? 403 : 500);
                    return;
                }
                fd = (int) o.result();
                if (!exchange.isOpen()) {
                    closeFile(); // the client went away meanwhile
                    return;
                }
                Fs.fstat(loop, fd, st -> {
                    if (st.status() != ErrorCode.OK || !st.stat().isFile()) {
                        closeFile();
                        error(st.status() == ErrorCode.OK ? 403 : 500);
                        return;
                    }
                    size = st.stat().size();
                    String name = path.substring(path.lastIndexOf('/') + 1);
                    String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
                    exchange.write(head(200, TYPES.getOrDefault(ext, "application/octet-stream"), size, ""), null);
                    if (head || size == 0) {
                        closeFile();
                        exchange.done();
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
                if (r.status() != ErrorCode.OK || r.result() <= 0 || !exchange.isOpen()) {
                    closeFile(); // the file shrank, or the client went away: end the connection
                    exchange.abort();
                    return;
                }
                offset += r.result();
                chunk.flip();
                exchange.write(chunk, ok -> {
                    if (!ok) {
                        closeFile(); // the connection is closed already
                    } else if (offset < size) {
                        readChunk();
                    } else {
                        closeFile();
                        exchange.done();
                    }
                });
            });
        }

        private void error(int status) {
            if (!exchange.isOpen()) {
                return; // the connection closed while the file was looked up
            }
            byte[] body = (status + " " + HttpServer.reason(status) + "\n").getBytes(US_ASCII);
            ByteBuffer b = head(status, "text/plain; charset=utf-8", body.length, status == 405 ? "Allow: GET, HEAD\r\n" : "");
            ByteBuffer all = ByteBuffer.allocate(b.remaining() + (head ? 0 : body.length));
            all.put(b);
            if (!head) {
                all.put(body);
            }
            all.flip();
            exchange.write(all, ok -> {
                if (ok) {
                    exchange.done();
                }
            });
        }

        private ByteBuffer head(int status, String type, long length, String extra) {
            String h = "HTTP/1.1 " + status + " " + HttpServer.reason(status) + "\r\n"
                    + new String(exchange.server().date(), US_ASCII)
                    + "Content-Type: " + type + "\r\n"
                    + "Content-Length: " + length + "\r\n" + extra
                    + (exchange.keepAlive() ? "Connection: keep-alive\r\n" : "Connection: close\r\n") + "\r\n";
            return ByteBuffer.wrap(h.getBytes(US_ASCII));
        }

        private void closeFile() {
            if (fd >= 0) {
                int f = fd;
                fd = -1;
                Fs.close(loop, f, (FsReq.Callback) r -> { });
            }
        }
    }

    /** Whether a segment of {@code path} starts with a dot: a dotfile or a dot-folder. */
    static boolean hasDotSegment(String path) {
        for (String seg : path.split("/")) {
            if (seg.startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The request target as a path under the root: the authority of an absolute-form target and
     * the query dropped, percent-decoded, and
     * refused ({@code null}) if any segment is {@code ..} or the decoding is invalid or holds a
     * NUL. {@code ""} for the root itself.
     */
    static String relativePath(String target) {
        int scheme = target.indexOf("://");
        if (!target.startsWith("/") && scheme > 0) {
            int slash = target.indexOf('/', scheme + 3); // absolute-form: the path after the authority
            target = slash < 0 ? "/" : target.substring(slash);
        }
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
