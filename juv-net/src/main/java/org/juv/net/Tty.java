package org.juv.net;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.juv.core.ErrorCode;
import org.juv.core.ErrorCodes;
import org.juv.core.HandleType;
import org.juv.core.Loop;
import org.juv.core.UvException;

/**
 * A terminal: a stream over descriptor 0 (read) or 1 and 2 (written) when they are a TTY. Port
 * of {@code uv_tty_t}, with {@link #setMode} ({@code uv_tty_set_mode}), {@link #resetMode}
 * ({@code uv_tty_reset_mode}), {@link #getWinSize} ({@code uv_tty_get_winsize}) and
 * {@link #guessHandle} ({@code uv_guess_handle}) through the C library (JNA).
 *
 * <p>The JDK cannot put descriptor 0, 1 or 2 on a selector, so, as for a child's piped stdio
 * ({@link Process}), a thread copies between the terminal and a Unix-domain socket pair whose
 * other end is this stream on the loop. The reader waits in {@code poll} with a short timeout
 * and reads only while the stream is open, so no keystroke is taken after {@link #close} (but
 * it keeps reading after {@link #readStop()}, into the socket's buffer, until that is full).
 * Writes complete once the socket has taken the bytes, not once the terminal has shown them.
 */
public final class Tty extends Stream {
    /** Line-buffered input, echo: the terminal's mode at start. Port of {@code UV_TTY_MODE_NORMAL}. */
    public static final int MODE_NORMAL = 0;
    /** Each key as it is typed, no echo, no signals from Ctrl-C. Port of {@code UV_TTY_MODE_RAW}. */
    public static final int MODE_RAW = 1;
    /** Binary-safe I/O ({@code cfmakeraw}). Port of {@code UV_TTY_MODE_IO}. */
    public static final int MODE_IO = 2;

    private static final int TERMIOS = 128; // struct termios is 60 bytes on Linux
    private static final int TCSADRAIN = 1;
    private static final long TIOCGWINSZ = 0x5413;
    // termios flags (Linux): c_iflag at 0, c_oflag at 4, c_cflag at 8, c_lflag at 12, c_cc at 17.
    private static final int BRKINT = 0x2;
    private static final int INPCK = 0x10;
    private static final int ISTRIP = 0x20;
    private static final int ICRNL = 0x100;
    private static final int IXON = 0x400;
    private static final int ONLCR = 0x4;
    private static final int CS8 = 0x30;
    private static final int ISIG = 0x1;
    private static final int ICANON = 0x2;
    private static final int ECHO = 0x8;
    private static final int IEXTEN = 0x8000;
    private static final int VTIME = 5;
    private static final int VMIN = 6;

    /** The terminal's settings before the first mode change, for {@link #resetMode}. */
    private static byte[] originalTermios;
    private static int originalFd = -1;

    private final int fd;
    private volatile boolean open = true;
    private int mode = MODE_NORMAL;

    /**
     * Opens a terminal stream over {@code fd}. Port of {@code uv_tty_init}.
     *
     * @param loop the loop
     * @param fd   0 to read the terminal, 1 or 2 (or another descriptor) to write it
     * @throws UvException {@link ErrorCode#EINVAL} if {@code fd} is not a terminal
     */
    public Tty(Loop loop, int fd) {
        super(loop, terminal(fd)); // checked before the handle joins the loop
        this.fd = fd;
        SocketChannel[] pair;
        try {
            pair = Copier.socketPair();
        } catch (IOException e) {
            close(null); // the handle exists: leave nothing open on the loop
            throw ErrorCodes.toUvException(e, "uv_tty_init", "fd " + fd);
        }
        open(pair[0]);
        SocketChannel mine = pair[1];
        Copier.start("juv-tty-fd" + fd, fd == 0 ? () -> Copier.fromDescriptor(fd, mine, () -> open, false)
                : () -> Copier.toDescriptor(mine, fd, false));
    }

    /** {@link HandleType#TTY} if {@code fd} is a terminal; else {@code EINVAL}. */
    private static HandleType terminal(int fd) {
        if (fd < 0 || Posix.isatty(fd) != 1) {
            throw new UvException(ErrorCode.EINVAL, "uv_tty_init", "fd " + fd, null);
        }
        return HandleType.TTY;
    }

    /**
     * Sets the terminal's mode. Port of {@code uv_tty_set_mode}: the first change saves the
     * terminal's settings for {@link #resetMode}.
     *
     * @param mode {@link #MODE_NORMAL}, {@link #MODE_RAW} or {@link #MODE_IO}
     * @throws UvException {@link ErrorCode#EINVAL} for another mode, or the C library's error
     */
    public void setMode(int mode) {
        checkUsable("Tty.setMode");
        if (mode < MODE_NORMAL || mode > MODE_IO) {
            throw new UvException(ErrorCode.EINVAL, "uv_tty_set_mode");
        }
        if (mode == this.mode) {
            return;
        }
        Memory t = new Memory(TERMIOS);
        t.clear();
        try {
            synchronized (Tty.class) {
                if (originalTermios == null) {
                    Posix.tcgetattr(fd, t);
                    originalTermios = t.getByteArray(0, TERMIOS);
                    originalFd = fd;
                }
                t.write(0, originalTermios, 0, TERMIOS);
            }
            if (mode == MODE_RAW) {
                t.setInt(0, t.getInt(0) & ~(BRKINT | ICRNL | INPCK | ISTRIP | IXON));
                t.setInt(4, t.getInt(4) | ONLCR);
                t.setInt(8, t.getInt(8) | CS8);
                t.setInt(12, t.getInt(12) & ~(ECHO | ICANON | IEXTEN | ISIG));
                t.setByte(17 + VMIN, (byte) 1);
                t.setByte(17 + VTIME, (byte) 0);
            } else if (mode == MODE_IO) {
                Posix.cfmakeraw(t);
            }
            Posix.tcsetattr(fd, TCSADRAIN, t);
        } catch (LastErrorException e) {
            throw Posix.error(e, "uv_tty_set_mode", null);
        }
        this.mode = mode;
    }

