package org.sandpaint.engine.pipeline;

import org.sandpaint.engine.StepProgress;
import org.sandpaint.engine.Timings;

import java.time.Duration;

/** Job-wide time keeping: progress, ETA and the stage timings. */
final class JobClock {
    private final long start = System.nanoTime();
    private final int batchCount;
    long text;
    long unet;
    long unetOnnx;
    long scheduler;
    long preview;
    long decode;
    int unetCalls;

    JobClock(int batchCount) {
        this.batchCount = batchCount;
    }

    StepProgress progress(int batchIndex, int step, int steps, double timestep) {
        long elapsed = System.nanoTime() - start;
        double fraction = Math.min(1.0, (batchIndex + (double) step / steps) / batchCount);
        long eta = fraction > 0 ? (long) (elapsed / fraction - elapsed) : 0;
        return new StepProgress(batchIndex, batchCount, step, steps, timestep, fraction,
                Duration.ofNanos(elapsed), Duration.ofNanos(eta));
    }

    Timings timings() {
        return new Timings(System.nanoTime() - start, text, unet, unetOnnx, scheduler, preview, decode, unetCalls);
    }
}
