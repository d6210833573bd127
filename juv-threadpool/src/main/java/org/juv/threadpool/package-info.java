/**
 * juv-threadpool: the worker pool that runs blocking work for loops, and {@link
 * org.juv.threadpool.Work} ({@code uv_queue_work}).
 *
 * <p><b>Threading.</b> {@link org.juv.threadpool.ThreadPool} is thread-safe. A request is
 * submitted and cancelled on its loop's thread; its work runs on a pool thread and must not touch
 * handles; its completion runs on the loop thread, in the poll phase, in completion order, through
 * one internal async handle per loop.
 *
 * <p><b>Ownership.</b> A request belongs to its loop from submission until its callback starts;
 * while in flight it keeps the loop alive and makes {@link org.juv.core.Loop#close()} fail with
 * {@code EBUSY}. Other modules (fs, DNS) build their requests on {@link
 * org.juv.threadpool.PoolTask}.
 */
package org.juv.threadpool;
