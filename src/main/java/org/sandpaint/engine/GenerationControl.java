package org.sandpaint.engine;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Lets another thread stop a running job. Interrupt ends the job after the current step and keeps the
 * partial images; skip abandons the current batch and goes on with the next one (the WebUI's buttons).
 */
public final class GenerationControl {

    private final AtomicBoolean interrupted = new AtomicBoolean();
    private final AtomicBoolean skipped = new AtomicBoolean();

    public void interrupt() {
        interrupted.set(true);
    }

    public void skip() {
        skipped.set(true);
    }

    public boolean isInterrupted() {
        return interrupted.get();
    }

    /** True once per skip request: the batch that sees it is abandoned, the next one runs. */
    public boolean takeSkip() {
        return skipped.getAndSet(false);
    }
}