    /**
     * Puts back the terminal settings that the first {@link #setMode} found. Port of
     * {@code uv_tty_reset_mode}; a program calls it before it exits. Thread-safe.
     *
     * @throws UvException the C library's error
     */
    public static void resetMode() {
        synchronized (Tty.class) {
            if (originalTermios == null) {
                return;
            }
            Memory t = new Memory(TERMIOS);
            t.write(0, originalTermios, 0, TERMIOS);
            try {
                Posix.tcsetattr(originalFd, TCSADRAIN, t);
            } catch (LastErrorException e) {
                throw Posix.error(e, "uv_tty_reset_mode", null);
            }
        }
    }

    /**
     * Returns the terminal's size. Port of {@code uv_tty_get_winsize}.
     *
     * @return {@code {width, height}} in characters
     * @throws UvException the C library's error
     */
    public int[] getWinSize() {
        checkUsable("Tty.getWinSize");
        Memory ws = new Memory(8);
        ws.clear();
        try {
            Posix.ioctl(fd, TIOCGWINSZ, ws);
        } catch (LastErrorException e) {
            throw Posix.error(e, "uv_tty_get_winsize", null);
        }
        return new int[] {ws.getShort(2) & 0xffff, ws.getShort(0) & 0xffff};
    }

    /**
     * Tells what kind of stream a descriptor is. Port of {@code uv_guess_handle}.
     *
     * @param fd the descriptor
     * @return {@link HandleType#TTY}, {@link HandleType#FILE} (a file or another character
     *         device), {@link HandleType#NAMED_PIPE} (a pipe, a FIFO or a Unix-domain stream socket),
     *         {@link HandleType#TCP}, {@link HandleType#UDP}, or {@link HandleType#UNKNOWN_HANDLE}
     *         (no such descriptor, or another kind)
     */
    public static HandleType guessHandle(int fd) {
        if (fd < 0) {
            return HandleType.UNKNOWN_HANDLE;
        }
        if (Posix.isatty(fd) == 1) {
            return HandleType.TTY;
        }
        int mode;
        try { // the descriptor's own inode: /proc's link leads to it, pipe, socket or deleted file
            mode = (Integer) Files.getAttribute(Path.of("/proc/self/fd/" + fd), "unix:mode");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return HandleType.UNKNOWN_HANDLE; // EBADF
        }
        switch (mode & 0170000) { // S_IFMT
            case 0100000: // S_IFREG
            case 0020000: // S_IFCHR
                return HandleType.FILE;
            case 0010000: // S_IFIFO
                return HandleType.NAMED_PIPE;
            case 0140000: // S_IFSOCK
                return socketType(fd);
            default:
                return HandleType.UNKNOWN_HANDLE;
        }
    }

    /** A socket's kind, from {@code SO_DOMAIN} and {@code SO_TYPE}. */
    private static HandleType socketType(int fd) {
        Memory v = new Memory(4);
        Memory len = new Memory(4);
        int domain;
        int type;
        try {
            len.setInt(0, 4);
            Posix.getsockopt(fd, 1, 39, v, len); // SOL_SOCKET, SO_DOMAIN
            domain = v.getInt(0);
            len.setInt(0, 4);
            Posix.getsockopt(fd, 1, 3, v, len); // SO_TYPE
            type = v.getInt(0);
        } catch (LastErrorException e) {
            return HandleType.UNKNOWN_HANDLE;
        }
        if (domain == 1 && type == 1) { // AF_UNIX, SOCK_STREAM
            return HandleType.NAMED_PIPE;
        }
        if (domain == 2 || domain == 10) { // AF_INET, AF_INET6
            return type == 1 ? HandleType.TCP : type == 2 ? HandleType.UDP : HandleType.UNKNOWN_HANDLE;
        }
        return HandleType.UNKNOWN_HANDLE;
    }

    @Override
    ServerSocketChannel openServer(int backlog) {
        throw new UvException(ErrorCode.EINVAL, "uv_listen", "a terminal does not listen", null); // as libuv's uv_listen
    }

    @Override
    ErrorCode notSocketReason() {
        return ErrorCode.ENOTSUP; // libuv's buffer sizes are for TCP, pipes and UDP only
    }

    @Override
    protected void onClosing() {
        open = false; // the reader stops before its next read
        super.onClosing();
    }
}
