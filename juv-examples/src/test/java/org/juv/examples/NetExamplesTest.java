package org.juv.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Random;
import java.nio.ByteBuffer;
import org.juv.core.ErrorCode;
import org.juv.core.Loop;
import org.juv.core.RunMode;
import org.juv.core.testing.LoopExtension;
import org.juv.net.Tcp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Timeout;

/** echo, udp-echo and chat over plain JDK sockets, and echo under a thousand juv clients. */
@ExtendWith(LoopExtension.class)
@Timeout(60)
class NetExamplesTest {
    @Test
    void shouldEchoToAThousandConcurrentConnectionsOnOneLoop(Loop loop) {
        int clients = 1000;
        int size = 4096;
        try (RunningServer server = new RunningServer(new EchoExample())) {
            int[] good = {0};
            int[] connected = {0};
            int[] maxOpen = {0};
            for (int i = 0; i < clients; i++) {
                byte[] data = new byte[size];
                new Random(i).nextBytes(data);
                ByteBuffer back = ByteBuffer.allocate(size);
                Tcp c = new Tcp(loop);
                c.connect(server.address, (req, st) -> {
                    assertEquals(ErrorCode.OK, st);
                    maxOpen[0] = Math.max(maxOpen[0], ++connected[0]);
                    c.readStart((s, n, status, buf) -> {
                        if (status != ErrorCode.OK) {
                            s.close(null);
                            return;
                        }
                        back.put(buf);
                        if (!back.hasRemaining()) {
                            if (java.util.Arrays.equals(data, back.array())) {
                                good[0]++;
                            }
                            connected[0]--;
                            s.close(null);
                        }
                    });
                    c.write(ByteBuffer.wrap(data), (w, ws) -> assertEquals(ErrorCode.OK, ws));
                });
            }
            loop.run(RunMode.DEFAULT);
            assertEquals(clients, good[0], "every connection got its own bytes back");
            assertTrue(maxOpen[0] > clients / 2, "the connections were open at once: " + maxOpen[0]);
        }
    }

    @Test
    void shouldEchoEveryByteOverTcp() throws Exception {
        try (RunningServer server = new RunningServer(new EchoExample());
             Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            byte[] data = new byte[300_000];
            new Random(7).nextBytes(data);
            Thread writer = new Thread(() -> {
                try {
                    s.getOutputStream().write(data);
                    s.shutdownOutput();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            writer.start();
            byte[] back = s.getInputStream().readAllBytes(); // until the server's EOF
            writer.join();
            assertArrayEquals(data, back);
            assertTrue(server.printed().startsWith("echo server listening on 127.0.0.1:"), server.printed());
        }
    }

    @Test
    void shouldSendEveryDatagramBackToItsSender() throws Exception {
        try (RunningServer server = new RunningServer(new UdpEchoExample());
             DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            s.setSoTimeout(10_000);
            for (int i = 0; i < 10; i++) {
                byte[] msg = ("datagram " + i).getBytes(UTF_8);
                s.send(new DatagramPacket(msg, msg.length, InetAddress.getLoopbackAddress(), server.port()));
                DatagramPacket p = new DatagramPacket(new byte[100], 100);
                s.receive(p);
                assertEquals("datagram " + i, new String(p.getData(), 0, p.getLength(), UTF_8));
            }
        }
    }

    @Test
    void shouldSendEachChatLineToEveryOtherClient() throws Exception {
        try (RunningServer server = new RunningServer(new ChatExample());
             Socket a = new Socket("127.0.0.1", server.port());
             Socket b = new Socket("127.0.0.1", server.port())) {
            a.setSoTimeout(10_000);
            b.setSoTimeout(10_000);
            BufferedReader ra = new BufferedReader(new InputStreamReader(a.getInputStream(), UTF_8));
            BufferedReader rb = new BufferedReader(new InputStreamReader(b.getInputStream(), UTF_8));
            assertEquals("* you are guest1", ra.readLine());
            assertEquals("* you are guest2", rb.readLine());
            assertEquals("* guest2 joined", ra.readLine());
            a.getOutputStream().write("hello from a\r\nsecond".getBytes(UTF_8));
            assertEquals("guest1: hello from a", rb.readLine());
            a.getOutputStream().write(" line\n".getBytes(UTF_8));
            assertEquals("guest1: second line", rb.readLine());
            b.getOutputStream().write("hi a\n".getBytes(UTF_8));
            assertEquals("guest2: hi a", ra.readLine());
            b.shutdownOutput(); // EOF: the server closes it and tells the room
            assertEquals("* guest2 left (quit)", ra.readLine());
        }
    }

    @Test
    void shouldDisconnectAChatClientThatReadsTooSlowly() throws Exception {
        try (RunningServer server = new RunningServer(new ChatExample(), "max-queue", "65536");
             Socket slow = new Socket("127.0.0.1", server.port());
             Socket talker = new Socket("127.0.0.1", server.port())) {
            slow.setReceiveBufferSize(4096);
            talker.setSoTimeout(10_000);
            BufferedReader rt = new BufferedReader(new InputStreamReader(talker.getInputStream(), UTF_8));
            assertEquals("* you are guest2", rt.readLine());
            OutputStream o = talker.getOutputStream();
            byte[] line = ("x".repeat(1000) + "\n").getBytes(UTF_8);
            String left = null;
            for (int i = 0; i < 100_000 && left == null; i++) {
                o.write(line); // the slow client never reads: its queue grows to the limit
                if (talker.getInputStream().available() > 0) {
                    String l = rt.readLine();
                    if (l.startsWith("* guest1 left")) {
                        left = l;
                    }
                }
            }
            assertEquals("* guest1 left (too slow)", left);
        }
    }
}
