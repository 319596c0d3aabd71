package org.sandpaint.download;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/** Runs downloads in the background, a few at a time; each can be cancelled. */
public final class DownloadQueue implements AutoCloseable {

    private final ExecutorService workers;

    public DownloadQueue(int parallel) {
        if (parallel < 1) {
            throw new IllegalArgumentException("At least one download must run at a time, got " + parallel + ".");
        }
        this.workers = Executors.newFixedThreadPool(parallel, r -> {
            Thread t = new Thread(r, "sandpaint-download");
            t.setDaemon(true);
            return t;
        });
    }

    /** A queued or running download. */
    public record Job(FileDownload download, Future<Path> result, AtomicBoolean cancelled) {
        /** Stops it between two buffers; its {@code .part} stays so that a new run resumes it. */
        public void cancel() {
            cancelled.set(true);
            result.cancel(false);
        }
    }

    public Job submit(FileDownload download, Consumer<DownloadProgress> progress) {
        AtomicBoolean cancelled = new AtomicBoolean();
        Future<Path> result = workers.submit(() -> download.run(progress, cancelled));
        return new Job(download, result, cancelled);
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
