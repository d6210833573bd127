package org.juv.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
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
    void shouldRefuseBindingAPathInUseWithEaddrinuse(Loop loop) {
        Pipe a = new Pipe(loop);
        a.bind(sock("used.sock"));
        Pipe b = new Pipe(loop);
        UvException e = assertThrows(UvException.class, () -> b.bind(sock("used.sock")));
        assertEquals(ErrorCode.EADDRINUSE, e.code());
        a.listen(16, (s, st) -> { });
    }

    @Test
    @LibuvTest("pipe_bind_error_addrnotavail")
    void shouldRefuseBindingInAMissingFolder(Loop loop) {
        Pipe p = new Pipe(loop);
        UvException e = assertThrows(UvException.class, () -> p.bind(sock("no/such/folder.sock")));
        assertEquals(ErrorCode.ENOENT, e.code()); // Linux reports ENOENT here; libuv passes it through
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
        assertThrows(UvException.class, server::getsockname);
        server.bind(path);
        assertEquals(path, server.getsockname());
        String[] seen = new String[3];
        server.listen(16, (s, st) -> {
            Pipe c = new Pipe(loop);
            s.accept(c);
            c.close(null);
            s.close(null);
        });
        Pipe client = new Pipe(loop);
        client.connect(path, (req, st) -> {
            assertEquals(ErrorCode.OK, st);
            seen[0] = client.getpeername();
            seen[1] = client.getsockname();
            client.close(null);
        });
        loop.run(RunMode.DEFAULT);
        assertEquals(path, seen[0]);
        assertEquals("", seen[1]);
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
    void shouldMakeTheSocketFileReadableAndWritableByAll(Loop loop) throws IOException {
        Pipe server = new Pipe(loop);
        server.bind(sock("mode.sock"));
        server.chmod(Pipe.READABLE | Pipe.WRITABLE);
        assertTrue(Files.getPosixFilePermissions(Path.of(sock("mode.sock")))
                .containsAll(java.util.EnumSet.of(PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE)));
        assertEquals(ErrorCode.EINVAL, assertThrows(UvException.class, () -> server.chmod(4)).code());
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
    void shouldKeepTheLoopAliveWhileAConnectOfAnUnreferencedPipeIsActive(Loop loop) {
        try (EchoServer echo = EchoServer.pipe(sock("ref3.sock"))) {
            Pipe p = new Pipe(loop);
            int[] calls = {0};
            p.connect(echo.path, (req, st) -> {
                assertEquals(ErrorCode.OK, st);
                calls[0]++;
            });
            p.unref();
            assertFalse(loop.run(RunMode.DEFAULT));
            assertEquals(1, calls[0]);
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
    void shouldAcceptPendingInstancesAsANoOp(Loop loop) {
        Pipe p = new Pipe(loop);
        p.pendingInstances(8);
        assertFalse(p.isActive());
    }
}
