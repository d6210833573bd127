/**
 * Seeing a loop at work, beyond libuv: {@link org.juv.observe.LoopDelayMonitor} (Node's
 * {@code monitorEventLoopDelay}), {@link org.juv.observe.LoopUtilization} (Node's
 * {@code eventLoopUtilization}), {@link org.juv.observe.StallLogger} (a
 * {@link org.juv.core.Watchdog} listener that logs through slf4j) and
 * {@link org.juv.observe.JuvEvents} (JDK Flight Recorder events for stalls, long callbacks and
 * the pool's queue wait).
 */
package org.juv.observe;
