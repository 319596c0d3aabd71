package org.sandpaint.engine;

/**
 * Receives a job's events on the generating thread; a UI hands them over to its own thread. Listeners
 * must return quickly: the next step waits for them.
 */
public interface ProgressListener {

    ProgressListener NONE = new ProgressListener() { };

    /** After every UNet call. */
    default void onStep(StepProgress progress) {
    }

    /** At checkpoints (full) and between them (cheap), when previews are enabled. */
    default void onPreview(Preview preview) {
    }

    /** As soon as each image is decoded, before the rest of the job finishes. */
    default void onImage(GeneratedImage image) {
    }

    /**
     * Whether the job's result lists its images too. A listener that saves each image in {@link #onImage}
     * answers false, so a job of any length holds one batch of images at a time, not all of them.
     */
    default boolean keepImagesInResult() {
        return true;
    }
}
