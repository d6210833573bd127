package org.juv.fs;

/**
 * What {@code stat} tells about a file: every field of libuv's {@code uv_stat_t}.
 *
 * @param dev       the device
 * @param mode      type and permission bits ({@code S_IFMT}, {@code 0777}, setuid, ...)
 * @param nlink     hard links
 * @param uid       owner
 * @param gid       group
 * @param rdev      the device, for device files
 * @param ino       the inode
 * @param size      bytes
 * @param blksize   the preferred I/O block size
 * @param blocks    512-byte blocks allocated
 * @param flags     user flags (0 on Linux)
 * @param gen       the generation number (0 on Linux)
 * @param atime     last access
 * @param mtime     last modification
 * @param ctime     last status change
 * @param birthtime creation, where the file system records it (else 0)
 */
public record Stat(long dev, long mode, long nlink, long uid, long gid, long rdev, long ino, long size,
        long blksize, long blocks, long flags, long gen, Timespec atime, Timespec mtime, Timespec ctime,
        Timespec birthtime) {
    /** The file type mask of {@link #mode()}. */
    public static final int S_IFMT = 0170000;
    /** A regular file. */
    public static final int S_IFREG = 0100000;
    /** A directory. */
    public static final int S_IFDIR = 0040000;
    /** A symbolic link. */
    public static final int S_IFLNK = 0120000;

    /**
     * Tells whether this is a regular file.
     *
     * @return {@code true} for a regular file
     */
    public boolean isFile() {
        return (mode & S_IFMT) == S_IFREG;
    }

    /**
     * Tells whether this is a directory.
     *
     * @return {@code true} for a directory
     */
    public boolean isDirectory() {
        return (mode & S_IFMT) == S_IFDIR;
    }

    /**
     * Tells whether this is a symbolic link (from {@code lstat}).
     *
     * @return {@code true} for a link
     */
    public boolean isSymbolicLink() {
        return (mode & S_IFMT) == S_IFLNK;
    }
}
