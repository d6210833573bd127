/**
 * juv-core: libuv's event loop in Java. {@link org.juv.core.Loop} runs the iteration; handles
 * ({@link org.juv.core.Timer}, {@link org.juv.core.Idle}, {@link org.juv.core.Prepare},
 * {@link org.juv.core.Check}, {@link org.juv.core.Async}) are long-lived objects that do work
 * while active; requests are one-shot operations ({@link org.juv.core.Request}).
 *
 * <p><b>Threading.</b> A loop, its handles and its requests belong to one thread. Every method
 * checks that it is called there and throws {@link java.lang.IllegalStateException} otherwise,
 * with two exceptions that are safe from any thread: {@link org.juv.core.Async#send()} and
 * {@link org.juv.core.Loop#execute(Runnable)}.
 *
 * <p><b>Errors.</b> Codes are libuv's ({@link org.juv.core.ErrorCode}). Asynchronous results
 * arrive in callbacks as a status; synchronous failures throw
 * {@link org.juv.core.UvException}; caller mistakes throw {@code IllegalArgumentException},
 * {@code IllegalStateException} or {@code NullPointerException} at once.
 *
 * <p><b>Ownership.</b> A handle belongs to its loop from construction until its close callback
 * has run. Other juv modules register channels through {@link org.juv.core.IoWatcher} and keep
 * per-loop state through {@link org.juv.core.Loop#extension}.
 */
package org.juv.core;
