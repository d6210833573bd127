package org.juv.core;

/**
 * The kinds of request, with libuv's names. Port of {@code uv_req_type}; {@link #typeName()} is
 * {@code uv_req_type_name}.
 *
 * <p><b>Threading:</b> immutable.
 */
public enum RequestType {
    /** {@code UV_REQ}: the abstract base type. */
    REQ("req"),
    /** {@code UV_CONNECT}: a stream connect. */
    CONNECT("connect"),
    /** {@code UV_WRITE}: a stream write. */
    WRITE("write"),
    /** {@code UV_SHUTDOWN}: a stream shutdown. */
    SHUTDOWN("shutdown"),
    /** {@code UV_UDP_SEND}: a datagram send. */
    UDP_SEND("udp_send"),
    /** {@code UV_FS}: a file system operation. */
    FS("fs"),
    /** {@code UV_WORK}: work on the thread pool. */
    WORK("work"),
    /** {@code UV_GETADDRINFO}: a name lookup. */
    GETADDRINFO("getaddrinfo"),
    /** {@code UV_GETNAMEINFO}: a reverse lookup. */
    GETNAMEINFO("getnameinfo"),
    /** {@code UV_RANDOM}: random bytes from the pool. */
    RANDOM("random");

    private final String typeName;

    RequestType(String typeName) {
        this.typeName = typeName;
    }

    /**
     * Returns libuv's name of this type, as {@code uv_req_type_name} gives it.
     *
     * @return e.g. {@code "work"}, {@code "udp_send"}
     */
    public String typeName() {
        return typeName;
    }
}
