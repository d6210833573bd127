package org.juv.bench;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.juv.bench.LibuvBenchmarks.check;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The workloads of {@link LibuvBenchmarks} that Netty 4.2 has the concepts for (timers, TCP
 * ping-pong and pump, UDP ping, the HTTP hello server, idle connections), written the way a
 * Netty user writes them, with juv's output lines, so {@code compare.sh} can put Netty next to
 * juv. One event loop thread per side, as juv's runners have one loop per side; the transport is
 * NIO or epoll ({@code --transport}). Loopback and ephemeral ports only.
 *
 * <pre>
 * java -jar juv-bench.jar netty WORKLOAD... [--transport nio|epoll] [--warmup N] [--runs N] [--smoke]
 * java -jar juv-bench.jar netty hello --port P [--loops N]  serves until killed, on N event loops (default 1)
 * java -jar juv-bench.jar netty conns --count N             prints its port, then "accepted N"
 * java -jar juv-bench.jar netty --version                   the Netty version in the jar
 * </pre>
 */
final class NettyBenchmarks {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final byte[] PING = "PING\n".getBytes(US_ASCII);
    private static final long TIMEOUT_S = 120;

    static final Map<String, LibuvBenchmarks.Workload> WORKLOADS = new LinkedHashMap<>();

    static {
        WORKLOADS.put("million_timers", NettyBenchmarks::millionTimers);
        WORKLOADS.put("ping_pongs", NettyBenchmarks::pingPongs);
        WORKLOADS.put("ping_udp1", NettyBenchmarks::pingUdp);
        for (int n : new int[] {1, 100}) {
            WORKLOADS.put("tcp_pump" + n + "_client", (c, out) -> pump(c, out, n));
        }
        WORKLOADS.put("hello", NettyBenchmarks::hello);
        WORKLOADS.put("conns", NettyBenchmarks::conns);
    }

    private NettyBenchmarks() {
    }

