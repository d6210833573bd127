package org.juv.core;

/**
 * libuv's error codes: every {@code UV_E*} constant of {@code uv.h}, with libuv's name (without
 * the {@code UV_} prefix), its message ({@code uv_strerror}) and its numeric value on Linux
 * ({@code uv_err_name} / {@code code()}), plus {@link #OK} for success.
 *
 * <p>Port of {@code UV_ERRNO_MAP}. On Linux a code is the negated {@code errno}; the resolver
 * errors are {@code -3000..-3014}; {@link #EOF} is {@code -4095}; codes that Linux does not define
 * ({@link #ECHARSET}, {@link #EFTYPE}) keep libuv's fixed values. A JavaScript runtime maps these
 * to {@code err.code} without exceptions: {@code code.name()} is libuv's {@code uv_err_name}.
 *
 * <p>Asynchronous results arrive in callbacks as an {@code ErrorCode} ({@link #OK} on success);
 * synchronous failures throw {@link UvException}, which carries one.
 *
 * <p><b>Threading:</b> immutable, usable from any thread.
 */
public enum ErrorCode {
    /** Success; juv's stand-in for libuv's {@code 0}. */
    OK(0, "success"),
    /** {@code UV_E2BIG}: argument list too long. */
    E2BIG(-7, "argument list too long"),
    /** {@code UV_EACCES}: permission denied. */
    EACCES(-13, "permission denied"),
    /** {@code UV_EADDRINUSE}: address already in use. */
    EADDRINUSE(-98, "address already in use"),
    /** {@code UV_EADDRNOTAVAIL}: address not available. */
    EADDRNOTAVAIL(-99, "address not available"),
    /** {@code UV_EAFNOSUPPORT}: address family not supported. */
    EAFNOSUPPORT(-97, "address family not supported"),
    /** {@code UV_EAGAIN}: resource temporarily unavailable. */
    EAGAIN(-11, "resource temporarily unavailable"),
    /** {@code UV_EAI_ADDRFAMILY}: address family not supported. */
    EAI_ADDRFAMILY(-3000, "address family not supported"),
    /** {@code UV_EAI_AGAIN}: temporary failure. */
    EAI_AGAIN(-3001, "temporary failure"),
    /** {@code UV_EAI_BADFLAGS}: bad ai_flags value. */
    EAI_BADFLAGS(-3002, "bad ai_flags value"),
    /** {@code UV_EAI_BADHINTS}: invalid value for hints. */
    EAI_BADHINTS(-3013, "invalid value for hints"),
    /** {@code UV_EAI_CANCELED}: request canceled. */
    EAI_CANCELED(-3003, "request canceled"),
    /** {@code UV_EAI_FAIL}: permanent failure. */
    EAI_FAIL(-3004, "permanent failure"),
    /** {@code UV_EAI_FAMILY}: ai_family not supported. */
    EAI_FAMILY(-3005, "ai_family not supported"),
    /** {@code UV_EAI_MEMORY}: out of memory. */
    EAI_MEMORY(-3006, "out of memory"),
    /** {@code UV_EAI_NODATA}: no address. */
    EAI_NODATA(-3007, "no address"),
    /** {@code UV_EAI_NONAME}: unknown node or service. */
    EAI_NONAME(-3008, "unknown node or service"),
    /** {@code UV_EAI_OVERFLOW}: argument buffer overflow. */
    EAI_OVERFLOW(-3009, "argument buffer overflow"),
    /** {@code UV_EAI_PROTOCOL}: resolved protocol is unknown. */
    EAI_PROTOCOL(-3014, "resolved protocol is unknown"),
    /** {@code UV_EAI_SERVICE}: service not available for socket type. */
    EAI_SERVICE(-3010, "service not available for socket type"),
    /** {@code UV_EAI_SOCKTYPE}: socket type not supported. */
    EAI_SOCKTYPE(-3011, "socket type not supported"),
    /** {@code UV_EALREADY}: connection already in progress. */
    EALREADY(-114, "connection already in progress"),
    /** {@code UV_EBADF}: bad file descriptor. */
    EBADF(-9, "bad file descriptor"),
    /** {@code UV_EBUSY}: resource busy or locked. */
    EBUSY(-16, "resource busy or locked"),
    /** {@code UV_ECANCELED}: operation canceled. */
    ECANCELED(-125, "operation canceled"),
    /** {@code UV_ECHARSET}: invalid Unicode character. */
    ECHARSET(-4080, "invalid Unicode character"),
    /** {@code UV_ECONNABORTED}: software caused connection abort. */
    ECONNABORTED(-103, "software caused connection abort"),
    /** {@code UV_ECONNREFUSED}: connection refused. */
    ECONNREFUSED(-111, "connection refused"),
    /** {@code UV_ECONNRESET}: connection reset by peer. */
    ECONNRESET(-104, "connection reset by peer"),
    /** {@code UV_EDESTADDRREQ}: destination address required. */
    EDESTADDRREQ(-89, "destination address required"),
    /** {@code UV_EEXIST}: file already exists. */
    EEXIST(-17, "file already exists"),
    /** {@code UV_EFAULT}: bad address in system call argument. */
    EFAULT(-14, "bad address in system call argument"),
    /** {@code UV_EFBIG}: file too large. */
    EFBIG(-27, "file too large"),
    /** {@code UV_EHOSTUNREACH}: host is unreachable. */
    EHOSTUNREACH(-113, "host is unreachable"),
    /** {@code UV_EINTR}: interrupted system call. */
    EINTR(-4, "interrupted system call"),
    /** {@code UV_EINVAL}: invalid argument. */
    EINVAL(-22, "invalid argument"),
    /** {@code UV_EIO}: i/o error. */
    EIO(-5, "i/o error"),
    /** {@code UV_EISCONN}: socket is already connected. */
    EISCONN(-106, "socket is already connected"),
    /** {@code UV_EISDIR}: illegal operation on a directory. */
    EISDIR(-21, "illegal operation on a directory"),
    /** {@code UV_ELOOP}: too many symbolic links encountered. */
    ELOOP(-40, "too many symbolic links encountered"),
    /** {@code UV_EMFILE}: too many open files. */
    EMFILE(-24, "too many open files"),
    /** {@code UV_EMSGSIZE}: message too long. */
    EMSGSIZE(-90, "message too long"),
    /** {@code UV_ENAMETOOLONG}: name too long. */
    ENAMETOOLONG(-36, "name too long"),
    /** {@code UV_ENETDOWN}: network is down. */
    ENETDOWN(-100, "network is down"),
    /** {@code UV_ENETUNREACH}: network is unreachable. */
    ENETUNREACH(-101, "network is unreachable"),
    /** {@code UV_ENFILE}: file table overflow. */
    ENFILE(-23, "file table overflow"),
    /** {@code UV_ENOBUFS}: no buffer space available. */
    ENOBUFS(-105, "no buffer space available"),
    /** {@code UV_ENODEV}: no such device. */
    ENODEV(-19, "no such device"),
    /** {@code UV_ENOENT}: no such file or directory. */
    ENOENT(-2, "no such file or directory"),
    /** {@code UV_ENOMEM}: not enough memory. */
    ENOMEM(-12, "not enough memory"),
    /** {@code UV_ENONET}: machine is not on the network. */
    ENONET(-64, "machine is not on the network"),
    /** {@code UV_ENOPROTOOPT}: protocol not available. */
    ENOPROTOOPT(-92, "protocol not available"),
    /** {@code UV_ENOSPC}: no space left on device. */
    ENOSPC(-28, "no space left on device"),
    /** {@code UV_ENOSYS}: function not implemented. */
    ENOSYS(-38, "function not implemented"),
    /** {@code UV_ENOTCONN}: socket is not connected. */
    ENOTCONN(-107, "socket is not connected"),
    /** {@code UV_ENOTDIR}: not a directory. */
    ENOTDIR(-20, "not a directory"),
    /** {@code UV_ENOTEMPTY}: directory not empty. */
    ENOTEMPTY(-39, "directory not empty"),
    /** {@code UV_ENOTSOCK}: socket operation on non-socket. */
    ENOTSOCK(-88, "socket operation on non-socket"),
    /** {@code UV_ENOTSUP}: operation not supported on socket. */
    ENOTSUP(-95, "operation not supported on socket"),
    /** {@code UV_EOVERFLOW}: value too large for defined data type. */
    EOVERFLOW(-75, "value too large for defined data type"),
    /** {@code UV_EPERM}: operation not permitted. */
    EPERM(-1, "operation not permitted"),
    /** {@code UV_EPIPE}: broken pipe. */
    EPIPE(-32, "broken pipe"),
    /** {@code UV_EPROTO}: protocol error. */
    EPROTO(-71, "protocol error"),
    /** {@code UV_EPROTONOSUPPORT}: protocol not supported. */
    EPROTONOSUPPORT(-93, "protocol not supported"),
    /** {@code UV_EPROTOTYPE}: protocol wrong type for socket. */
    EPROTOTYPE(-91, "protocol wrong type for socket"),
    /** {@code UV_ERANGE}: result too large. */
    ERANGE(-34, "result too large"),
    /** {@code UV_EROFS}: read-only file system. */
    EROFS(-30, "read-only file system"),
    /** {@code UV_ESHUTDOWN}: cannot send after transport endpoint shutdown. */
    ESHUTDOWN(-108, "cannot send after transport endpoint shutdown"),
    /** {@code UV_ESPIPE}: invalid seek. */
    ESPIPE(-29, "invalid seek"),
    /** {@code UV_ESRCH}: no such process. */
    ESRCH(-3, "no such process"),
    /** {@code UV_ETIMEDOUT}: connection timed out. */
    ETIMEDOUT(-110, "connection timed out"),
    /** {@code UV_ETXTBSY}: text file is busy. */
    ETXTBSY(-26, "text file is busy"),
    /** {@code UV_EXDEV}: cross-device link not permitted. */
    EXDEV(-18, "cross-device link not permitted"),
    /** {@code UV_UNKNOWN}: unknown error. */
    UNKNOWN(-4094, "unknown error"),
    /** {@code UV_EOF}: end of file. */
    EOF(-4095, "end of file"),
    /** {@code UV_ENXIO}: no such device or address. */
    ENXIO(-6, "no such device or address"),
    /** {@code UV_EMLINK}: too many links. */
    EMLINK(-31, "too many links"),
    /** {@code UV_EHOSTDOWN}: host is down. */
    EHOSTDOWN(-112, "host is down"),
    /** {@code UV_EREMOTEIO}: remote I/O error. */
    EREMOTEIO(-121, "remote I/O error"),
    /** {@code UV_ENOTTY}: inappropriate ioctl for device. */
    ENOTTY(-25, "inappropriate ioctl for device"),
    /** {@code UV_EFTYPE}: inappropriate file type or format. */
    EFTYPE(-4028, "inappropriate file type or format"),
    /** {@code UV_EILSEQ}: illegal byte sequence. */
    EILSEQ(-84, "illegal byte sequence"),
    /** {@code UV_ESOCKTNOSUPPORT}: socket type not supported. */
    ESOCKTNOSUPPORT(-94, "socket type not supported"),
    /** {@code UV_ENODATA}: no data available. */
    ENODATA(-61, "no data available"),
    /** {@code UV_EUNATCH}: protocol driver not attached. */
    EUNATCH(-49, "protocol driver not attached"),
    /** {@code UV_ENOEXEC}: exec format error. */
    ENOEXEC(-8, "exec format error");

