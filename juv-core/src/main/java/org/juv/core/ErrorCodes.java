package org.juv.core;

import java.io.FileNotFoundException;
import java.io.InterruptedIOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.AlreadyBoundException;
import java.nio.channels.AlreadyConnectedException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.ConnectionPendingException;
import java.nio.channels.NoConnectionPendingException;
import java.nio.channels.NotYetBoundException;
import java.nio.channels.NotYetConnectedException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.channels.UnsupportedAddressTypeException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * The one place where Java exceptions become libuv {@link ErrorCode}s; the JVM's equivalent of
 * libuv's {@code uv_translate_sys_error}.
 *
 * <p>Java exceptions do not carry {@code errno}. This class maps exception types first, then
 * the operating system's message text: the JDK passes the C library's {@code strerror} through
 * ({@code "Connection reset by peer"}), in the process's language ({@code LC_MESSAGES}:
 * {@code "Die Adresse wird bereits verwendet"} under German). So the message tables are the C
 * library's own, in the process's language, learnt once from {@code strerror} itself through
 * {@link #learnSystemMessages} (juv-net and juv-fs call it through JNA, as they load), with
 * glibc's English texts as the fallback. Then {@link ErrorCode#UNKNOWN}, never a guess. Other
 * juv modules call it; no other class picks a code from an exception.
 *
 * <p><b>Threading:</b> stateless, usable from any thread.
 */
public final class ErrorCodes {
    /** The C library's messages in the process's language, longest first; empty until learnt. */
    private static volatile String[][] systemMessages = new String[0][];

    private ErrorCodes() {
    }

    /**
     * Learns the C library's error messages in the process's language, so that codes do not
     * depend on it: calls {@code strerror} for the {@code errno} of every {@link ErrorCode} that
     * has one. Idempotent; any thread. A module that can call the C library calls this once.
     *
     * @param strerror the C library's {@code strerror}: the message for an {@code errno} number,
     *                 decoded as the JDK decodes the messages it passes on
     */
    public static synchronized void learnSystemMessages(IntFunction<String> strerror) {
        if (systemMessages.length > 0) {
            return;
        }
        List<String[]> rows = new ArrayList<>();
        for (ErrorCode c : ErrorCode.values()) {
            int errno = -c.code();
            if (errno <= 0 || errno > 200) {
                continue; // OK, and libuv's own codes (EOF, EAI_*, UNKNOWN): no errno
            }
            String text = strerror.apply(errno);
            if (text != null && !text.isBlank() && !text.startsWith("Unknown error")) {
                rows.add(new String[] {text.toLowerCase(Locale.ROOT), c.name()});
            }
        }
        rows.sort(Comparator.comparingInt((String[] r) -> r[0].length()).reversed()); // most specific first
        systemMessages = rows.toArray(new String[0][]);
    }

    /**
     * Translates {@code error} to libuv's code.
     *
     * @param error the exception thrown by a JDK call
     * @return the matching code; {@link ErrorCode#UNKNOWN} if none matches
     */
    public static ErrorCode of(Throwable error) {
        if (error instanceof UvException) {
            return ((UvException) error).code();
        }
        ErrorCode byType = byType(error);
        if (byType != null) {
            return byType;
        }
        ErrorCode byMessage = byMessage(error.getMessage());
        if (byMessage != null) {
            return byMessage;
        }
        if (error instanceof FileSystemException) {
            // NOTE: FileSystemException puts the path first; the OS text is in getReason().
            byMessage = byMessage(((FileSystemException) error).getReason());
            if (byMessage != null) {
                return byMessage;
            }
        }
        return ErrorCode.UNKNOWN;
    }

    /**
     * Translates a system error number to libuv's code: {@code errno} (positive) or a negated one,
     * as the kernel returns it. Port of {@code uv_translate_sys_error} on Unix.
     *
     * @param sysErrno e.g. {@code 32} ({@code EPIPE}) or {@code -22} ({@code -EINVAL})
     * @return the matching code, {@link ErrorCode#OK} for 0, {@link ErrorCode#UNKNOWN} if none
     */
    public static ErrorCode translateSysError(int sysErrno) {
        return ErrorCode.of(sysErrno <= 0 ? sysErrno : -sysErrno);
    }

    /**
     * Translates {@code error} and wraps it in a {@link UvException} for a synchronous failure.
     *
     * @param error   the exception thrown by a JDK call
     * @param syscall the libuv call being performed, e.g. {@code "uv_tcp_bind"}
     * @param subject the path or address involved, or {@code null}
     * @return the exception to throw
     */
    public static UvException toUvException(Throwable error, String syscall, String subject) {
        if (error instanceof UvException) {
            return (UvException) error;
        }
        return new UvException(of(error), syscall, subject, error);
    }

    private static ErrorCode byType(Throwable e) {
        // File system.
        if (e instanceof NoSuchFileException || e instanceof FileNotFoundException
                && messageContains(e, "no such file")) {
            return ErrorCode.ENOENT;
        }
        if (e instanceof FileAlreadyExistsException) {
            return ErrorCode.EEXIST;
        }
        if (e instanceof AccessDeniedException) {
            return ErrorCode.EACCES;
        }
        if (e instanceof DirectoryNotEmptyException) {
            return ErrorCode.ENOTEMPTY;
        }
        if (e instanceof NotDirectoryException) {
            return ErrorCode.ENOTDIR;
        }
        if (e instanceof FileSystemLoopException) {
            return ErrorCode.ELOOP;
        }
        if (e instanceof NotLinkException) {
            return ErrorCode.EINVAL;
        }
        if (e instanceof NonReadableChannelException || e instanceof NonWritableChannelException) {
            // Reading what was opened write-only, or the reverse: read(2) and write(2) say EBADF.
            return ErrorCode.EBADF;
        }
        if (e instanceof InvalidPathException) {
            // A path no file can have, such as one with a NUL byte (where a C string would end;
            // Node refuses it too, with ERR_INVALID_ARG_VALUE).
            return ErrorCode.EINVAL;
        }
        // Sockets: the exception type alone is precise for these.
        if (e instanceof NoRouteToHostException) {
            return ErrorCode.EHOSTUNREACH;
        }
        if (e instanceof PortUnreachableException) {
            return ErrorCode.ECONNREFUSED;
        }
        if (e instanceof SocketTimeoutException) {
            return ErrorCode.ETIMEDOUT;
        }
        if (e instanceof UnknownHostException || e instanceof UnresolvedAddressException) {
            return ErrorCode.EAI_NONAME;
        }
        if (e instanceof AlreadyBoundException) {
            return ErrorCode.EINVAL;
        }
        if (e instanceof AlreadyConnectedException) {
            return ErrorCode.EISCONN;
        }
        if (e instanceof NotYetConnectedException) {
            return ErrorCode.ENOTCONN;
        }
        if (e instanceof NotYetBoundException) {
            return ErrorCode.EINVAL;
        }
        if (e instanceof ConnectionPendingException) {
            return ErrorCode.EALREADY;
        }
        if (e instanceof NoConnectionPendingException) {
            return ErrorCode.ENOTCONN;
        }
        if (e instanceof UnsupportedAddressTypeException) {
            return ErrorCode.EAFNOSUPPORT;
        }
        if (e instanceof AsynchronousCloseException || e instanceof ClosedChannelException) {
            return ErrorCode.ECANCELED;
        }
        if (e instanceof InterruptedIOException) {
            return ErrorCode.EINTR;
        }
        // BindException and ConnectException carry the OS text: let the message decide.
        if (e instanceof BindException && e.getMessage() == null) {
            return ErrorCode.EADDRINUSE;
        }
        if (e instanceof ConnectException && e.getMessage() == null) {
            return ErrorCode.ECONNREFUSED;
        }
        if (e instanceof OutOfMemoryError) {
            return ErrorCode.ENOMEM;
        }
        return null;
    }

    private static boolean messageContains(Throwable e, String text) {
        String m = e.getMessage();
        return m != null && m.toLowerCase(Locale.ROOT).contains(text);
    }

    /** Maps the strerror text that the JDK passes through: the learnt table, then English. */
    private static ErrorCode byMessage(String message) {
        if (message == null) {
            return null;
        }
        String m = message.toLowerCase(Locale.ROOT);
        for (String[] row : systemMessages) {
            if (m.contains(row[0])) {
                return ErrorCode.valueOf(row[1]);
            }
        }
        for (String[] row : MESSAGES) {
            if (m.contains(row[0])) {
                return ErrorCode.valueOf(row[1]);
            }
        }
        return null;
    }

    /** glibc's strerror texts (lower case) and libuv's code for each, most specific first. */
    private static final String[][] MESSAGES = {
        {"address already in use", "EADDRINUSE"},
        {"cannot assign requested address", "EADDRNOTAVAIL"},
        {"connection refused", "ECONNREFUSED"},
        {"connection reset", "ECONNRESET"},
        {"broken pipe", "EPIPE"},
        {"network is unreachable", "ENETUNREACH"},
        {"no route to host", "EHOSTUNREACH"},
        {"host is down", "EHOSTDOWN"},
        {"connection timed out", "ETIMEDOUT"},
        {"software caused connection abort", "ECONNABORTED"},
        {"connection aborted", "ECONNABORTED"},
        {"transport endpoint is not connected", "ENOTCONN"},
        {"socket is not connected", "ENOTCONN"},
        {"transport endpoint is already connected", "EISCONN"},
        {"message too long", "EMSGSIZE"},
        {"protocol not available", "ENOPROTOOPT"},
        {"protocol not supported", "EPROTONOSUPPORT"},
        {"address family not supported", "EAFNOSUPPORT"},
        {"operation not supported", "ENOTSUP"},
        {"too many open files in system", "ENFILE"},
        {"too many open files", "EMFILE"},
        {"file name too long", "ENAMETOOLONG"},
        {"no such file or directory", "ENOENT"},
        {"file exists", "EEXIST"},
        {"not a directory", "ENOTDIR"},
        {"is a directory", "EISDIR"},
        {"directory not empty", "ENOTEMPTY"},
        {"too many levels of symbolic links", "ELOOP"},
        {"permission denied", "EACCES"},
        {"operation not permitted", "EPERM"},
        {"no space left on device", "ENOSPC"},
        {"read-only file system", "EROFS"},
        {"invalid cross-device link", "EXDEV"},
        {"text file busy", "ETXTBSY"},
        {"file too large", "EFBIG"},
        {"bad file descriptor", "EBADF"},
        {"device or resource busy", "EBUSY"},
        {"resource temporarily unavailable", "EAGAIN"},
        {"no buffer space available", "ENOBUFS"},
        {"cannot allocate memory", "ENOMEM"},
        {"invalid argument", "EINVAL"},
        {"illegal seek", "ESPIPE"},
        {"input/output error", "EIO"},
        {"no such device or address", "ENXIO"},
        {"no such device", "ENODEV"},
        {"too many links", "EMLINK"},
        {"interrupted system call", "EINTR"},
        {"function not implemented", "ENOSYS"},
        {"protocol error", "EPROTO"},
    };
}
