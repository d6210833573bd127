package org.juv.net;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.juv.core.ErrorCode;
import org.juv.core.Loop;
import org.juv.core.RunMode;

/**
 * Run by TtyTest in a child JVM: {@code guess} prints what {@link Tty#guessHandle} says of
 * descriptors 0 to 4; {@code tty}, run on a pseudo-terminal, sizes it, switches it to raw mode
 * (checked with {@code stty}), reads three keys without a newline through a {@link Tty} and
 * writes them back through another, resets the mode, then tries io mode and resets again.
 */
public final class TtyProbe {
    private TtyProbe() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("guess")) {
            StringBuilder b = new StringBuilder();
            for (int fd = 0; fd <= 4; fd++) {
                b.append(fd).append(' ').append(String.valueOf(Tty.guessHandle(fd).typeName())).append(fd < 4 ? " " : "");
            }
            System.err.println(b); // stdout is one of the descriptors under test
            return;
        }
        Loop loop = new Loop();
        Tty in = new Tty(loop, 0);
        Tty out = new Tty(loop, 1);
        try {
            in.listen(1, (s, st) -> { });
        } catch (org.juv.core.UvException e) {
            say(out, "listen " + e.code() + "\n"); // libuv's uv_listen: EINVAL for a terminal
        }
        try {
            say(out, "send buffer " + out.sendBufferSize() + "\n");
        } catch (org.juv.core.UvException e) {
            say(out, "send buffer " + e.code() + "\n"); // libuv's uv_send_buffer_size: ENOTSUP for a terminal
        }
        int[] size = out.getWinSize();
        say(out, "size " + size[0] + "x" + size[1] + "\n");
        say(out, "normal " + stty() + "\n");
        in.setMode(Tty.MODE_RAW);
        say(out, "raw " + stty() + "\n");
        say(out, "ready\n");
        StringBuilder got = new StringBuilder();
        in.readStart((s, nread, status, buf) -> {
            if (status != ErrorCode.OK) {
                s.close(null);
                return;
            }
            got.append(StandardCharsets.UTF_8.decode(buf));
            if (got.length() >= 3) {
                s.readStop();
                say(out, "got " + got + "\n");
                Tty.resetMode();
                say(out, "reset " + stty() + "\n");
                in.setMode(Tty.MODE_IO); // cfmakeraw: output processing off too
                say(out, "io " + stty() + "\r\n");
                Tty.resetMode();
                say(out, "reset again " + stty() + "\n");
                in.close(null);
                out.shutdown((req, st) -> out.close(null)); // after the last write
            }
        });
        loop.run(RunMode.DEFAULT);
        loop.close();
    }

    private static void say(Tty out, String text) {
        out.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), null);
    }

    /** The terminal's canonical and echo flags, as stty sees them on our stdin. */
    private static String stty() {
        try {
            java.lang.Process p = new ProcessBuilder("stty", "-a").redirectInput(ProcessBuilder.Redirect.INHERIT).start();
            String all = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            StringBuilder b = new StringBuilder();
            for (String flag : all.split("[\\s;]+")) {
                if (flag.matches("-?(icanon|echo|isig|opost)")) {
                    b.append(b.length() == 0 ? "" : " ").append(flag);
                }
            }
            return b.toString();
        } catch (Exception e) {
            return e.toString();
        }
    }
}
