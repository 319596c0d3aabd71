package org.sandpaint.studio;

import org.sandpaint.engine.Engine;
import org.sandpaint.engine.EngineOptions;
import org.sandpaint.engine.GenerationControl;
import org.sandpaint.engine.GenerationRequest;
import org.sandpaint.engine.GenerationResult;
import org.sandpaint.engine.ProgressListener;
import org.sandpaint.engine.Device;
import org.sandpaint.engine.ModelException;
import org.sandpaint.engine.Optimization;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * The real engine behind {@link EngineService}, and the one owner of its lifetime: models are opened, run
 * and closed on a single worker thread, and the token counter (called on the UI thread) reads the current
 * engine under the same lock that replaces and closes it, so nothing ever touches a closed engine.
 */
public final class OnnxEngineService implements EngineService {

    private static final String NO_MODEL_COUNT = "0/75";

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sandpaint-engine");
        t.setDaemon(true);
        return t;
    });
    private final Object lock = new Object();
    private final Path hashCache;
    /** Guarded by {@code lock}; only the worker thread replaces or closes it. */
    private Engine engine;
    private boolean closed;

    /** @param hashCache where model hashes are cached between runs (null: in memory only) */
    public OnnxEngineService(Path hashCache) {
        this.hashCache = hashCache;
    }

    @Override
    public CompletableFuture<LoadedModel> load(Path folder, Device device) {
        return submit(() -> {
            Engine loaded = Engine.open(folder, new EngineOptions(device, Optimization.EXTENDED, 0, hashCache));
            Engine previous;
            synchronized (lock) {
                if (closed) {
                    loaded.close();
                    throw new IllegalStateException("The studio is closing; the model was not loaded.");
                }
                previous = engine;
                engine = loaded;
            }
            if (previous != null) {
                previous.close(); // no reader can reach it any more: the counter takes the engine under the lock
            }
            return new LoadedModel(loaded.model().name(), loaded.unetChannels() == 9, loaded.provider(),
                    loaded.model().nativeSize(), loaded.cudaFallbackReason());
        });
    }

    @Override
    public CompletableFuture<GenerationResult> generate(GenerationRequest request, ProgressListener listener,
                                                        GenerationControl control) {
        return submit(() -> {
            Engine current;
            synchronized (lock) {
                if (closed) {
                    throw new IllegalStateException("The studio is closing; the job was not run.");
                }
                current = engine;
            }
            if (current == null) {
                throw new IllegalStateException("No model is loaded: choose a model folder first.");
            }
            // Safe without the lock: only this worker thread closes engines, and it is busy here.
            return current.generate(request, listener, control);
        });
    }

    @Override
    public String tokenCounter(String prompt) {
        synchronized (lock) {
            return engine == null || closed ? NO_MODEL_COUNT : engine.tokenCounter(prompt);
        }
    }

    /** From now on nothing reaches the engine; it is closed on the worker once the running job (if any) ends. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
        }
        try {
            worker.submit(() -> {
                synchronized (lock) {
                    if (engine != null) {
                        engine.close();
                        engine = null;
                    }
                }
            });
        } catch (RejectedExecutionException alreadyClosed) {
            return;
        }
        worker.shutdown();
    }

    private interface EngineWork<T> {
        T run() throws ModelException;
    }

    private <T> CompletableFuture<T> submit(EngineWork<T> work) {
        try {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return work.run();
                } catch (ModelException e) {
                    throw new CompletionException(e);
                }
            }, worker);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new IllegalStateException("The studio is closing."));
        }
    }
}
