package org.sandpaint.studio;

import org.sandpaint.engine.Engine;
import org.sandpaint.engine.EngineOptions;
import org.sandpaint.engine.GenerationControl;
import org.sandpaint.engine.GenerationRequest;
import org.sandpaint.engine.GenerationResult;
import org.sandpaint.engine.ProgressListener;
import org.sandpaint.app.UserFolders;
import org.sandpaint.engine.Device;
import org.sandpaint.engine.ModelException;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The studio's one door to the engine: loads models and runs jobs on a single background thread, so the
 * window never waits for the engine. Results and errors come back as futures; events go to the listener
 * on the engine's thread (the view model hands them to the UI thread).
 */
public final class EngineService implements AutoCloseable {

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sandpaint-engine");
        t.setDaemon(true);
        return t;
    });
    private Engine engine;

    /** Loads a model folder, replacing the current one; completes with the engine or a user-facing error. */
    public CompletableFuture<Engine> load(Path folder, Device device) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                Engine loaded = Engine.open(folder, new EngineOptions(device,
                        org.sandpaint.engine.Optimization.EXTENDED, 0,
                        UserFolders.forCurrentUser().modelHashCache()));
                if (engine != null) {
                    engine.close();
                }
                engine = loaded;
                return loaded;
            } catch (ModelException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, worker);
    }

    /** Runs one job after any job already queued. */
    public CompletableFuture<GenerationResult> generate(GenerationRequest request, ProgressListener listener,
                                                        GenerationControl control) {
        return CompletableFuture.supplyAsync(() -> {
            if (engine == null) {
                throw new IllegalStateException("No model is loaded: choose a model folder first.");
            }
            try {
                return engine.generate(request, listener, control);
            } catch (ModelException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, worker);
    }

    @Override
    public void close() {
        worker.submit(() -> {
            if (engine != null) {
                engine.close();
            }
        });
        worker.shutdown();
    }
}
