package org.juv.core;

import java.util.Objects;

/**
 * A synchronous failure of a libuv operation, carrying libuv's {@link ErrorCode} and the
 * context it happened in (the libuv call, and a path or address where there is one).
 *
 * <p>Where a libuv function returns a negative code, the juv method throws this exception. A
 * method that takes a callback either throws or later calls the callback, never both (libuv's
 * errors.rst). Asynchronous failures never throw: they arrive in the callback as a status.
 *
 * <p>The message reads like libuv's: {@code "EBUSY: resource busy or locked, uv_loop_close"}.
 *
 * <p><b>Threading:</b> immutable once thrown.
 */
public final class UvException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The libuv error code. */
    private final ErrorCode code;
    /** The libuv call that failed, e.g. {@code "uv_cancel"}. */
    private final String syscall;
    /** The path or address involved, or {@code null}. */
    private final String subject;

    /**
     * Creates an exception for {@code code} raised by {@code syscall}.
     *
     * @param code    the libuv error code, not {@link ErrorCode#OK}
     * @param syscall the libuv call that failed, e.g. {@code "uv_loop_close"}
     */
    public UvException(ErrorCode code, String syscall) {
        this(code, syscall, null, null);
    }

    /**
     * Creates an exception for {@code code} raised by {@code syscall} on {@code subject}.
     *
     * @param code    the libuv error code, not {@link ErrorCode#OK}
     * @param syscall the libuv call that failed
     * @param subject the path or address involved, or {@code null}
     * @param cause   the Java exception that was translated, or {@code null}
     */
    public UvException(ErrorCode code, String syscall, String subject, Throwable cause) {
        super(format(code, syscall, subject), cause);
        if (code == ErrorCode.OK) {
            throw new IllegalArgumentException("UvException needs an error code, not OK");
        }
        this.code = code;
        this.syscall = syscall;
        this.subject = subject;
    }

    private static String format(ErrorCode code, String syscall, String subject) {
        Objects.requireNonNull(code, "code");
        StringBuilder sb = new StringBuilder(code.name()).append(": ").append(code.message());
        if (syscall != null) {
            sb.append(", ").append(syscall);
        }
        if (subject != null) {
            sb.append(" '").append(subject).append('\'');
        }
        return sb.toString();
    }

    /**
     * Returns the libuv error code.
     *
     * @return the code, never {@link ErrorCode#OK}
     */
    public ErrorCode code() {
        return code;
    }

    /**
     * Returns the libuv call that failed.
     *
     * @return the call name, e.g. {@code "uv_cancel"}, or {@code null}
     */
    public String syscall() {
        return syscall;
    }

    /**
     * Returns the path or address the failure is about.
     *
     * @return the subject, or {@code null} if there is none
     */
    public String subject() {
        return subject;
    }
}
