package org.juv.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.juv.core.ErrorCode;
import org.juv.core.Loop;
import org.juv.core.RunMode;
import org.juv.core.UvException;
import org.juv.core.testing.LibuvTest;
import org.juv.core.testing.LoopExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Unix-domain pipes: libuv's test-pipe-*.c and the pipe ref tests. */
@ExtendWith(LoopExtension.class)
@Timeout(60)
class PipeTest {
    @TempDir
    Path dir;

    private String sock(String name) {
        return dir.resolve(name).toString();
    }

    @Test
    @LibuvTest("pipe_ping_pong")
    void shouldPingPongOverAUnixDomainSocket(Loop loop) {
        try (EchoServer echo = EchoServer.pipe(sock("echo.sock"))) {
            Pipe client = new Pipe(loop);
            boolean[] inConnect = {true};
            client.connect(echo.path, (req, st) -> {
                assertFalse(inConnect[0]);
                assertEquals(ErrorCode.OK, st);
                NetTesting.pingPong(loop, client, req, false, 1000);
            });
            inConnect[0] = false;
            assertFalse(loop.run(RunMode.DEFAULT));
        }
    }

    @Test
    @LibuvTest("pipe_ping_pong_vec")
    void shouldPingPongOverAUnixDomainSocketOneByteBufferAtATime(Loop loop) {
        try (EchoServer echo = EchoServer.pipe(sock("echo.sock"))) {
            Pipe client = new Pipe(loop);
            client.connect(echo.path, (req, st) -> NetTesting.pingPong(loop, client, req, true, 1000));
            assertFalse(loop.run(RunMode.DEFAULT));
        }
    }

    @Test
    @LibuvTest("pipe_connect_bad_name")
    void shouldReportEnoentInTheConnectCallbackForAMissingSocketFile(Loop loop) {
        Pipe client = new Pipe(loop);
        ErrorCode[] status = {null};
        client.connect(sock("missing.sock"), (req, st) -> {
            status[0] = st;
            client.close(null);
        });
        loop.run(RunMode.DEFAULT);
        assertEquals(ErrorCode.ENOENT, status[0]);
    }

    @Test
    @LibuvTest("pipe_connect_to_file")
    void shouldReportConnectionRefusedForAFileThatIsNotASocket(Loop loop) throws IOException {
        Path file = Files.createFile(dir.resolve("plain"));
        Pipe client = new Pipe(loop);
        ErrorCode[] status = {null};
        client.connect(file.toString(), (req, st) -> {
            status[0] = st;
            client.close(null);
        });
        loop.run(RunMode.DEFAULT);
        assertTrue(status[0] == ErrorCode.ECONNREFUSED || status[0] == ErrorCode.ENOTSOCK, String.valueOf(status[0]));
    }

    @Test
    @LibuvTest("pipe_bind_error_addrinuse")
    void shouldRefuseBindingAPathInUseAndListeningOnTheHandleWhoseBindFailed(Loop loop) {
        Pipe a = new Pipe(loop);
        a.bind(sock("used.sock"));
        Pipe b = new Pipe(loop);
        UvException e = assertThrows(UvException.class, () -> b.bind(sock("used.sock")));
        assertEquals(ErrorCode.EADDRINUSE, e.code());
        a.listen(128, (s, st) -> fail("nobody connects"));
        assertEquals(ErrorCode.EINVAL,
                assertThrows(UvException.class, () -> b.listen(128, (s, st) -> fail("not listening"))).code());
        int[] closes = {0};
        a.close(h -> closes[0]++);
        b.close(h -> closes[0]++);
        assertFalse(loop.run(RunMode.DEFAULT));
        assertEquals(2, closes[0]);
    }

    @Test
    @LibuvTest("pipe_bind_error_addrnotavail")
    void shouldRefuseBindingInAMissingFolder(Loop loop) {
        Pipe p = new Pipe(loop);
        UvException e = assertThrows(UvException.class, () -> p.bind(sock("no/such/folder.sock")));
        assertEquals(ErrorCode.ENOENT, e.code()); // Linux reports ENOENT here; libuv passes it through
    }

