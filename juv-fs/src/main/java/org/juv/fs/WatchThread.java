package org.juv.fs;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;

/**
 * The process's one {@link WatchService} (inotify on Linux) and the daemon thread that waits on
 * it: a {@code WatchService} cannot be put on a selector, so this thread hands each batch of
 * events to the loop of every {@link FsEvent} watching that directory, through
 * {@link org.juv.core.Loop#execute}.
 */
final class WatchThread implements Runnable {
    /** One started FsEvent: its directory key, and the file name it filters on (or null). */
    static final class Subscription {
        final FsEvent handle;
        final WatchKey key;
        final String only;
        /** Set by unsubscribe: the watch thread stops posting for it. */
        volatile boolean cancelled;

        Subscription(FsEvent handle, WatchKey key, String only) {
            this.handle = handle;
            this.key = key;
            this.only = only;
        }
    }

    /** One event for a handle: the entry's name and libuv's event bits. */
    static final class Event {
        final String name;
        final int events;

        Event(String name, int events) {
            this.name = name;
            this.events = events;
        }
    }

    private static WatchThread instance;

    private final WatchService service;
    private final ConcurrentHashMap<WatchKey, CopyOnWriteArrayList<Subscription>> subscriptions = new ConcurrentHashMap<>();

    private WatchThread(WatchService service) {
        this.service = service;
    }

    static synchronized WatchThread get() throws IOException {
        if (instance == null) {
            instance = new WatchThread(FileSystems.getDefault().newWatchService());
            Thread t = new Thread(instance, "juv-fs-event");
            t.setDaemon(true);
            t.start();
        }
        return instance;
    }

    Subscription subscribe(FsEvent handle, Path dir, String only) throws IOException {
        synchronized (this) {
            WatchKey key = dir.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY);
            Subscription s = new Subscription(handle, key, only);
            subscriptions.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(s);
            return s;
        }
    }

    void unsubscribe(Subscription s) {
        s.cancelled = true;
        synchronized (this) {
            CopyOnWriteArrayList<Subscription> list = subscriptions.get(s.key);
            if (list != null && list.remove(s) && list.isEmpty()) {
                subscriptions.remove(s.key);
                s.key.cancel();
            }
        }
    }

    @Override
    public void run() {
        while (true) {
            WatchKey key;
            try {
                key = service.take();
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            }
            List<WatchEvent<?>> raw = key.pollEvents();
            boolean valid = key.reset();
            List<Subscription> subs = subscriptions.getOrDefault(key, new CopyOnWriteArrayList<>());
            for (Subscription s : subs) {
                List<Event> batch = new ArrayList<>();
                for (WatchEvent<?> e : raw) {
                    if (e.kind() == StandardWatchEventKinds.OVERFLOW) {
                        continue;
                    }
                    String name = e.context().toString();
                    if (s.only != null && !s.only.equals(name)) {
                        continue;
                    }
                    batch.add(new Event(name, e.kind() == StandardWatchEventKinds.ENTRY_MODIFY ? FsEvent.CHANGE : FsEvent.RENAME));
                }
                if (!valid && s.only == null) {
                    // The watched directory itself went away: libuv reports a rename of it.
                    batch.add(new Event(((Path) key.watchable()).getFileName().toString(), FsEvent.RENAME));
                }
                if (!batch.isEmpty() && !s.cancelled) {
                    try {
                        s.handle.loop().execute(() -> s.handle.deliver(s, batch));
                    } catch (RejectedExecutionException closed) {
                        // the loop is closed: nobody to tell
                    }
                }
            }
            if (!valid) {
                subscriptions.remove(key);
            }
        }
    }
}
