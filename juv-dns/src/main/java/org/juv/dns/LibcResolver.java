package org.juv.dns;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.juv.core.ErrorCode;
import org.juv.core.UvException;

/**
 * {@code getaddrinfo(3)} and {@code getnameinfo(3)} of the C library, through JNA: the hosts
 * file, nsswitch and the system's resolver configuration, with no JVM cache, as libuv.
 * {@code struct addrinfo} and the socket addresses are read at Linux's LP64 offsets, so this
 * resolver is used on 64-bit Linux only.
 */
final class LibcResolver implements Resolver {
    /**
     * The C functions, with libc's names, through JNA's direct mapping (bound once, at class
     * initialization): a call costs a JNI call, not the proxy, reflection and argument conversion
     * of an interface mapping. Strings go as NUL-terminated UTF-8 {@code byte[]}s, which JNA
     * passes much faster than it converts a {@code String}.
     */
    static final class C {
        static {
            Native.register(C.class, Platform.C_LIBRARY_NAME);
        }

        private C() {
        }

        /** Initializes the class: registers the natives. */
        static void bind() {
            // the static initializer did the work
        }

        static native int getaddrinfo(byte[] node, byte[] service, Pointer hints, Pointer res);

        static native void freeaddrinfo(Pointer res);

        static native int getnameinfo(Pointer sa, int salen, Pointer host, int hostlen, Pointer serv, int servlen,
                int flags);
    }

    // struct addrinfo on LP64 Linux: 4 ints, socklen_t + padding, then three pointers.
    private static final int AI_FLAGS = 0;
    private static final int AI_FAMILY = 4;
    private static final int AI_SOCKTYPE = 8;
    private static final int AI_PROTOCOL = 12;
    private static final int AI_ADDR = 24;
    private static final int AI_CANONNAME = 32;
    private static final int AI_NEXT = 40;
    private static final int ADDRINFO_SIZE = 48;

    private static final int SOCKADDR_IN6_SIZE = 28;
    private static final int NI_MAXHOST = 1025;
    private static final int NI_MAXSERV = 32;

    /**
     * A thread's native scratch for its lookups: getaddrinfo's hints and the
     * {@code struct addrinfo *} that receives its results; getnameinfo's socket address and the
     * buffers that receive the names. Made once per thread rather than JNA {@code Memory} blocks
     * per lookup (each a {@code malloc}, an entry in JNA's map of live blocks and a cleaner), and
     * the names are read up to their NUL rather than copied back as 1 KiB arrays.
     */
    private static final class Scratch {
        private static final int HINTS = 0;
        private static final int RESULT = HINTS + ADDRINFO_SIZE;
        private static final int SOCKADDR = RESULT + 8;
        private static final int HOST = SOCKADDR + 32; // a sockaddr_in6, 8-byte aligned
        private static final int SERV = HOST + NI_MAXHOST;

        final Memory memory = new Memory(SERV + NI_MAXSERV);
        final Pointer hints = memory.share(HINTS, ADDRINFO_SIZE);
        final Pointer result = memory.share(RESULT, 8);
        final Pointer sockaddr = memory.share(SOCKADDR, SOCKADDR_IN6_SIZE);
        final Pointer host = memory.share(HOST, NI_MAXHOST);
        final Pointer serv = memory.share(SERV, NI_MAXSERV);
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** glibc's EAI_* values (netdb.h), each with libuv's code. */
    private static final int GAI_SYSTEM = -11;

    private LibcResolver() {
    }

    static LibcResolver load() {
        if (!Platform.isLinux() || Native.POINTER_SIZE != 8) {
            throw new UnsupportedOperationException("struct layouts known for 64-bit Linux only");
        }
        // Binds the natives now, so that a C library JNA cannot load is found here, not at a call.
        C.bind();
        return new LibcResolver();
    }

