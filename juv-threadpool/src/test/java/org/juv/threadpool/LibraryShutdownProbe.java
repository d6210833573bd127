package org.juv.threadpool;

import org.juv.core.Loop;
import org.juv.core.RunMode;

/** Run by RandomTest in a JVM of its own: the shared pool before and after libraryShutdown. */
public final class LibraryShutdownProbe {
    private LibraryShutdownProbe() {
    }

    private static long workers() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("juv-worker-") && t.isAlive()).count();
    }

    public static void main(String[] args) throws Exception {
        Loop loop = new Loop();
        Work.queue(loop, w -> { }, (w, status) -> System.out.println("work " + status));
        loop.run(RunMode.DEFAULT);
        System.out.println("workers before " + workers());
        System.out.println("shut down " + ThreadPool.libraryShutdown(10_000));
        System.out.println("workers after " + workers());
        try {
            ThreadPool.shared();
        } catch (IllegalStateException e) {
            System.out.println("shared refused");
        }
        try {
            Work.queue(loop, w -> { }, null);
        } catch (IllegalStateException e) {
            System.out.println("queue refused");
        }
        System.out.println("again " + ThreadPool.libraryShutdown(10));
        loop.close();
    }
}
