package org.sandpaint.server;

import org.sandpaint.engine.Engine;
import org.sandpaint.engine.GeneratedImage;
import org.sandpaint.engine.GenerationRequest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Runs one job on several remote back ends: each batch of the job (one image of the batch count) goes to
 * whichever back end is free. A back end that fails or vanishes mid-batch gives its batch back to the queue
 * and takes no more; the job fails only when no back end is left. Pictures are the same as a local run's:
 * batch b is sent with seed + b x batch size, as the engine seeds it.
 */
public final class RemoteQueue {

    private final List<RemoteBackend> backends;
    private final Consumer<String> log;

    public RemoteQueue(List<RemoteBackend> backends, Consumer<String> log) {
        if (backends.isEmpty()) {
            throw new IllegalArgumentException("Name at least one back end.");
        }
        this.backends = List.copyOf(backends);
        this.log = log;
    }

    /** The job's pictures in seed order. */
    public List<GeneratedImage> generate(GenerationRequest request) throws IOException, InterruptedException {
        Job job = new Job(request, Engine.resolveSeed(request.seed()));
        List<Thread> workers = new ArrayList<>();
        for (RemoteBackend backend : backends) {
            Thread worker = new Thread(() -> job.work(backend), "sandpaint-remote-" + backend);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        return job.images();
    }

    /** One job's batches: those waiting, those done, and why back ends dropped out. */
    private final class Job {
        private final GenerationRequest request;
        private final long seed;
        private final LinkedBlockingDeque<Integer> pending = new LinkedBlockingDeque<>();
        private final Map<Integer, List<GeneratedImage>> done = new TreeMap<>(); // guarded by this
        private final List<String> failures = new ArrayList<>(); // guarded by this
        private final AtomicReference<IOException> refused = new AtomicReference<>();

        Job(GenerationRequest request, long seed) {
            this.request = request;
            this.seed = seed;
            for (int b = 0; b < request.batchCount(); b++) {
                pending.add(b);
            }
        }

        /**
         * One back end's loop. A free back end keeps watching until every batch is done, because a batch that
         * fails elsewhere may come back to the queue after this one has seen it empty.
         */
        void work(RemoteBackend backend) {
            while (!finished() && refused.get() == null) {
                Integer batch;
                try {
                    batch = pending.poll(50, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    return;
                }
                if (batch == null) {
                    continue;
                }
                GenerationRequest one = request.toBuilder().batchCount(1)
                        .seed(seed + (long) batch * request.batchSize()).build();
                try {
                    List<GeneratedImage> images = backend.generate(one);
                    synchronized (this) {
                        done.put(batch, images);
                    }
                    log.accept("batch " + (batch + 1) + "/" + request.batchCount() + " from " + backend);
                } catch (RemoteBackend.Refused e) {
                    refused.set(e); // the request itself is wrong: every back end would refuse it
                    return;
                } catch (IOException | RuntimeException | InterruptedException e) {
                    pending.addFirst(batch);
                    synchronized (this) {
                        failures.add(backend + ": " + e.getMessage());
                    }
                    log.accept(backend + " failed (" + e.getMessage() + "); its batch goes back to the queue");
                    return;
                }
            }
        }

        synchronized boolean finished() {
            return done.size() == request.batchCount();
        }

        synchronized List<GeneratedImage> images() throws IOException {
            if (refused.get() != null) {
                throw refused.get();
            }
            if (!finished()) {
                throw new IOException("No back end is left to finish the job (" + done.size() + " of "
                        + request.batchCount() + " batches done): " + String.join("; ", failures));
            }
            List<GeneratedImage> images = new ArrayList<>();
            done.values().forEach(images::addAll);
            return images;
        }
    }
}
