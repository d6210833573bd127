package org.juv.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.juv.core.Check;
import org.juv.core.Loop;
import org.juv.core.RunMode;
import org.juv.core.Timer;
import org.juv.threadpool.Work;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The README's "What it looks like" snippet, run as it is printed there (ReadmeSnippetsTest
 * checks that the README shows exactly the lines between the markers), with its output caught
 * and the time of each line noted.
 */
@Timeout(30)
class ReadmeExampleTest {

    @Test
    void shouldRunTheReadmeSnippetAsDocumented() throws Exception {
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        List<Long> printedAt = new ArrayList<>(); // System.nanoTime() of each line, in order
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8) {
            @Override
            public void println(String line) {
                printedAt.add(System.nanoTime()); // every line comes from the loop thread
                super.println(line);
            }
        });
        long start = System.nanoTime(); // before the loop exists: its clock starts later
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
        // The timer is due 50 ms after the loop's cached start time (whole milliseconds, so
        // up to 1 ms sooner by the wall clock) and must not fire before. Usually the three other
        // lines come well within that time and "tick" is last; on a machine that stalls for
        // 50 ms before the first poll, the timer comes first, which is libuv's order too.
        long tickNanos = printedAt.get(out.indexOf("tick")) - start;
        assertTrue(tickNanos >= TimeUnit.MILLISECONDS.toNanos(49),
            "the 50 ms timer fired after " + TimeUnit.NANOSECONDS.toMicros(tickNanos) + " µs: " + out);
    }
}