    private static final ErrorCode[] BY_ERRNO = new ErrorCode[256];
    private static final ErrorCode[] BY_EAI = new ErrorCode[16];

    static {
        for (ErrorCode c : values()) {
            int v = -c.code;
            if (v > 0 && v < BY_ERRNO.length) {
                BY_ERRNO[v] = c;
            } else if (v >= 3000 && v < 3000 + BY_EAI.length) {
                BY_EAI[v - 3000] = c;
            }
        }
    }

    private final int code;
    private final String message;

    ErrorCode(int code, String message) {
        this.code = code;
        this.message = message;
    }

    /**
     * Returns libuv's numeric value of this code on Linux: a negated errno, {@code -3000..-3014}
     * for resolver errors, {@code -4095} for {@link #EOF}, {@code 0} for {@link #OK}.
     *
     * @return the numeric code
     */
    public int code() {
        return code;
    }

    /**
     * Returns libuv's message for this code, as {@code uv_strerror} gives it.
     *
     * @return the message, e.g. {@code "no such file or directory"}
     */
    public String message() {
        return message;
    }

    /**
     * Tells whether this code is a failure, that is anything but {@link #OK}.
     *
     * @return {@code true} for every code except {@link #OK}
     */
    public boolean isError() {
        return this != OK;
    }

    /**
     * Returns the code with libuv's numeric value {@code code}; the inverse of {@link #code()}.
     * Like {@code uv_err_name} on an unknown value, an unmapped number gives {@link #UNKNOWN}.
     *
     * @param code a libuv error number, e.g. {@code -2}
     * @return the matching code, {@link #OK} for 0, {@link #UNKNOWN} if no code has that value
     */
    public static ErrorCode of(int code) {
        if (code == 0) {
            return OK;
        }
        int v = -code;
        ErrorCode c = null;
        if (v > 0 && v < BY_ERRNO.length) {
            c = BY_ERRNO[v];
        } else if (v >= 3000 && v < 3000 + BY_EAI.length) {
            c = BY_EAI[v - 3000];
        } else if (code == EOF.code) {
            c = EOF;
        } else if (code == ECHARSET.code) {
            c = ECHARSET;
        } else if (code == EFTYPE.code) {
            c = EFTYPE;
        }
        return c != null ? c : UNKNOWN;
    }
}
