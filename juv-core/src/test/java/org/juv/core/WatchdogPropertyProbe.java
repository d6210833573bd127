package org.juv.core;

/**
 * Run in a JVM of its own by {@link WatchdogTest}, with {@code -Djuv.watchdog.millis}: a loop
 * whose one timer callback blocks for 300 ms, then a pause for the watchdog's last report.
 */
public final class WatchdogPropertyProbe {
    private WatchdogPropertyProbe() {
    }

    /**
     * Runs the probe.
     *
     * @param args none
     * @throws InterruptedException if interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        Loop loop = new Loop();
        new Timer(loop).start(t -> probeBlocksTheLoop(), 1, 0);
        loop.run(RunMode.DEFAULT);
        Thread.sleep(200); // the end of the stall is reported a tick after it
        System.out.println("probe done");
    }

    private static void probeBlocksTheLoop() {
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
