package org.juv.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.juv.core.Check;
import org.juv.core.Loop;
import org.juv.core.RunMode;
import org.juv.core.Timer;
import org.juv.threadpool.Work;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The README's "What it looks like" snippet, run as it is printed there (ReadmeSnippetsTest
 * checks that the README shows exactly the lines between the markers), with its output caught.
 */
@Timeout(30)
class ReadmeExampleTest {

    @Test
    void shouldRunTheReadmeSnippetAsDocumented() throws Exception {
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            // README: loop
            Loop loop = new Loop();

            Timer timer = new Timer(loop);                       // uv_timer_init
            timer.start(t -> System.out.println("tick"), 50, 0); // uv_timer_start

            Check check = new Check(loop);                       // runs right after each poll
            check.start(c -> {
                System.out.println("after poll");
                c.close(null);                                   // close callbacks run in the closing phase
            });

            Work.queue(loop,                                     // uv_queue_work (juv-threadpool)
                w -> w.data(Thread.currentThread().getName()),   // on a pool thread
                (w, status) -> System.out.println(status + " on " + w.data()));

            Thread other = new Thread(() -> loop.execute(() -> System.out.println("from another thread")));
            other.start();                                       // execute() is thread-safe: the task runs
            other.join();                                        // on the loop thread, in the poll phase

            loop.run(RunMode.DEFAULT);                           // uv_run
            timer.close(null);
            loop.run(RunMode.DEFAULT);                           // let the close callbacks run
            loop.close();                                        // uv_loop_close: EBUSY if anything is open
            // README end
        } finally {
            System.setOut(stdout);
        }
        List<String> out = Arrays.asList(printed.toString(StandardCharsets.UTF_8).split("\n"));
        assertEquals(4, out.size(), out.toString());
        assertTrue(out.contains("tick"), out.toString());
        assertTrue(out.contains("after poll"), out.toString());
        assertTrue(out.contains("from another thread"), out.toString());
        assertTrue(out.stream().anyMatch(s -> s.matches("OK on juv-worker-\\d+")), out.toString());
        assertEquals("tick", out.get(3), "the 50 ms timer comes last");
    }
}
