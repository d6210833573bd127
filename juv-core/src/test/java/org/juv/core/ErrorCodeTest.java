package org.juv.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.HashSet;
import java.util.Set;
import org.juv.core.testing.LibuvTest;
import org.junit.jupiter.api.Test;

/** libuv's error table, and the one place that maps Java exceptions onto it. */
class ErrorCodeTest {

    @Test
    void shouldHaveAll85LibuvCodesPlusOkWithDistinctNumbers() {
        assertEquals(86, ErrorCode.values().length);
        Set<Integer> numbers = new HashSet<>();
        for (ErrorCode c : ErrorCode.values()) {
            assertTrue(numbers.add(c.code()), "duplicate number " + c.code() + " for " + c);
            assertSame(c, ErrorCode.of(c.code()), "of(code()) round trip for " + c);
            assertFalse(c.message().isEmpty());
        }
    }

    @Test
    @LibuvTest("error_message")
    void shouldUseLibuvsNamesMessagesAndLinuxNumbers() {
        assertEquals(-2, ErrorCode.ENOENT.code());
        assertEquals("no such file or directory", ErrorCode.ENOENT.message());
        assertEquals(-98, ErrorCode.EADDRINUSE.code());
        assertEquals(-111, ErrorCode.ECONNREFUSED.code());
        assertEquals(-125, ErrorCode.ECANCELED.code());
        assertEquals("operation canceled", ErrorCode.ECANCELED.message());
        assertEquals(-16, ErrorCode.EBUSY.code());
        assertEquals(-3003, ErrorCode.EAI_CANCELED.code());
        assertEquals(-3008, ErrorCode.EAI_NONAME.code());
        assertEquals(-3013, ErrorCode.EAI_BADHINTS.code());
        assertEquals(-3014, ErrorCode.EAI_PROTOCOL.code());
        assertEquals(-4095, ErrorCode.EOF.code());
        assertEquals("end of file", ErrorCode.EOF.message());
        assertEquals(-4094, ErrorCode.UNKNOWN.code());
        assertEquals(-4080, ErrorCode.ECHARSET.code());
        assertEquals(-4028, ErrorCode.EFTYPE.code());
        assertEquals(0, ErrorCode.OK.code());
        assertFalse(ErrorCode.OK.isError());
        assertTrue(ErrorCode.EOF.isError());
    }

    @Test
    @LibuvTest("error_message")
    void shouldMapUnknownNumbersToUnknown() {
        assertSame(ErrorCode.UNKNOWN, ErrorCode.of(-12345));
        assertSame(ErrorCode.UNKNOWN, ErrorCode.of(-3012)); // the unused EAI slot
        assertSame(ErrorCode.UNKNOWN, ErrorCode.of(42));
        assertSame(ErrorCode.OK, ErrorCode.of(0));
    }

    @Test
    void shouldFormatUvExceptionLikeLibuv() {
        UvException e = new UvException(ErrorCode.ENOENT, "uv_fs_open", "/nope", null);
        assertEquals("ENOENT: no such file or directory, uv_fs_open '/nope'", e.getMessage());
        assertEquals(ErrorCode.ENOENT, e.code());
        assertEquals("uv_fs_open", e.syscall());
        assertEquals("/nope", e.subject());
        assertThrows(IllegalArgumentException.class, () -> new UvException(ErrorCode.OK, "x"));
    }

    @Test
    @LibuvTest("sys_error")
    void shouldTranslateSystemErrorNumbersPositiveOrNegated() {
        assertEquals(ErrorCode.EPERM, ErrorCodes.translateSysError(1));
        assertEquals(ErrorCode.EPIPE, ErrorCodes.translateSysError(32));
        assertEquals(ErrorCode.EINVAL, ErrorCodes.translateSysError(-22));
        assertEquals(ErrorCode.EADDRINUSE, ErrorCodes.translateSysError(98));
        assertEquals(ErrorCode.OK, ErrorCodes.translateSysError(0));
        assertEquals(ErrorCode.UNKNOWN, ErrorCodes.translateSysError(9999));
    }

    @Test
    void shouldLearnTheSystemsMessagesInItsLanguage() {
        // A strerror that answers in German for three numbers, as glibc does under de_DE.
        java.util.Map<Integer, String> de = java.util.Map.of(98, "Die Adresse wird bereits verwendet",
                111, "Verbindungsaufbau abgelehnt", 32, "Datenübergabe unterbrochen (broken pipe)");
        assertEquals(ErrorCode.UNKNOWN, ErrorCodes.of(new IOException("Verbindungsaufbau abgelehnt")));
        ErrorCodes.learnSystemMessages(de::get);
        assertEquals(ErrorCode.EADDRINUSE, ErrorCodes.of(new BindException("Die Adresse wird bereits verwendet")));
        assertEquals(ErrorCode.ECONNREFUSED, ErrorCodes.of(new ConnectException("Verbindungsaufbau abgelehnt")));
        assertEquals(ErrorCode.EPIPE, ErrorCodes.of(new IOException("Datenübergabe unterbrochen (broken pipe)")));
        assertEquals(ErrorCode.ECONNRESET, ErrorCodes.of(new SocketException("Connection reset by peer")), "English still maps");
    }

    @Test
    void shouldTranslateJavaExceptionsInOnePlace() {
        assertEquals(ErrorCode.ENOENT, ErrorCodes.of(new NoSuchFileException("/x")));
        assertEquals(ErrorCode.EACCES, ErrorCodes.of(new AccessDeniedException("/x")));
        assertEquals(ErrorCode.EADDRINUSE, ErrorCodes.of(new BindException("Address already in use")));
        assertEquals(ErrorCode.EADDRNOTAVAIL, ErrorCodes.of(new BindException("Cannot assign requested address")));
        assertEquals(ErrorCode.ECONNREFUSED, ErrorCodes.of(new ConnectException("Connection refused")));
        assertEquals(ErrorCode.ECONNRESET, ErrorCodes.of(new SocketException("Connection reset by peer")));
        assertEquals(ErrorCode.EPIPE, ErrorCodes.of(new IOException("Broken pipe")));
        assertEquals(ErrorCode.EMFILE, ErrorCodes.of(new IOException("Too many open files")));
        assertEquals(ErrorCode.ENFILE, ErrorCodes.of(new IOException("Too many open files in system")));
        assertEquals(ErrorCode.ECANCELED, ErrorCodes.of(new ClosedChannelException()));
        assertEquals(ErrorCode.ENOTEMPTY, ErrorCodes.of(new FileSystemException("/d", null, "Directory not empty")));
        assertEquals(ErrorCode.UNKNOWN, ErrorCodes.of(new IOException("something new")));
        UvException u = new UvException(ErrorCode.EBADF, "x");
        assertSame(u, ErrorCodes.toUvException(u, "y", null));
        UvException t = ErrorCodes.toUvException(new NoSuchFileException("/x"), "uv_fs_stat", "/x");
        assertEquals(ErrorCode.ENOENT, t.code());
        assertEquals("uv_fs_stat", t.syscall());
    }
}
