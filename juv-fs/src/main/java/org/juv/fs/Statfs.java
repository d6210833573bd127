package org.juv.fs;

/**
 * What {@code statfs} tells about a file system. Port of {@code uv_statfs_t}.
 *
 * @param type   the file system type (Linux's magic number, e.g. 0xEF53 for ext4)
 * @param bsize  the block size
 * @param blocks total blocks
 * @param bfree  free blocks
 * @param bavail free blocks for unprivileged users
 * @param files  total inodes
 * @param ffree  free inodes
 */
public record Statfs(long type, long bsize, long blocks, long bfree, long bavail, long files, long ffree) {
}
