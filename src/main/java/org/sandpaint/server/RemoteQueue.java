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
import java.util.concurrent.atomic.AtomicInteger;
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
        long seed = Engine.resolveSeed(request.seed());
        LinkedBlockingDeque<Integer> pending = new LinkedBlockingDeque<>();
        for (int b = 0; b < request.batchCount(); b++) {
            pending.add(b);
        }
        Map<Integer, List<GeneratedImage>> done = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        AtomicReference<IOException> refused = new AtomicReference<>();
        AtomicInteger remaining = new AtomicInteger(request.batchCount());
        List<Thread> workers = new ArrayList<>();
        for (RemoteBackend backend : backends) {
            Thread worker = new Thread(() -> {
                // A free back end keeps watching until every batch is done: a batch that fails elsewhere
                // comes back to the queue after this one has seen it empty.
                while (remaining.get() > 0 && refused.get() == null) {
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
                        synchronized (done) {
                            done.put(batch, images);
                        }
                        remaining.decrementAndGet();
                        log.accept("batch " + (batch + 1) + "/" + request.batchCount() + " from " + backend);
                    } catch (RemoteBackend.Refused e) {
                        refused.set(e);
                        return;
                    } catch (IOException | RuntimeException e) {
                        pending.addFirst(batch); // another back end takes it
                        synchronized (done) {
                            failures.add(backend + ": " + e.getMessage());
                        }
                        log.accept(backend + " failed (" + e.getMessage() + "); its batch goes back to the queue");
                        return;
                    } catch (InterruptedException e) {
                        pending.addFirst(batch);
                        return;
                    }
                }
            }, "sandpaint-remote-" + backend);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        if (refused.get() != null) {
            throw refused.get();
        }
        if (done.size() < request.batchCount()) {
            throw new IOException("No back end is left to finish the job (" + done.size() + " of "
                    + request.batchCount() + " batches done): " + String.join("; ", failures));
        }
        List<GeneratedImage> images = new ArrayList<>();
        done.values().forEach(images::addAll);
        return images;
    }
}