    @Test
    @LibuvTest("pipe_bind_or_listen_error_after_close")
    void shouldRefuseBindAndListenOnAClosedPipe(Loop loop) {
        Pipe server = new Pipe(loop);
        server.close(null);
        assertThrows(IllegalStateException.class, () -> server.bind(sock("closed.sock")));
        assertThrows(IllegalStateException.class, () -> server.listen(128, (s, st) -> { }));
        assertFalse(Files.exists(Path.of(sock("closed.sock"))), "nothing was bound");
        assertFalse(loop.run(RunMode.DEFAULT));
    }

    @Test
    @LibuvTest("pipe_bind_error_inval")
    void shouldRefuseASecondBindWithEinval(Loop loop) {
        Pipe p = new Pipe(loop);
        p.bind(sock("one.sock"));
        UvException e = assertThrows(UvException.class, () -> p.bind(sock("two.sock")));
        assertEquals(ErrorCode.EINVAL, e.code());
    }

    @Test
    @LibuvTest("pipe_listen_without_bind")
    void shouldRefuseListenWithoutBindWithEinval(Loop loop) {
        Pipe p = new Pipe(loop);
        UvException e = assertThrows(UvException.class, () -> p.listen(16, (s, st) -> { }));
        assertEquals(ErrorCode.EINVAL, e.code());
    }

    @Test
    @LibuvTest("pipe_overlong_path")
    void shouldRefuseAnOverlongPathWithEinvalInBindAndConnect(Loop loop) {
        String name = dir.resolve("@".repeat(200)).toString();
        Pipe p = new Pipe(loop);
        assertEquals(ErrorCode.EINVAL, assertThrows(UvException.class, () -> p.bind(name)).code());
        assertEquals(ErrorCode.EINVAL,
                assertThrows(UvException.class, () -> p.connect(name, (r, s) -> { })).code());
    }

    @Test
    @LibuvTest("pipe_getsockname")
    void shouldReportTheBoundPathAndThePeerPath(Loop loop) {
        String path = sock("name.sock");
        Pipe server = new Pipe(loop);
        // No socket yet: EBADF, as libuv.
        assertEquals(ErrorCode.EBADF, assertThrows(UvException.class, server::getsockname).code());
        assertEquals(ErrorCode.EBADF, assertThrows(UvException.class, server::getpeername).code());
        assertEquals(ErrorCode.EINVAL, assertThrows(UvException.class, () -> server.bind("bad\0path")).code());
        server.bind(path);
        assertEquals(path, server.getsockname());
        assertEquals(ErrorCode.ENOTCONN, assertThrows(UvException.class, server::getpeername).code());
        // The connection callback may run or not, depending on which side the loop serves first.
        server.listen(0, (s, st) -> assertEquals(ErrorCode.OK, st));
        assertEquals(path, server.getsockname());
        assertEquals(ErrorCode.ENOTCONN, assertThrows(UvException.class, server::getpeername).code());
        Pipe client = new Pipe(loop);
        assertEquals(ErrorCode.EBADF, assertThrows(UvException.class, client::getsockname).code());
        assertEquals(ErrorCode.EBADF, assertThrows(UvException.class, client::getpeername).code());
        int[] connects = {0};
        int[] closes = {0};
        Connect[] req = {null};
        req[0] = client.connect(path, (r, st) -> {
            assertSame(req[0], r);
            assertEquals(ErrorCode.OK, st);
            assertEquals(path, client.getpeername());
            assertEquals("", client.getsockname(), "an unbound client has an empty name");
            connects[0]++;
            client.close(h -> closes[0]++);
            server.close(h -> closes[0]++);
        });
        // A Unix-domain connect completes at once: the names are known before the callback.
        assertEquals("", client.getsockname());
        assertEquals(path, client.getpeername());
        assertEquals(0, connects[0]);
        assertFalse(loop.run(RunMode.DEFAULT));
        assertEquals(1, connects[0]);
        assertEquals(2, closes[0]);
    }