    /** A Java string as a NUL-terminated UTF-8 C string; null stays null. */
    private static byte[] c(String s) {
        if (s == null) {
            return null;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return java.util.Arrays.copyOf(b, b.length + 1);
    }

    @Override
    public String name() {
        return "libc";
    }

    @Override
    public List<AddrInfo> getaddrinfo(String node, String service, Hints hints) {
        Scratch scratch = SCRATCH.get();
        Pointer h = null; // no hints: NULL, as libuv passes them (glibc then adds AI_V4MAPPED | AI_ADDRCONFIG)
        if (hints != Hints.NONE) {
            h = scratch.hints;
            h.clear(ADDRINFO_SIZE);
            h.setInt(AI_FLAGS, hints.flags());
            h.setInt(AI_FAMILY, hints.family());
            h.setInt(AI_SOCKTYPE, hints.socktype());
            h.setInt(AI_PROTOCOL, hints.protocol());
        }
        Pointer res = scratch.result;
        res.setPointer(0, null);
        int r = C.getaddrinfo(c(node), c(service), h, res);
        if (r != 0) {
            throw failure(r, Native.getLastError(), "uv_getaddrinfo", node);
        }
        Pointer first = res.getPointer(0);
        try {
            List<AddrInfo> out = new ArrayList<>();
            for (Pointer p = first; p != null; p = p.getPointer(AI_NEXT)) {
                InetSocketAddress a = sockaddr(p.getPointer(AI_ADDR));
                if (a == null) {
                    continue; // a family juv does not know
                }
                Pointer canon = p.getPointer(AI_CANONNAME);
                out.add(new AddrInfo(p.getInt(AI_FAMILY), p.getInt(AI_SOCKTYPE), p.getInt(AI_PROTOCOL), a,
                        canon == null ? null : canon.getString(0, StandardCharsets.UTF_8.name())));
            }
            return out;
        } finally {
            C.freeaddrinfo(first);
        }
    }

    @Override
    public String[] getnameinfo(InetSocketAddress address, int flags) {
        InetAddress ip = address.getAddress();
        Scratch scratch = SCRATCH.get();
        Pointer sa = scratch.sockaddr;
        int salen;
        if (ip instanceof Inet4Address) {
            salen = 16;
            sa.clear(salen);
            sa.setShort(0, (short) Dns.AF_INET);
            setPort(sa, address.getPort());
            sa.write(4, ip.getAddress(), 0, 4);
        } else if (ip instanceof Inet6Address) {
            salen = SOCKADDR_IN6_SIZE;
            sa.clear(salen);
            sa.setShort(0, (short) Dns.AF_INET6);
            setPort(sa, address.getPort());
            sa.write(8, ip.getAddress(), 0, 16);
            sa.setInt(24, ((Inet6Address) ip).getScopeId());
        } else {
            throw new UvException(ErrorCode.EAI_FAMILY, "uv_getnameinfo", String.valueOf(address), null);
        }
        Pointer host = scratch.host;
        Pointer serv = scratch.serv;
        int r = C.getnameinfo(sa, salen, host, NI_MAXHOST, serv, NI_MAXSERV, flags);
        if (r != 0) {
            throw failure(r, Native.getLastError(), "uv_getnameinfo", address.toString());
        }
        String utf8 = StandardCharsets.UTF_8.name();
        return new String[] {host.getString(0, utf8), serv.getString(0, utf8)};
    }

    private static void setPort(Pointer sa, int port) {
        sa.setByte(2, (byte) (port >>> 8)); // network byte order
        sa.setByte(3, (byte) port);
    }

    /** Reads a {@code sockaddr_in} or {@code sockaddr_in6}; {@code null} for another family. */
    private static InetSocketAddress sockaddr(Pointer sa) {
        if (sa == null) {
            return null;
        }
        int family = sa.getShort(0) & 0xffff;
        int port = (sa.getByte(2) & 0xff) << 8 | sa.getByte(3) & 0xff;
        try {
            if (family == Dns.AF_INET) {
                return new InetSocketAddress(InetAddress.getByAddress(sa.getByteArray(4, 4)), port);
            }
            if (family == Dns.AF_INET6) {
                byte[] a = sa.getByteArray(8, 16);
                int scope = sa.getInt(24);
                // Inet6Address even for an IPv4-mapped address (InetAddress.getByAddress would
                // turn ::ffff:a.b.c.d into an Inet4Address under an AF_INET6 result).
                InetAddress ip = scope != 0 ? Inet6Address.getByAddress(null, a, scope)
                        : Inet6Address.getByAddress(null, a, (java.net.NetworkInterface) null);
                return new InetSocketAddress(ip, port);
            }
        } catch (UnknownHostException e) {
            throw new AssertionError("a raw address of the right length", e);
        }
        return null;
    }

    /** libuv's uv__getaddrinfo_translate_error, from glibc's EAI_* values. */
    static UvException failure(int gai, int errno, String syscall, String subject) {
        ErrorCode code;
        switch (gai) {
            case -9: code = ErrorCode.EAI_ADDRFAMILY; break;
            case -3: code = ErrorCode.EAI_AGAIN; break;
            case -1: code = ErrorCode.EAI_BADFLAGS; break;
            case -4: code = ErrorCode.EAI_FAIL; break;
            case -6: code = ErrorCode.EAI_FAMILY; break;
            case -10: code = ErrorCode.EAI_MEMORY; break;
            case -5: code = ErrorCode.EAI_NODATA; break;
            case -2: code = ErrorCode.EAI_NONAME; break;
            case -12: code = ErrorCode.EAI_OVERFLOW; break;
            case -8: code = ErrorCode.EAI_SERVICE; break;
            case -7: code = ErrorCode.EAI_SOCKTYPE; break;
            case -101: code = ErrorCode.EAI_CANCELED; break;
            case GAI_SYSTEM: code = errno > 0 ? ErrorCode.of(-errno) : ErrorCode.UNKNOWN; break;
            default: code = ErrorCode.UNKNOWN;
        }
        return new UvException(code, syscall, subject, null);
    }
}
