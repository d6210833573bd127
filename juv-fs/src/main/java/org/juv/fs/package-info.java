/**
 * The file system operations of libuv ({@code uv_fs_*}) as static methods of {@link org.juv.fs.Fs}:
 * with a callback they run on the worker pool and call back on the loop thread; without one they
 * run synchronously and throw {@link org.juv.core.UvException} on failure. Files are {@code int}
 * descriptors, as libuv's {@code uv_file}, from juv's own table.
 */
package org.juv.fs;
