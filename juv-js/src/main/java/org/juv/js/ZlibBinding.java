package org.juv.js;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * What {@code lib/zlib.js} calls: deflate and inflate in the zlib, gzip and raw formats on the
 * JDK's {@link Deflater} and {@link Inflater} (zlib itself underneath, so the same error
 * messages as Node's), one stream per id. The JDK has no gzip framing for streams of chunks, so
 * this class writes and checks the gzip header and trailer (CRC-32 and length) itself, and reads
 * members one after another as Node's gunzip does (zero bytes after a member are padding).
 *
 * <p>{@link #write} returns {@code [output]} or {@code [errno, message]}, the errno being
 * zlib's ({@code Z_DATA_ERROR} -3, {@code Z_BUF_ERROR} -5, {@code Z_NEED_DICT} 2).
 *
 * <p><b>Threading:</b> loop thread only.
 */
public final class ZlibBinding {
    /** Node's {@code zlib.constants} modes. */
    static final int DEFLATE = 1;
    static final int INFLATE = 2;
    static final int GZIP = 3;
    static final int GUNZIP = 4;
    static final int DEFLATERAW = 5;
    static final int INFLATERAW = 6;
    static final int UNZIP = 7;

    static final int Z_NO_FLUSH = 0;
    static final int Z_SYNC_FLUSH = 2;
    static final int Z_FULL_FLUSH = 3;
    static final int Z_FINISH = 4;
    static final int Z_NEED_DICT = 2;
    static final int Z_DATA_ERROR = -3;
    static final int Z_BUF_ERROR = -5;

    private static final int CHUNK = 16 * 1024;

    private final NodeHost host;
    private final Map<Integer, Object> streams = new HashMap<>();
    private int nextId;

    ZlibBinding(NodeHost host) {
        this.host = host;
    }

    /**
     * Opens a compression or decompression stream.
     *
     * @param mode     one of Node's modes ({@code DEFLATE} 1 ... {@code UNZIP} 7)
     * @param level    the compression level, -1 (default) to 9
     * @param strategy zlib's strategy (0 default, 1 filtered, 2 Huffman only)
     * @return the stream's id
     */
    public int open(int mode, int level, int strategy) {
        Object s;
        switch (mode) {
            case DEFLATE, GZIP, DEFLATERAW -> {
                Deflater d = new Deflater(level, mode != DEFLATE);
                d.setStrategy(strategy == 1 ? Deflater.FILTERED : strategy == 2 ? Deflater.HUFFMAN_ONLY
                        : Deflater.DEFAULT_STRATEGY);
                s = new Compress(d, mode == GZIP, level);
            }
            case INFLATE, GUNZIP, INFLATERAW, UNZIP -> s = new Decompress(mode);
            default -> throw new IllegalArgumentException("zlib mode " + mode);
        }
        int id = ++nextId;
        streams.put(id, s);
        return id;
    }

    /**
     * Feeds a stream and takes what it gives back.
     *
     * @param id    the stream
     * @param chunk the input, a typed array (may be empty)
     * @param flush zlib's flush: {@code Z_NO_FLUSH}, {@code Z_SYNC_FLUSH}, {@code Z_FULL_FLUSH}
     *              or {@code Z_FINISH} (the end of the input)
     * @return {@code [output]} (a {@code Uint8Array}, maybe empty) or {@code [errno, message]}
     */
    public Object[] write(int id, Object chunk, int flush) {
        ByteBuffer in = host.bytesOf(chunk);
        byte[] input = new byte[in.remaining()];
        in.get(input);
        Object s = streams.get(id);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (s instanceof Compress) {
                ((Compress) s).write(input, flush, out);
            } else {
                ((Decompress) s).write(input, flush, out);
            }
        } catch (ZlibError e) {
            return new Object[] {e.errno, e.getMessage()};
        }
        return new Object[] {host.engine().toBuffer(ByteBuffer.wrap(out.toByteArray()))};
    }

    /**
     * Starts a stream again from the beginning, as {@code zlib.reset()}.
     *
     * @param id the stream
     */
    public void reset(int id) {
        Object s = streams.get(id);
        if (s instanceof Compress) {
            ((Compress) s).reset();
        } else {
            ((Decompress) s).reset();
        }
    }

    /**
     * Releases a stream.
     *
     * @param id the stream
     */
    public void close(int id) {
        Object s = streams.remove(id);
        if (s instanceof Compress) {
            ((Compress) s).deflater.end();
        } else if (s != null) {
            ((Decompress) s).inflater.end();
        }
    }

    /** A zlib failure, with zlib's errno and message. */
    private static final class ZlibError extends Exception {
        private static final long serialVersionUID = 1L;
        final int errno;

        ZlibError(int errno, String message) {
            super(message, null, false, false);
            this.errno = errno;
        }
    }

    /** Deflate, with gzip's header and trailer around the raw stream when asked. */
    private static final class Compress {
        final Deflater deflater;
        final boolean gzip;
        final int level;
        final CRC32 crc = new CRC32();
        final byte[] buf = new byte[CHUNK];
        boolean headerWritten;
        boolean finished;

        Compress(Deflater deflater, boolean gzip, int level) {
            this.deflater = deflater;
            this.gzip = gzip;
            this.level = level;
        }

        void write(byte[] input, int flush, ByteArrayOutputStream out) throws ZlibError {
            if (finished) {
                if (input.length > 0) {
                    throw new ZlibError(Z_BUF_ERROR, "write after end");
                }
                return;
            }
            if (gzip && !headerWritten) {
                // magic, deflate, no flags, no time, the extra flags zlib writes for the level, Unix
                int xfl = level == 9 ? 2 : level == 1 ? 4 : 0;
                out.write(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, (byte) xfl, 3}, 0, 10);
                headerWritten = true;
            }
            crc.update(input);
            deflater.setInput(input);
            if (flush == Z_FINISH) {
                deflater.finish();
                while (!deflater.finished()) {
                    out.write(buf, 0, deflater.deflate(buf));
                }
                if (gzip) {
                    int c = (int) crc.getValue();
                    int n = (int) deflater.getBytesRead();
                    out.write(new byte[] {(byte) c, (byte) (c >>> 8), (byte) (c >>> 16), (byte) (c >>> 24),
                        (byte) n, (byte) (n >>> 8), (byte) (n >>> 16), (byte) (n >>> 24)}, 0, 8);
                }
                finished = true;
                return;
            }
            int mode = flush == Z_FULL_FLUSH ? Deflater.FULL_FLUSH
                    : flush == Z_NO_FLUSH ? Deflater.NO_FLUSH : Deflater.SYNC_FLUSH;
            int n;
            do {
                n = deflater.deflate(buf, 0, buf.length, mode);
                out.write(buf, 0, n);
            } while (n == buf.length || !deflater.needsInput());
        }

        void reset() {
            deflater.reset();
            crc.reset();
            headerWritten = false;
            finished = false;
        }
    }

    /** Inflate in one of four framings; gzip members one after another. */
    private static final class Decompress {
        private static final int HEADER = 0;
        private static final int BODY = 1;
        private static final int TRAILER = 2;
        private static final int DONE = 3;
        /** A gzip member ended with its input: another may follow in the next chunk. */
        private static final int MEMBER_END = 4;

        final int mode;
        Inflater inflater;
        /** gzip framing in effect (GUNZIP, or UNZIP that found gzip's magic). */
        boolean gzip;
        int state;
        /** Input not yet consumed: a partial header or trailer, or what follows a member. */
        byte[] pending = new byte[0];
        final CRC32 crc = new CRC32();
        final byte[] buf = new byte[CHUNK];

        Decompress(int mode) {
            this.mode = mode;
            reset();
        }

        void reset() {
            gzip = mode == GUNZIP;
            state = mode == GUNZIP || mode == UNZIP ? HEADER : BODY;
            inflater = new Inflater(mode != INFLATE);
            pending = new byte[0];
            crc.reset();
        }

        void write(byte[] input, int flush, ByteArrayOutputStream out) throws ZlibError {
            byte[] data = pending.length == 0 ? input : concat(pending, input);
            pending = new byte[0];
            int at = 0;
            while (at < data.length && state != DONE) {
                if (state == HEADER) {
                    int end = headerEnd(data, at);
                    if (end < 0) { // not all there yet
                        pending = Arrays.copyOfRange(data, at, data.length);
                        at = data.length;
                        break;
                    }
                    at = end;
                    state = BODY;
                } else if (state == BODY) {
                    inflater.setInput(data, at, data.length - at);
                    inflate(out);
                    at = data.length - inflater.getRemaining();
                    if (inflater.finished()) {
                        state = gzip ? TRAILER : DONE;
                    }
                } else if (state == TRAILER) {
                    if (data.length - at < 8) {
                        pending = Arrays.copyOfRange(data, at, data.length);
                        at = data.length;
                        break;
                    }
                    if (readIntLE(data, at) != (int) crc.getValue()) {
                        throw new ZlibError(Z_DATA_ERROR, "incorrect data check");
                    }
                    if (readIntLE(data, at + 4) != (int) inflater.getBytesWritten()) {
                        throw new ZlibError(Z_DATA_ERROR, "incorrect length check");
                    }
                    at += 8;
                    state = MEMBER_END;
                } else if (state == MEMBER_END) {
                    // more input: another member, as zlib's gunzip in Node reads it (so junk
                    // fails its header check), unless it is zero padding, which is ignored
                    if (data[at] != 0) {
                        inflater.end();
                        inflater = new Inflater(true);
                        crc.reset();
                        state = HEADER;
                    } else {
                        state = DONE;
                    }
                }
            }
            if (flush == Z_FINISH && state != DONE && state != MEMBER_END) {
                throw new ZlibError(Z_BUF_ERROR, "unexpected end of file");
            }
        }

        private void inflate(ByteArrayOutputStream out) throws ZlibError {
            try {
                int n;
                while ((n = inflater.inflate(buf)) > 0) {
                    out.write(buf, 0, n);
                    if (gzip) {
                        crc.update(buf, 0, n);
                    }
                }
                if (inflater.needsDictionary()) {
                    throw new ZlibError(Z_NEED_DICT, "Missing dictionary");
                }
            } catch (DataFormatException e) {
                throw new ZlibError(Z_DATA_ERROR, e.getMessage() == null ? "invalid data" : e.getMessage());
            }
        }

        /**
         * Reads a gzip header (RFC 1952) at {@code at}; for UNZIP, first decides the framing.
         *
         * @return the index after it, or -1 if more bytes are needed
         */
        private int headerEnd(byte[] d, int at) throws ZlibError {
            int n = d.length - at;
            if (mode == UNZIP && !gzip) {
                if (n < 2) {
                    return -1;
                }
                if ((d[at] & 0xff) != 0x1f || (d[at + 1] & 0xff) != 0x8b) { // zlib framing
                    inflater.end();
                    inflater = new Inflater(false);
                    return at;
                }
                gzip = true;
            }
            if (n < 10) {
                return -1;
            }
            if ((d[at] & 0xff) != 0x1f || (d[at + 1] & 0xff) != 0x8b) {
                throw new ZlibError(Z_DATA_ERROR, "incorrect header check");
            }
            if (d[at + 2] != 8) {
                throw new ZlibError(Z_DATA_ERROR, "unknown compression method");
            }
            int flags = d[at + 3] & 0xff;
            int i = at + 10;
            if ((flags & 4) != 0) { // FEXTRA
                if (d.length < i + 2) {
                    return -1;
                }
                i += 2 + ((d[i] & 0xff) | (d[i + 1] & 0xff) << 8);
            }
            for (int bit : new int[] {8, 16}) { // FNAME, FCOMMENT: zero-terminated
                if ((flags & bit) != 0) {
                    while (i < d.length && d[i] != 0) {
                        i++;
                    }
                    if (i >= d.length) {
                        return -1;
                    }
                    i++;
                }
            }
            if ((flags & 2) != 0) { // FHCRC
                i += 2;
            }
            return i <= d.length ? i : -1;
        }

        private static int readIntLE(byte[] d, int at) {
            return (d[at] & 0xff) | (d[at + 1] & 0xff) << 8 | (d[at + 2] & 0xff) << 16 | (d[at + 3] & 0xff) << 24;
        }

        private static byte[] concat(byte[] a, byte[] b) {
            byte[] c = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, c, a.length, b.length);
            return c;
        }
    }
}
