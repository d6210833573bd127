package org.juv.fs;

import java.nio.file.DirectoryStream;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * An open directory stream, read a few entries at a time with {@link Fs#readdir}. Port of
 * {@code uv_dir_t}; made by {@link Fs#opendir} and released by {@link Fs#closedir}.
 */
public final class Dir {
    final DirectoryStream<Path> stream;
    final Iterator<Path> entries;
    volatile boolean closed;

    Dir(DirectoryStream<Path> stream) {
        this.stream = stream;
        this.entries = stream.iterator();
    }
}