    /**
     * Runs Netty's side of the named workloads.
     *
     * @param args as {@link LibuvBenchmarks#run}, plus {@code --transport nio|epoll}; or
     *             {@code --version} alone
     * @param out  where result lines go
     * @param err  where usage goes
     * @return the exit code: 0, 2 for bad arguments, 3 if the epoll transport is unavailable
     * @throws Exception if a workload fails
     */
    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        if (args.length == 1 && args[0].equals("--version")) {
            io.netty.util.Version v = io.netty.util.Version.identify().get("netty-transport");
            out.println(v == null ? "unknown" : v.artifactVersion());
            return 0;
        }
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--transport") && args[i + 1].equals("epoll") && !Epoll.isAvailable()) {
                err.println("netty: the epoll transport is unavailable here: " + Epoll.unavailabilityCause());
                return 3;
            }
        }
        return LibuvBenchmarks.run(args, out, err, WORKLOADS, "netty ");
    }

    /** NIO or epoll: the event loop's I/O handler and the channel classes that go with it. */
    private static final class Transport {
        final IoHandlerFactory io;
        final Class<? extends ServerChannel> server;
        final Class<? extends SocketChannel> socket;
        final Class<? extends DatagramChannel> datagram;

        private Transport(IoHandlerFactory io, Class<? extends ServerChannel> server,
                Class<? extends SocketChannel> socket, Class<? extends DatagramChannel> datagram) {
            this.io = io;
            this.server = server;
            this.socket = socket;
            this.datagram = datagram;
        }

        static Transport of(LibuvBenchmarks.Config c) {
            switch (c.transport) {
                case "nio":
                    return new Transport(NioIoHandler.newFactory(), NioServerSocketChannel.class,
                            NioSocketChannel.class, NioDatagramChannel.class);
                case "epoll":
                    return new Transport(EpollIoHandler.newFactory(), EpollServerSocketChannel.class,
                            EpollSocketChannel.class, EpollDatagramChannel.class);
                default:
                    throw new IllegalArgumentException("--transport nio|epoll, not " + c.transport);
            }
        }

        /** A group of one event loop thread. */
        EventLoopGroup group() {
            return new MultiThreadIoEventLoopGroup(1, io);
        }

        /** A group of {@code threads} event loop threads named {@code name-P-N}. */
        EventLoopGroup group(int threads, String name) {
            return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name), io);
        }
    }

    private static void shutdown(EventLoopGroup... groups) {
        for (EventLoopGroup g : groups) {
            g.shutdownGracefully(0, 5, TimeUnit.SECONDS);
        }
        for (EventLoopGroup g : groups) {
            g.terminationFuture().syncUninterruptibly();
        }
    }

    private static <T> T await(CompletableFuture<T> f) throws Exception {
        return f.get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    /** Discards every byte it reads: libuv's pump and blackhole servers. */
    @ChannelHandler.Sharable
    private static final class Sink extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** Writes back every buffer it reads: libuv's echo server. */
    @ChannelHandler.Sharable
    private static final class Echo extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.write(msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    private static Channel listen(EventLoopGroup group, Transport t, int port,
            java.util.function.Supplier<ChannelHandler> handler) throws InterruptedException {
        return new ServerBootstrap().group(group).channel(t.server)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(handler.get());
                    }
                })
                .bind(LOOPBACK, port).sync().channel();
    }

    // ------------------------------------------------------------------ workloads

    /**
     * million_timers: timer i is due at i/1000 + 1 ms, scheduled with {@code EventLoop.schedule}
     * from the loop's own thread. A fired Netty task needs no close, so cleanup is 0.
     */
    static void millionTimers(LibuvBenchmarks.Config c, PrintStream out) throws Exception {
        int n = Math.toIntExact(c.timerCount());
        Transport t = Transport.of(c);
        EventLoopGroup group = t.group();
        try {
            EventLoop loop = group.next();
            long[] at = new long[3]; // before scheduling, after scheduling, after the last fired
            CompletableFuture<Void> done = new CompletableFuture<>();
            loop.execute(() -> {
                int[] fired = {0};
                Runnable cb = () -> {
                    if (++fired[0] == n) {
                        at[2] = System.nanoTime();
                        done.complete(null);
                    }
                };
                at[0] = System.nanoTime();
                long timeout = 0;
                for (int i = 0; i < n; i++) {
                    if (i % 1000 == 0) {
                        timeout++;
                    }
                    loop.schedule(cb, timeout, TimeUnit.MILLISECONDS);
                }
                at[1] = System.nanoTime();
            });
            await(done);
            out.printf(Locale.ROOT, "%.2f seconds total%n", (at[2] - at[0]) / 1e9);
            out.printf(Locale.ROOT, "%.2f seconds init%n", (at[1] - at[0]) / 1e9);
            out.printf(Locale.ROOT, "%.2f seconds dispatch%n", (at[2] - at[1]) / 1e9);
            out.printf(Locale.ROOT, "%.2f seconds cleanup%n", 0.0);
        } finally {
            shutdown(group);
        }
    }

    /** ping_pongs: one connection, PING\n, the next ping after each complete echo, 5 s. */
    static void pingPongs(LibuvBenchmarks.Config c, PrintStream out) throws Exception {
        Transport t = Transport.of(c);
        EventLoopGroup serverGroup = t.group();
        EventLoopGroup clientGroup = t.group();
        try {
            Channel server = listen(serverGroup, t, 0, Echo::new);
            CompletableFuture<Long> result = new CompletableFuture<>();
            long ms = c.timedMs();
            new Bootstrap().group(clientGroup).channel(t.socket).handler(new ChannelInboundHandlerAdapter() {
                private long start;
                private long pongs;
                private int matched;

                private void ping(ChannelHandlerContext ctx) {
                    ctx.writeAndFlush(ctx.alloc().directBuffer(PING.length).writeBytes(PING));
                }

                @Override
                public void channelActive(ChannelHandlerContext ctx) {
                    start = System.nanoTime();
                    ping(ctx);
                }

                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    ByteBuf buf = (ByteBuf) msg;
                    try {
                        while (buf.isReadable()) {
                            check(buf.readByte() == PING[matched], "echo mismatch");
                            if (++matched == PING.length) {
                                matched = 0;
                                pongs++;
                                if (System.nanoTime() - start >= ms * 1_000_000) {
                                    result.complete(pongs);
                                    ctx.close();
                                    return;
                                }
                                ping(ctx);
                            }
                        }
                    } finally {
                        buf.release();
                    }
                }

                @Override
                public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                    result.completeExceptionally(cause);
                    ctx.close();
                }
            }).connect(server.localAddress()).sync();
            long pongs = await(result);
            out.printf(Locale.ROOT, "ping_pongs: %d roundtrips/s%n", 1000 * pongs / ms);
            server.close().sync();
        } finally {
            shutdown(clientGroup, serverGroup);
        }
    }

    /** ping_udp1: one socket sends PING\n to its own address, again after each datagram, 5 s. */
    static void pingUdp(LibuvBenchmarks.Config c, PrintStream out) throws Exception {
        Transport t = Transport.of(c);
        EventLoopGroup group = t.group();
        try {
            long ms = c.timedMs();
            CompletableFuture<Long> result = new CompletableFuture<>();
            InetSocketAddress[] self = new InetSocketAddress[1];
            long[] start = new long[1];
            Channel ch = new Bootstrap().group(group).channel(t.datagram)
                    .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                        private long pongs;

                        @Override
                        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket p) {
                            check(p.content().readableBytes() == PING.length, "datagram length");
                            pongs++;
                            if (System.nanoTime() - start[0] >= ms * 1_000_000) {
                                result.complete(pongs);
                                ctx.close();
                                return;
                            }
                            send(ctx.channel(), self[0]);
                        }

                        @Override
                        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                            result.completeExceptionally(cause);
                            ctx.close();
                        }
                    }).bind(LOOPBACK, 0).sync().channel();
            self[0] = (InetSocketAddress) ch.localAddress();
            ch.eventLoop().execute(() -> {
                start[0] = System.nanoTime();
                send(ch, self[0]);
            });
            long pongs = await(result);
            out.printf(Locale.ROOT, "ping_pongs: 1 pingers, ~ %d roundtrips/s%n", pongs * 1000 / ms);
        } finally {
            shutdown(group);
        }
    }

    private static void send(Channel ch, InetSocketAddress to) {
        ch.writeAndFlush(new DatagramPacket(ch.alloc().directBuffer(PING.length).writeBytes(PING), to));
    }

    /**
     * tcp_pumpN_client: N connections to a sink server, each writing an 8 KiB buffer again from
     * the completion of the previous write, for 5 s; the client's send rate.
     */
    static void pump(LibuvBenchmarks.Config c, PrintStream out, int connections) throws Exception {
        Transport t = Transport.of(c);
        EventLoopGroup serverGroup = t.group();
        EventLoopGroup clientGroup = t.group();
        ByteBuf chunk = Unpooled.unreleasableBuffer(Unpooled.directBuffer(8192).writeZero(8192));
        try {
            Channel server = listen(serverGroup, t, 0, Sink::new);
            EventLoop loop = clientGroup.next();
            Bootstrap b = new Bootstrap().group(loop).channel(t.socket).handler(new Sink());
            List<Channel> channels = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                ChannelFuture f = b.connect(server.localAddress()).sync();
                channels.add(f.channel());
            }
            long ms = c.timedMs();
            CompletableFuture<Double> result = new CompletableFuture<>();
            loop.execute(() -> {
                long start = System.nanoTime();
                long[] sent = {0};
                boolean[] done = {false};
                for (Channel ch : channels) {
                    ChannelFutureListener[] again = new ChannelFutureListener[1];
                    again[0] = f -> {
                        if (!f.isSuccess() || done[0]) {
                            return;
                        }
                        sent[0] += 8192;
                        ch.writeAndFlush(chunk.duplicate()).addListener(again[0]);
                    };
                    ch.writeAndFlush(chunk.duplicate()).addListener(again[0]);
                }
                loop.schedule(() -> {
                    done[0] = true;
                    double secs = (System.nanoTime() - start) / 1e9;
                    result.complete(sent[0] / (1024.0 * 1024 * 1024) * 8 / secs);
                    for (Channel ch : channels) {
                        ch.close();
                    }
                }, ms, TimeUnit.MILLISECONDS);
            });
            double gbit = await(result);
            out.printf(Locale.ROOT, "tcp_pump%d_client: %.1f gbit/s%n", connections, gbit);
            server.close().sync();
        } finally {
            shutdown(clientGroup, serverGroup);
        }
    }

    /**
     * Node's getting-started server, serving until the process is killed: the same 200 response
     * with Content-Type, Date, Connection and Keep-Alive headers as {@code node app.js} and juv's
     * {@code hello}. On one event loop thread, or with {@code --loops N} on N: one group is the
     * parent and the child group, as with one, so the listener's loop is one of the N, and the
     * connections are dealt out to the N in turn (Netty's way to use several cores, next to juv's
     * loops on one port and Node's cluster). The threads are named {@code netty-hello-P-N}.
     */
    static void hello(LibuvBenchmarks.Config c, PrintStream out) throws Exception {
        Transport t = Transport.of(c);
        EventLoopGroup group = t.group(c.loops, "netty-hello");
        try {
            // Refreshed on one loop, read on all of them.
            AtomicReference<String> date = new AtomicReference<>(DateFormatter.format(new Date()));
            group.scheduleAtFixedRate(() -> date.set(DateFormatter.format(new Date())), 1, 1, TimeUnit.SECONDS);
            byte[] body = "Hello, Node.js!".getBytes(US_ASCII);
            Channel server = new ServerBootstrap().group(group).channel(t.server)
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(), new SimpleChannelInboundHandler<HttpObject>() {
                                @Override
                                protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
                                    if (!(msg instanceof HttpRequest)) {
                                        return;
                                    }
                                    boolean keepAlive = HttpUtil.isKeepAlive((HttpRequest) msg);
                                    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                                            HttpResponseStatus.OK, Unpooled.wrappedBuffer(body));
                                    r.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN)
                                            .set(HttpHeaderNames.DATE, date.get());
                                    if (keepAlive) {
                                        r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE)
                                                .set("Keep-Alive", "timeout=5");
                                    } else {
                                        r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                                    }
                                    r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
                                    ChannelFuture f = ctx.write(r);
                                    if (!keepAlive) {
                                        f.addListener(ChannelFutureListener.CLOSE);
                                    }
                                }

                                @Override
                                public void channelReadComplete(ChannelHandlerContext ctx) {
                                    ctx.flush();
                                }

                                @Override
                                public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                    ctx.close();
                                }
                            });
                        }
                    })
                    .bind(LOOPBACK, c.port).sync().channel();
            int port = ((InetSocketAddress) server.localAddress()).getPort();
            out.println("Server running at http://127.0.0.1:" + port + "/");
            out.flush();
            server.closeFuture().sync();
        } finally {
            shutdown(group);
        }
    }

    /**
     * Idle connections for the RSS measurement: prints its port, accepts and reads (discarding),
     * prints {@code accepted N} once {@code --count} connections are open, serves until killed.
     */
    static void conns(LibuvBenchmarks.Config c, PrintStream out) throws Exception {
        Transport t = Transport.of(c);
        EventLoopGroup group = t.group();
        try {
            int[] open = {0};
            boolean[] told = {false};
            Channel server = listen(group, t, c.port, () -> new ChannelInboundHandlerAdapter() {
                @Override
                public void channelActive(ChannelHandlerContext ctx) {
                    if (++open[0] == c.count && !told[0]) {
                        told[0] = true;
                        out.println("accepted " + open[0]);
                        out.flush();
                    }
                }

                @Override
                public void channelInactive(ChannelHandlerContext ctx) {
                    open[0]--;
                }

                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    ReferenceCountUtil.release(msg);
                }

                @Override
                public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                    ctx.close();
                }
            });
            out.println(((InetSocketAddress) server.localAddress()).getPort());
            out.flush();
            server.closeFuture().sync();
        } finally {
            shutdown(group);
        }
    }
}
