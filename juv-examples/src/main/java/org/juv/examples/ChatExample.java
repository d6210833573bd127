package org.juv.examples;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.juv.core.ErrorCode;
import org.juv.core.Loop;
import org.juv.net.Inet;
import org.juv.net.Stream;
import org.juv.net.Tcp;

/**
 * A line-based TCP chat room: every line a client sends goes to all the other clients, as
 * {@code name: line}. A client that reads too slowly (more than {@code --max-queue} bytes wait
 * for it) is disconnected rather than buffered without bound, and so is one that sends a line
 * longer than {@code --max-line}.
 */
final class ChatExample extends ServerExample {
    @Override
    public String description() {
        return "TCP chat room (port 7002): each line goes to every other client";
    }

    @Override
    int defaultPort() {
        return 7002;
    }

    @Override
    Map<String, String> extraOptions() {
        return Map.of("max-queue", "1048576", "max-line", "4096");
    }

    @Override
    void check(Args line) throws UsageException {
        line.intIn("max-line", 1, 16 << 20);
    }

    @Override
    InetSocketAddress start(Loop loop, InetSocketAddress address, Map<String, String> options, PrintStream out) {
        Room room = new Room(Long.parseLong(options.get("max-queue")), Integer.parseInt(options.get("max-line")));
        Tcp server = new Tcp(loop);
        server.bind(address);
        server.listen(511, (s, status) -> {
            Tcp tcp = new Tcp(loop);
            s.accept(tcp);
            room.join(tcp);
        });
        InetSocketAddress bound = server.getsockname();
        out.println("chat server listening on " + Inet.hostPort(bound));
        out.flush();
        return bound;
    }

    /** The clients, and what goes between them. */
    private static final class Room {
        private final long maxQueue;
        private final int maxLine;
        private final List<Client> clients = new ArrayList<>();
        private int next = 1;

        Room(long maxQueue, int maxLine) {
            this.maxQueue = maxQueue;
            this.maxLine = maxLine;
        }

        void join(Tcp tcp) {
            Client c = new Client(this, tcp, "guest" + next++);
            clients.add(c);
            c.send(("* you are " + c.name + "\n").getBytes(UTF_8));
            broadcast(c, ("* " + c.name + " joined\n").getBytes(UTF_8));
            tcp.readStart(c);
        }

        void broadcast(Client from, byte[] line) {
            for (Client c : clients.toArray(new Client[0])) {
                if (c != from) {
                    c.send(line);
                }
            }
        }

        void leave(Client c, String why) {
            if (clients.remove(c)) {
                broadcast(c, ("* " + c.name + " left (" + why + ")\n").getBytes(UTF_8));
            }
        }
    }

    /** One client: splits its input into lines. */
    private static final class Client implements Stream.ReadCallback {
        private final Room room;
        private final Tcp tcp;
        final String name;
        private final byte[] line;
        private int length;

        Client(Room room, Tcp tcp, String name) {
            this.room = room;
            this.tcp = tcp;
            this.name = name;
            this.line = new byte[room.maxLine];
        }

        @Override
        public void onRead(Stream s, int nread, ErrorCode status, ByteBuffer buf) {
            if (status != ErrorCode.OK) {
                close(status == ErrorCode.EOF ? "quit" : status.name());
                return;
            }
            while (buf.hasRemaining()) {
                byte b = buf.get();
                if (b == '\n') {
                    int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
                    byte[] prefix = (name + ": ").getBytes(UTF_8);
                    byte[] msg = new byte[prefix.length + end + 1];
                    System.arraycopy(prefix, 0, msg, 0, prefix.length);
                    System.arraycopy(line, 0, msg, prefix.length, end);
                    msg[msg.length - 1] = '\n';
                    length = 0;
                    room.broadcast(this, msg);
                    if (tcp.isClosing()) {
                        return;
                    }
                } else if (length == line.length) {
                    close("line too long");
                    return;
                } else {
                    line[length++] = b;
                }
            }
        }

        /** Queues {@code msg}; disconnects a client that lets too much pile up. */
        void send(byte[] msg) {
            if (tcp.isClosing() || !tcp.isWritable()) {
                return;
            }
            if (tcp.writeQueueSize() + msg.length > room.maxQueue) {
                close("too slow");
                return;
            }
            tcp.write(ByteBuffer.wrap(msg), (w, st) -> {
                if (st != ErrorCode.OK) {
                    close(st.name());
                }
            });
        }

        void close(String why) {
            if (!tcp.isClosing()) {
                tcp.close(null);
                room.leave(this, why);
            }
        }
    }
}
