package org.juv.core;

/**
 * The kinds of handle, with libuv's names. Port of {@code uv_handle_type}; {@link #typeName()}
 * is {@code uv_handle_type_name}.
 *
 * <p>All of libuv's types are listed so that the names line up with libuv's, including the ones
 * juv does not implement yet (see the README's feature table).
 *
 * <p><b>Threading:</b> immutable.
 */
public enum HandleType {
    /** {@code UV_ASYNC}: {@link Async}. */
    ASYNC("async"),
    /** {@code UV_CHECK}: {@link Check}. */
    CHECK("check"),
    /** {@code UV_FS_EVENT}: a file system watcher. */
    FS_EVENT("fs_event"),
    /** {@code UV_FS_POLL}: a stat-polling file watcher. */
    FS_POLL("fs_poll"),
    /** {@code UV_HANDLE}: the abstract base type. */
    HANDLE("handle"),
    /** {@code UV_IDLE}: {@link Idle}. */
    IDLE("idle"),
    /** {@code UV_NAMED_PIPE}: a Unix-domain socket stream. */
    NAMED_PIPE("pipe"),
    /** {@code UV_POLL}: a readiness watcher on an arbitrary descriptor. */
    POLL("poll"),
    /** {@code UV_PREPARE}: {@link Prepare}. */
    PREPARE("prepare"),
    /** {@code UV_PROCESS}: a child process. */
    PROCESS("process"),
    /** {@code UV_STREAM}: the abstract stream type. */
    STREAM("stream"),
    /** {@code UV_TCP}: a TCP socket. */
    TCP("tcp"),
    /** {@code UV_TIMER}: {@link Timer}. */
    TIMER("timer"),
    /** {@code UV_TTY}: a terminal. */
    TTY("tty"),
    /** {@code UV_UDP}: a UDP socket. */
    UDP("udp"),
    /** {@code UV_SIGNAL}: a signal watcher. */
    SIGNAL("signal"),
    /** {@code UV_FILE}: the file pseudo-type. */
    FILE("file"),
    /**
     * {@code UV_UNKNOWN_HANDLE}: what {@code uv_guess_handle} answers for a descriptor it cannot
     * place; no handle has it, and, as in libuv, it has no name. (libuv numbers it 0; here it
     * comes last, so that the others keep their places.)
     */
    UNKNOWN_HANDLE(null);

    private final String typeName;

    HandleType(String typeName) {
        this.typeName = typeName;
    }

    /**
     * Returns libuv's name of this type, as {@code uv_handle_type_name} gives it.
     *
     * @return e.g. {@code "timer"}, {@code "pipe"}; {@code null} for {@link #UNKNOWN_HANDLE}
     */
    public String typeName() {
        return typeName;
    }
}
