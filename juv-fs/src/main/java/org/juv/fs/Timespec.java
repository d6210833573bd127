package org.juv.fs;

/**
 * A time with nanoseconds. Port of {@code uv_timespec_t}.
 *
 * @param sec  seconds since the epoch
 * @param nsec nanoseconds, 0 to 999 999 999
 */
public record Timespec(long sec, long nsec) {
    /**
     * Returns the time in seconds, as libuv's {@code uv_fs_utime} takes it.
     *
     * @return seconds with a fraction
     */
    public double seconds() {
        return sec + nsec / 1e9;
    }
}
