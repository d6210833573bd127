package org.juv.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.juv.core.Check;
import org.juv.core.Loop;
import org.juv.core.RunMode;
import org.juv.core.Timer;
import org.juv.threadpool.Work;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The README's "What it looks like" snippet, verbatim but for printing into a list. */
@Timeout(30)
class ReadmeExampleTest {

    @Test
    void shouldRunTheReadmeSnippetAsDocumented() throws Exception {
        List<String> out = new ArrayList<>();

        Loop loop = new Loop();

        Timer timer = new Timer(loop);                       // uv_timer_init
        timer.start(t -> out.add("tick"), 50, 0);            // uv_timer_start

        Check check = new Check(loop);                       // runs right after each poll
        check.start(c -> {
            out.add("after poll");
            c.close(null);                                   // close callbacks run in the closing phase
        });

        Work.queue(loop,                                     // uv_queue_work (juv-threadpool)
            w -> w.data(Thread.currentThread().getName()),   // on a pool thread
            (w, status) -> out.add(status + " on " + w.data()));

        Thread other = new Thread(() -> loop.execute(() -> out.add("from another thread")));
        other.start();                                       // execute() is thread-safe: the task runs
        other.join();                                        // on the loop thread, in the poll phase

        loop.run(RunMode.DEFAULT);                           // uv_run
        timer.close(null);
        loop.run(RunMode.DEFAULT);                           // let the close callbacks run
        loop.close();                                        // uv_loop_close: EBUSY if anything is open

        assertEquals(4, out.size(), out.toString());
        assertTrue(out.contains("tick"), out.toString());
        assertTrue(out.contains("after poll"), out.toString());
        assertTrue(out.contains("from another thread"), out.toString());
        assertTrue(out.stream().anyMatch(s -> s.matches("OK on juv-worker-\\d+")), out.toString());
        assertEquals("tick", out.get(3), "the 50 ms timer comes last");
    }
}
