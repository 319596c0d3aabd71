package org.sandpaint.studio;

import org.sandpaint.engine.GenerationControl;
import org.sandpaint.engine.GenerationRequest;
import org.sandpaint.engine.GenerationResult;
import org.sandpaint.engine.ProgressListener;
import org.sandpaint.engine.Device;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * The studio's one door to the engine. The view models talk to this interface only, so their tests run on a
 * fake (fast, deterministic) and the app on {@link OnnxEngineService}. Work runs off the UI thread; results
 * and errors come back as futures, events go to the listener on the engine's thread.
 */
public interface EngineService extends AutoCloseable {

    /** Loads a model folder; on success it replaces the current model, on failure the current one stays. */
    CompletableFuture<LoadedModel> load(Path folder, Device device);

    /** Runs one job after any job already submitted. */
    CompletableFuture<GenerationResult> generate(GenerationRequest request, ProgressListener listener,
                                                 GenerationControl control);

    /** The WebUI-style token counter ("12/75") of a prompt for the current model; "0/75" without one. */
    String tokenCounter(String prompt);

    /** Stops the worker and closes the model; afterwards every call fails or answers as without a model. */
    @Override
    void close();
}
