package org.juv.js;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.graalvm.polyglot.Engine;

/**
 * What juv-js cannot do yet fails loudly, where Node would succeed: a program hears a clear error
 * instead of something else happening quietly. (Conformance programs cannot show these: node
 * prints something else by design.)
 */
class UnavailableFeaturesTest {
    @TempDir
    Path dir;

    private String run(String source) throws IOException {
        Path program = dir.resolve("program.js");
        Files.writeString(program, source, StandardCharsets.UTF_8);
        try (Engine engine = GraalJsEngine.sharedEngine()) {
            ConformanceTest.Run run = ConformanceTest.underJuv(program, engine);
            assertEquals(0, run.code(), run.stdout());
            return run.stdout();
        }
    }

    @Test
    void shouldRefuseAnHttpServerOnAUnixSocketPathRatherThanListenOnSomeTcpPort() throws IOException {
        String out = run("""
                const http = require('http');
                for (const args of [['/tmp/juv-http.sock'], [{ path: '/tmp/juv-http.sock' }]]) {
                  try {
                    http.createServer().listen(...args);
                    console.log('listening');
                  } catch (e) {
                    console.log(e.code, e.message);
                  }
                }
                """);
        String refusal = "ERR_FEATURE_UNAVAILABLE_ON_PLATFORM An http server on a Unix-domain socket path is not"
                + " available: juv-http listens on TCP only\n";
        assertEquals(refusal + refusal, out);
    }
}
