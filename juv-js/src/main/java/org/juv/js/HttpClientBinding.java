package org.juv.js;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.juv.core.ErrorCode;
import org.juv.core.Loop;
import org.juv.http.HttpClientConnection;

/**
 * What the client half of {@code lib/http.js} calls: juv-http's {@link HttpClientConnection}, one
 * per pooled socket, known to JS by the handle id it registered. Events go back as
 * {@code dispatch(HANDLE, id, event, ...)}:
 * <ul>
 * <li>{@code "connect"}; {@code "close", reason} (0, or the libuv code that closed it);
 * <li>{@code "response", status, reason, versionMinor, rawHeaders, keepAlive};
 * {@code "info", status, reason, rawHeaders} for a 1xx; {@code "body", bytes}; {@code "end"};
 * {@code "error", code, message};
 * <li>{@code "written", status} for each write and the end, in order.
 * </ul>
 *
 * <p><b>Threading:</b> loop thread only.
 */
public final class HttpClientBinding {
    private final Loop loop;
    private final NodeHost host;
    private final Map<Integer, HttpClientConnection> connections = new HashMap<>();

    HttpClientBinding(Loop loop, NodeHost host) {
        this.loop = loop;
        this.host = host;
    }

    /**
     * Opens a connection: {@code "connect"} or {@code "error"} then {@code "close"} follow.
     *
     * @param id   the connection's handle id
     * @param ip   a numeric address
     * @param port the port
     * @return 0 or an error
     */
    public int connect(int id, String ip, int port) {
        InetSocketAddress address;
        try {
            address = new InetSocketAddress(InetAddress.getByName(ip), port);
        } catch (UnknownHostException e) {
            return ErrorCode.EINVAL.code();
        }
        HttpClientConnection c = HttpClientConnection.connect(loop, address, new HttpClientConnection.Listener() {
            @Override
            public void onConnect(HttpClientConnection connection) {
                host.dispatch(NodeHost.HANDLE, id, "connect");
            }

            @Override
            public void onClose(HttpClientConnection connection, ErrorCode reason) {
                connections.remove(id);
                host.dispatch(NodeHost.HANDLE, id, "close", reason.code());
            }
        });
        connections.put(id, c);
        return 0;
    }

    /**
     * Sends a request head; the response's events follow.
     *
     * @param id   the connection's handle id
     * @param head the head, ISO-8859-1 text ending with an empty line
     */
    public void request(int id, String head) {
        HttpClientConnection c = connections.get(id);
        c.request(ByteBuffer.wrap(head.getBytes(ISO_8859_1)), new HttpClientConnection.ResponseHandler() {
            @Override
            public void onInformational(HttpClientConnection connection, int status, String reason, List<String> rawHeaders) {
                host.dispatch(NodeHost.HANDLE, id, "info", status, reason, rawHeaders.toArray(new String[0]));
            }

            @Override
            public void onResponse(HttpClientConnection connection, int status, String reason, int versionMinor,
                    List<String> rawHeaders, boolean keepAlive) {
                host.dispatch(NodeHost.HANDLE, id, "response", status, reason, versionMinor,
                        rawHeaders.toArray(new String[0]), keepAlive);
            }

            @Override
            public void onBody(HttpClientConnection connection, ByteBuffer data) {
                host.dispatch(NodeHost.HANDLE, id, "body", host.engine().toBuffer(ByteBuffer.allocateDirect(data.remaining()).put(data).flip()));
            }

            @Override
            public void onEnd(HttpClientConnection connection) {
                host.dispatch(NodeHost.HANDLE, id, "end");
            }

            @Override
            public void onError(HttpClientConnection connection, HttpClientConnection.Failure failure) {
                host.dispatch(NodeHost.HANDLE, id, "error", failure.code().code(),
                        failure.parseError() == null ? null : failure.parseError().code(),
                        failure.parseError() == null ? null : failure.parseError().reason());
            }
        });
    }

    /**
     * Writes a piece of the request's body (framed as its head says): {@code "written", status}
     * follows.
     *
     * @param id   the connection's handle id
     * @param data a string (UTF-8) or a {@code Uint8Array}
     * @return 0, or {@code EPIPE} if the connection is gone (then no event follows)
     */
    public int write(int id, Object data) {
        HttpClientConnection c = connections.get(id);
        if (c == null) {
            return ErrorCode.EPIPE.code();
        }
        c.write(host.bytesOf(data), (conn, status) -> host.dispatch(NodeHost.HANDLE, id, "written", status.code()));
        return 0;
    }

    /**
     * Ends the request: {@code "written", status} follows once it is all written.
     *
     * @param id the connection's handle id
     * @return 0, or {@code EPIPE} if the connection is gone (then no event follows)
     */
    public int end(int id) {
        HttpClientConnection c = connections.get(id);
        if (c == null) {
            return ErrorCode.EPIPE.code();
        }
        c.end((conn, status) -> host.dispatch(NodeHost.HANDLE, id, "written", status.code()));
        return 0;
    }

    /**
     * Returns the bytes accepted and not yet written.
     *
     * @param id the connection's handle id
     * @return the count
     */
    public double writeQueueSize(int id) {
        HttpClientConnection c = connections.get(id);
        return c == null ? 0 : c.writeQueueSize();
    }

    /**
     * Stops or restarts reading the response.
     *
     * @param id     the connection's handle id
     * @param paused whether to stop
     */
    public void pause(int id, boolean paused) {
        HttpClientConnection c = connections.get(id);
        if (c != null && c.isOpen()) {
            if (paused) {
                c.pause();
            } else {
                c.resume();
            }
        }
    }

    /**
     * Makes a connection keep the loop alive, or not (a pooled, idle one does not).
     *
     * @param id  the connection's handle id
     * @param ref whether it keeps the loop alive
     */
    public void ref(int id, boolean ref) {
        HttpClientConnection c = connections.get(id);
        if (c != null && c.isOpen()) {
            if (ref) {
                c.tcp().ref();
            } else {
                c.tcp().unref();
            }
        }
    }

    /**
     * Returns the connection's local and remote addresses.
     *
     * @param id the connection's handle id
     * @return {@code [localAddress, localFamily, localPort, remoteAddress, remoteFamily, remotePort]}, or {@code null}
     */
    public Object[] addresses(int id) {
        HttpClientConnection c = connections.get(id);
        if (c == null || !c.isOpen() || c.isConnecting()) {
            return null;
        }
        Object[] local = NetBinding.describe(c.tcp().getsockname());
        Object[] remote = NetBinding.describe(c.tcp().getpeername());
        return local == null || remote == null ? null : new Object[] {local[0], local[1], local[2], remote[0], remote[1], remote[2]};
    }

    /**
     * Closes a connection: {@code "close"} follows (after {@code "error"} for an exchange in
     * progress).
     *
     * @param id the connection's handle id
     */
    public void close(int id) {
        HttpClientConnection c = connections.get(id);
        if (c != null && c.isOpen()) {
            c.close();
        }
    }

    void closeAll() {
        for (HttpClientConnection c : connections.values()) {
            if (c.isOpen()) {
                c.close();
            }
        }
        connections.clear();
    }
}
