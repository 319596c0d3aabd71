package org.sandpaint.server;

import org.sandpaint.engine.Engine;
import org.sandpaint.engine.GenerationControl;
import org.sandpaint.engine.GenerationRequest;
import org.sandpaint.engine.GenerationResult;
import org.sandpaint.engine.Preview;
import org.sandpaint.engine.ProgressListener;
import org.sandpaint.engine.StepProgress;
import org.sandpaint.engine.ModelException;

import java.awt.image.BufferedImage;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One engine, one job at a time: requests wait their turn in arrival order on a single worker thread, so
 * concurrent clients never share a run. Interrupt and skip reach only the job running now.
 */
final class GenerationQueue implements AutoCloseable {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    /** Jobs that may wait at once; each holds its decoded pictures, so the queue must not grow without end. */
    static final int MAX_WAITING = 32;

    private final Engine engine;
    private final Semaphore places = new Semaphore(MAX_WAITING + 1);
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sandpaint-api-worker");
        t.setDaemon(true);
        return t;
    });
    private final Object lock = new Object();
    private RunningJob running; // guarded by lock
    private String lastTimestamp = "0"; // guarded by lock

    GenerationQueue(Engine engine) {
        this.engine = engine;
    }

    Engine engine() {
        return engine;
    }

    /** A finished job and the WebUI-style timestamp of its start. */
    record Ran(GenerationResult result, String jobTimestamp) {
    }

    /** Waits for the job's turn, runs it and returns its result; the job's own failure is rethrown. */
    Ran run(String jobName, GenerationRequest request) throws ModelException, InterruptedException {
        if (!places.tryAcquire()) {
            throw ApiError.of(503, "The server is busy: " + MAX_WAITING + " jobs are already waiting. Try again later.");
        }
        Future<Ran> future = worker.submit(() -> execute(jobName, request));
        try {
            return future.get();
        } catch (CancellationException e) {
            throw ApiError.of(503, "The server is stopping; this job did not run.");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ModelException m) {
                throw m;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(cause.getMessage(), cause);
        } finally {
            places.release();
        }
    }

    private Ran execute(String jobName, GenerationRequest request) throws ModelException {
        RunningJob job = new RunningJob(jobName, request.batchCount(), LocalDateTime.now().format(TIMESTAMP));
        synchronized (lock) {
            running = job;
            lastTimestamp = job.timestamp;
        }
        try {
            return new Ran(engine.generate(request, job, job.control), job.timestamp);
        } finally {
            synchronized (lock) {
                running = null;
            }
        }
    }

    /** Stops the running job after its current step (its partial pictures are returned); false when idle. */
    boolean interrupt() {
        synchronized (lock) {
            if (running == null) {
                return false;
            }
            running.interrupt();
            return true;
        }
    }

    /** Abandons the running job's current batch; false when idle. */
    boolean skip() {
        synchronized (lock) {
            if (running == null) {
                return false;
            }
            running.skip();
            return true;
        }
    }

    /** Where the running job stands, in the WebUI's terms. */
    Progress progress() {
        synchronized (lock) {
            return running == null ? Progress.idle(lastTimestamp) : running.progress();
        }
    }

    /**
     * Stops the running job (after its current step) and waits for it, so the engine is idle when its owner
     * closes it; queued jobs are dropped.
     */
    @Override
    public void close() {
        interrupt();
        for (Runnable waiting : worker.shutdownNow()) {
            ((Future<?>) waiting).cancel(false); // their requests answer 503 instead of waiting forever
        }
        try {
            worker.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The job on the worker thread; its listener methods run there, the rest on request threads. */
    private static final class RunningJob implements ProgressListener {
        final GenerationControl control = new GenerationControl();
        final String name;
        final int batchCount;
        final String timestamp;
        final long startNanos = System.nanoTime();
        private int batchIndex;
        private int step;
        private int totalSteps;
        private boolean skipped;
        private boolean interrupted;
        private BufferedImage preview;

        RunningJob(String name, int batchCount, String timestamp) {
            this.name = name;
            this.batchCount = batchCount;
            this.timestamp = timestamp;
        }

        @Override
        public synchronized void onStep(StepProgress p) {
            if (p.batchIndex() != batchIndex) {
                skipped = false; // the WebUI clears "skipped" when the next batch starts
            }
            batchIndex = p.batchIndex();
            step = p.step();
            totalSteps = p.totalSteps();
        }

        @Override
        public synchronized void onPreview(Preview p) {
            if (!p.images().isEmpty()) {
                preview = p.images().get(0);
            }
        }

        synchronized void interrupt() {
            interrupted = true;
            control.interrupt();
        }

        synchronized void skip() {
            skipped = true;
            control.skip();
        }

        synchronized Progress progress() {
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            return Progress.of(name, batchCount, batchIndex, step, totalSteps, skipped, interrupted, timestamp,
                    seconds, preview);
        }
    }
}
