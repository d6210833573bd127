package org.juv.bench.jmh;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
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
 * The stream hot paths over a loopback TCP connection on one loop: a 64-byte write with a
 * reused {@link Write} whose completion runs from the pending phase, and the read dispatch that
 * delivers those bytes to the other end through the loop's shared read buffer: a one-way trip
 * through juv-net per operation. Target: 0 bytes allocated.
 */
@State(Scope.Thread)
public class StreamBenchmark extends BenchmarkBase {
    private Loop loop;
    private Tcp server;
    private Tcp client;
    private Tcp accepted;
    private Write req;
    private final ByteBuffer payload = ByteBuffer.allocateDirect(64);
    private final ByteBuffer[] bufs = {payload};
    private Stream.WriteCallback onWrite;
    private long received;
    private long written;

    /** Connects a client and an accepted server side on one loop. */
    @Setup(Level.Trial)
    public void setUp() {
        loop = new Loop();
        server = new Tcp(loop);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        server.listen(16, (s, st) -> {
            accepted = new Tcp(loop);
            s.accept(accepted);
            accepted.readStart((t, n, status, buf) -> received += n);
        });
        client = new Tcp(loop);
        client.noDelay(true);
        client.connect(server.getsockname(), (r, st) -> {
            if (st != ErrorCode.OK) {
                throw new IllegalStateException("connect: " + st);
            }
        });
        while (accepted == null || client.writeQueueSize() != 0 || !client.isWritable()) {
            loop.run(RunMode.ONCE);
        }
        req = new Write(loop);
        onWrite = (w, st) -> written++;
    }

    /** Closes the connection and the loop. */
    @TearDown(Level.Trial)
    public void tearDown() {
        client.close(null);
        accepted.close(null);
        server.close(null);
        loop.run(RunMode.DEFAULT);
        loop.close();
    }

    /**
     * Writes 64 bytes, then runs the loop until the write callback has run and the other end
     * has read them.
     *
     * @return bytes read so far
     */
    @Benchmark
    public long writeCompleteAndRead() {
        long target = received + 64;
        long w = written + 1;
        payload.clear();
        client.write(req, bufs, onWrite);
        while (written < w || received < target) {
            loop.run(RunMode.ONCE);
        }
        return received;
    }
}
