package org.juv.fs;

/**
 * One directory entry. Port of {@code uv_dirent_t}.
 *
 * @param name the entry's name, without its directory
 * @param type what it is
 */
public record Dirent(String name, Type type) {
    /** The kind of entry. Port of {@code uv_dirent_type_t}. */
    public enum Type {
        /** {@code UV_DIRENT_UNKNOWN}. */ UNKNOWN,
        /** {@code UV_DIRENT_FILE}. */ FILE,
        /** {@code UV_DIRENT_DIR}. */ DIR,
        /** {@code UV_DIRENT_LINK}. */ LINK,
        /** {@code UV_DIRENT_FIFO}. */ FIFO,
        /** {@code UV_DIRENT_SOCKET}. */ SOCKET,
        /** {@code UV_DIRENT_CHAR}. */ CHAR,
        /** {@code UV_DIRENT_BLOCK}. */ BLOCK
    }
}
