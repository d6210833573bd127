package org.juv.bench.jmh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.juv.core.ErrorCode;
import org.juv.core.Loop;
import org.juv.core.RunMode;
import org.juv.net.Stream;
import org.juv.net.Tcp;
import org.juv.net.Write;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * juv-net's two stream hot paths one at a time, each against a plain blocking JDK socket on the
 * other end of a loopback connection, so that only one side of each operation is juv:
 * {@link #readDispatch} (the peer writes 64 bytes; juv polls, reads into the loop's shared buffer
 * and calls the read callback) and {@link #writeCompletion} (juv writes 64 bytes with a reused
 * {@link Write} and runs until its callback came from the pending phase; the peer then reads
 * them). Both include one JDK socket call on the peer's side. Target: 0 bytes allocated.
 */
public class ReadWriteBenchmark extends BenchmarkBase {
    private static final int SIZE = 64;

    /** A juv {@link Tcp} on a loop, connected to a blocking JDK {@link SocketChannel}. */
    @State(Scope.Thread)
    public static class Connection {
        Loop loop;
        Tcp juv;
        SocketChannel peer;
        final ByteBuffer peerBuf = ByteBuffer.allocateDirect(SIZE);
        long received;

        /**
         * Connects juv's client to a JDK server socket, or a JDK client to juv's server.
         *
         * @throws IOException if the loopback connection fails
         */
        @Setup(Level.Trial)
        public void setUp() throws IOException {
            loop = new Loop();
            try (ServerSocketChannel listener = ServerSocketChannel.open()) {
                listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                juv = new Tcp(loop);
                juv.noDelay(true);
                boolean[] connected = {false};
                juv.connect((InetSocketAddress) listener.getLocalAddress(), (r, st) -> {
                    if (st != ErrorCode.OK) {
                        throw new IllegalStateException("connect: " + st);
                    }
                    connected[0] = true;
                });
                peer = listener.accept();
                peer.socket().setTcpNoDelay(true);
                while (!connected[0]) {
                    loop.run(RunMode.ONCE);
                }
            }
        }

        /**
         * Closes both ends and the loop.
         *
         * @throws IOException if the peer's close fails
         */
        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            peer.close();
            juv.close(null);
            loop.run(RunMode.DEFAULT);
            loop.close();
        }
    }

    /** {@link Connection} with juv reading. */
    @State(Scope.Thread)
    public static class Reading extends Connection {
        /** Starts reading on juv's side. */
        @Setup(Level.Trial)
        public void startReading() {
            juv.readStart((s, n, status, buf) -> received += n);
        }
    }

    /** {@link Connection} with a reusable write request. */
    @State(Scope.Thread)
    public static class Writing extends Connection {
        Write req;
        final ByteBuffer payload = ByteBuffer.allocateDirect(SIZE);
        final ByteBuffer[] bufs = {payload};
        Stream.WriteCallback onWrite;
        long written;

        /** Makes the request and its callback once. */
        @Setup(Level.Trial)
        public void makeRequest() {
            req = new Write(loop);
            onWrite = (w, st) -> written++;
        }
    }

    /**
     * The peer writes 64 bytes; juv runs until its read callback has them all.
     *
     * @param c the connection
     * @return bytes read so far
     * @throws IOException if the peer's write fails
     */
    @Benchmark
    public long readDispatch(Reading c) throws IOException {
        long target = c.received + SIZE;
        c.peerBuf.clear();
        while (c.peerBuf.hasRemaining()) {
            c.peer.write(c.peerBuf);
        }
        while (c.received < target) {
            c.loop.run(RunMode.ONCE);
        }
        return c.received;
    }

    /**
     * juv writes 64 bytes and runs until the write callback ran; the peer then reads them.
     *
     * @param c the connection
     * @return writes completed so far
     */
    @Benchmark
    public long writeCompletion(Writing c) {
        long target = c.written + 1;
        c.payload.clear();
        c.juv.write(c.req, c.bufs, c.onWrite);
        while (c.written < target) {
            c.loop.run(RunMode.ONCE);
        }
        c.peerBuf.clear();
        try {
            while (c.peerBuf.hasRemaining()) {
                c.peer.read(c.peerBuf);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return c.written;
    }
}