    @Test
    @LibuvTest("pipe_server_close")
    void shouldCloseAServerWithAConnectionPendingAndRemoveItsSocketFile(Loop loop) {
        String path = sock("gone.sock");
        Pipe server = new Pipe(loop);
        server.bind(path);
        server.listen(0, (s, st) -> assertEquals(ErrorCode.OK, st)); // may run or not: never accepted
        assertTrue(Files.exists(Path.of(path)));
        Pipe client = new Pipe(loop);
        int[] connects = {0};
        int[] closes = {0};
        client.connect(path, (req, st) -> {
            assertEquals(ErrorCode.OK, st);
            connects[0]++;
            client.close(h -> closes[0]++);
            server.close(h -> closes[0]++); // with the connection still pending
        });
        loop.run(RunMode.DEFAULT);
        assertEquals(1, connects[0]);
        assertEquals(2, closes[0]);
        assertFalse(Files.exists(Path.of(path)));
    }

    @Test
    @LibuvTest("pipe_set_chmod")
    void shouldMakeTheSocketFileReadableThenWritableByAll(Loop loop) throws IOException {
        Path file = Path.of(sock("mode.sock"));
        Pipe server = new Pipe(loop);
        server.bind(file.toString());
        Set<PosixFilePermission> before = Files.getPosixFilePermissions(file);
        Set<PosixFilePermission> read = EnumSet.of(PosixFilePermission.OWNER_READ,
                PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
        Set<PosixFilePermission> write = EnumSet.of(PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);
        server.chmod(Pipe.READABLE);
        Set<PosixFilePermission> expected = EnumSet.copyOf(before);
        expected.addAll(read); // the read bits are added, nothing else changes
        assertEquals(expected, Files.getPosixFilePermissions(file));
        server.chmod(Pipe.WRITABLE);
        expected.addAll(write);
        assertEquals(expected, Files.getPosixFilePermissions(file));
        server.chmod(Pipe.WRITABLE | Pipe.READABLE);
        assertTrue(Files.getPosixFilePermissions(file).containsAll(read));
        assertTrue(Files.getPosixFilePermissions(file).containsAll(write));
        assertEquals(ErrorCode.EINVAL, assertThrows(UvException.class, () -> server.chmod(12_345_678)).code());
        assertEquals(ErrorCode.EBADF,
                assertThrows(UvException.class, () -> new Pipe(loop).chmod(Pipe.WRITABLE | Pipe.READABLE)).code(),
                "no socket file: libuv's EBADF");
        server.close(null);
        // libuv gives EBADF once closed; juv refuses any use of a closing handle.
        assertThrows(IllegalStateException.class, () -> server.chmod(Pipe.WRITABLE | Pipe.READABLE));
    }

    @Test
    @LibuvTest("pipe_ref")
    void shouldNotKeepTheLoopAliveWithAnUnreferencedUnusedPipe(Loop loop) {
        Pipe p = new Pipe(loop);
        p.unref();
        assertFalse(loop.run(RunMode.DEFAULT));
    }

    @Test
    @LibuvTest("pipe_ref2")
    void shouldNotKeepTheLoopAliveWithAnUnreferencedListeningPipe(Loop loop) {
        Pipe p = new Pipe(loop);
        p.bind(sock("ref2.sock"));
        p.listen(16, (s, st) -> { });
        p.unref();
        assertFalse(loop.run(RunMode.DEFAULT));
    }

    @Test
    @LibuvTest("pipe_ref3")
    void shouldKeepTheLoopAliveWhileAConnectAndShutdownOfAnUnreferencedPipeAreActive(Loop loop) {
        try (EchoServer echo = EchoServer.pipe(sock("ref3.sock"))) {
            Pipe p = new Pipe(loop);
            int[] connects = {0};
            int[] shutdowns = {0};
            Connect[] connect = {null};
            Shutdown[] shutdown = {null};
            connect[0] = p.connect(echo.path, (req, st) -> {
                assertSame(connect[0], req);
                assertEquals(ErrorCode.OK, st);
                shutdown[0] = p.shutdown((r, s) -> {
                    assertSame(shutdown[0], r);
                    assertEquals(ErrorCode.OK, s);
                    shutdowns[0]++;
                });
                connects[0]++;
            });
            p.unref();
            assertFalse(loop.run(RunMode.DEFAULT));
            assertEquals(1, connects[0]);
            assertEquals(1, shutdowns[0]);
            int[] closes = {0};
            p.close(h -> closes[0]++); // libuv's do_close
            assertEquals(0, closes[0]);
            assertFalse(loop.run(RunMode.DEFAULT));
            assertEquals(1, closes[0]);
        }
    }

    @Test
    @LibuvTest("shutdown_close_pipe")
    void shouldCancelAPendingShutdownWhenClosedAtOnce(Loop loop) {
        try (EchoServer echo = EchoServer.pipe(sock("sc.sock"))) {
            Pipe p = new Pipe(loop);
            ErrorCode[] status = {null};
            int[] closes = {0};
            p.connect(echo.path, (req, st) -> {
                p.shutdown((r, s) -> {
                    status[0] = s;
                    assertEquals(0, closes[0], "the shutdown callback runs before the close callback");
                });
                p.close(h -> closes[0]++);
            });
            loop.run(RunMode.DEFAULT);
            assertEquals(ErrorCode.ECANCELED, status[0]);
            assertEquals(1, closes[0]);
        }
    }

    @Test
    @LibuvTest("pipe_pending_instances")
    void shouldBindAndListenAroundPendingInstancesWhichDoNothing(Loop loop) {
        Pipe p = new Pipe(loop);
        p.pendingInstances(8);
        assertFalse(p.isActive());
        p.bind(sock("pending.sock"));
        p.pendingInstances(16);
        p.listen(128, (s, st) -> fail("this will never be called"));
        assertTrue(p.isActive());
        p.close(null);
        assertFalse(loop.run(RunMode.DEFAULT));
    }
    @Test
    void shouldOpenAOneWayDescriptorAsAPipeOnTheLoop(Loop loop) throws Exception {
        int[] fds = new int[2];
        Posix.pipe2(fds, Posix.O_CLOEXEC);
        Pipe reader = new Pipe(loop);
        reader.open(fds[0]);
        Pipe writer = new Pipe(loop);
        writer.open(fds[1]);
        StringBuilder got = new StringBuilder();
        reader.readStart((s, nread, status, buf) -> {
            if (status != ErrorCode.OK) {
                got.append("|").append(status);
                s.close(null);
                return;
            }
            got.append(java.nio.charset.StandardCharsets.UTF_8.decode(buf));
            if (got.toString().equals("through a kernel pipe")) {
                // juv does not own the descriptor: closing the write end is the owner's act; EOF follows
                writer.close(null);
                Posix.close(fds[1]);
            }
        });
        // The write completes once the copier's socket has the bytes, before they reach the pipe.
        writer.write(ByteBuffer.wrap("through a kernel pipe".getBytes(java.nio.charset.StandardCharsets.UTF_8)), null);
        loop.run(RunMode.DEFAULT);
        Posix.close(fds[0]);
        assertEquals("through a kernel pipe|EOF", got.toString());
    }

    @Test
    void shouldRefuseToOpenAClosedOrTwoWayDescriptor(Loop loop) {
        Pipe p = new Pipe(loop);
        assertEquals(ErrorCode.EBADF, assertThrows(UvException.class, () -> p.open(1_000_000)).code());
        Pipe q = new Pipe(loop);
        q.bind(sock("bound"));
        assertEquals(ErrorCode.EINVAL, assertThrows(UvException.class, () -> q.open(0)).code());
        p.close(null);
        q.close(null);
        loop.run(RunMode.DEFAULT);
    }

    /** Ten clients connect to one pipe server: every connect and every connection is called back. */
    @Test
    @LibuvTest("pipe_connect_multiple")
    void shouldConnectTenClientsToOnePipeServer(Loop loop) {
        int clients = 10;
        Pipe server = new Pipe(loop);
        server.bind(sock("multi.sock"));
        int[] connections = {0};
        int[] connects = {0};
        Runnable stopWhenDone = () -> {
            if (connections[0] == clients && connects[0] == clients) {
                loop.stop();
            }
        };
        server.listen(128, (s, st) -> {
            assertEquals(ErrorCode.OK, st);
            s.accept(new Pipe(loop));
            connections[0]++;
            stopWhenDone.run();
        });
        for (int i = 0; i < clients; i++) {
            new Pipe(loop).connect(sock("multi.sock"), (req, st) -> {
                assertEquals(ErrorCode.OK, st);
                connects[0]++;
                stopWhenDone.run();
            });
        }
        loop.run(RunMode.DEFAULT);
        assertEquals(clients, connections[0]);
        assertEquals(clients, connects[0]);
    }

    /**
     * Ten clients connect and are closed at once, before the loop runs: each connect is called
     * back with ECANCELED, and the server still accepts the ten connections the kernel made.
     */
    @Test
    @LibuvTest("pipe_connect_close_multiple")
    void shouldCancelTheConnectsOfClientsClosedAtOnceWhileTheServerStillAcceptsThem(Loop loop) {
        int clients = 10;
        Pipe server = new Pipe(loop);
        server.bind(sock("close-multi.sock"));
        int[] connections = {0};
        int[] connects = {0};
        Runnable closeWhenDone = () -> {
            if (connections[0] == clients && connects[0] == clients) {
                server.close(null);
            }
        };
        server.listen(128, (s, st) -> {
            assertEquals(ErrorCode.OK, st);
            Pipe conn = new Pipe(loop);
            s.accept(conn);
            conn.close(null);
            connections[0]++;
            closeWhenDone.run();
        });
        Pipe[] pipes = new Pipe[clients];
        for (int i = 0; i < clients; i++) {
            pipes[i] = new Pipe(loop);
            pipes[i].connect(sock("close-multi.sock"), (req, st) -> {
                assertEquals(ErrorCode.ECANCELED, st);
                connects[0]++;
                closeWhenDone.run();
            });
        }
        for (Pipe p : pipes) {
            p.close(null);
        }
        loop.run(RunMode.DEFAULT);
        assertEquals(clients, connections[0]);
        assertEquals(clients, connects[0]);
    }

    /** The pipe twin of tcp_ref4: an unreferenced pipe's write keeps the loop alive until it is called back. */
    @Test
    @LibuvTest("pipe_ref4")
    void shouldKeepTheLoopAliveWhileAWriteOfAnUnreferencedPipeIsActive(Loop loop) {
        try (EchoServer echo = EchoServer.pipe(sock("ref4.sock"))) {
            Pipe p = new Pipe(loop);
            int[] calls = {0, 0, 0};
            p.connect(echo.path, (req, st) -> {
                assertEquals(ErrorCode.OK, st);
                calls[0]++;
                p.write(ByteBuffer.wrap("PING".getBytes(java.nio.charset.StandardCharsets.US_ASCII)), (w, ws) -> calls[1]++);
                p.shutdown((r, s) -> calls[2]++);
            });
            p.unref();
            assertFalse(loop.run(RunMode.DEFAULT));
            assertEquals(List.of(1, 1, 1), List.of(calls[0], calls[1], calls[2]));
        }
    }

    /** A connect made from a prepare callback to a name that does not exist: ENOENT in its callback. */
    @Test
    @LibuvTest("pipe_connect_on_prepare")
    void shouldReportEnoentToAConnectMadeFromAPrepareCallback(Loop loop) {
        Pipe p = new Pipe(loop);
        org.juv.core.Prepare prepare = new org.juv.core.Prepare(loop);
        List<String> events = new ArrayList<>();
        prepare.start(h -> {
            events.add("connecting");
            p.connect(sock("no-such.sock"), (req, st) -> {
                events.add("connect " + st);
                prepare.close(x -> events.add("prepare closed"));
                p.close(x -> events.add("pipe closed"));
            });
        });
        loop.run(RunMode.DEFAULT);
        // The failure is called back from the next iteration's pending phase, which comes
        // before its prepare phase: the prepare callback runs once.
        assertEquals(List.of("connecting", "connect ENOENT", "pipe closed", "prepare closed"), events);
    }
}
