package org.juv.net;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.nio.charset.Charset;
import org.juv.core.ErrorCodes;

/**
 * Teaches {@link ErrorCodes} the C library's error messages in the process's language, so that a
 * socket error is {@code EADDRINUSE} under any {@code LC_MESSAGES}: the JDK passes
 * {@code strerror}'s text on, and has no {@code errno} to give. JNA calls {@code strerror} once
 * per error number, when the first stream or UDP handle class loads. If JNA cannot load, codes
 * fall back to glibc's English texts, as before.
 */
final class SystemErrors {
    static {
        try {
            Native.register(SystemErrors.class, Platform.C_LIBRARY_NAME);
            // Decoded as the JDK decodes native messages (JNU_NewStringPlatform).
            Charset jnu = Charset.forName(System.getProperty("sun.jnu.encoding", Charset.defaultCharset().name()));
            ErrorCodes.learnSystemMessages(errno -> {
                Pointer p = strerror(errno);
                return p == null ? null : p.getString(0, jnu.name());
            });
        } catch (Throwable e) {
            // No JNA, or no C library: the English texts still map, other languages do not.
        }
    }

    private SystemErrors() {
    }

    private static native Pointer strerror(int errnum);

    /** Loads the class, and so learns the messages, once. */
    static void learn() {
        // the static initializer did the work
    }
}
