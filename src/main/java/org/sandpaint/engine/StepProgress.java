package org.sandpaint.engine;

import java.time.Duration;

/**
 * Where a job stands after one UNet call.
 *
 * @param batchIndex   which batch of the job (0-based) is running
 * @param batchCount   batches in the job
 * @param step         sampling steps finished in this batch (Heun needs two calls for one step)
 * @param totalSteps   sampling steps of a batch
 * @param timestep     the timestep just evaluated
 * @param fraction     progress of the whole job, 0..1
 * @param elapsed      time since the job started
 * @param eta          estimated time left (elapsed / fraction - elapsed)
 */
public record StepProgress(int batchIndex, int batchCount, int step, int totalSteps, double timestep,
                           double fraction, Duration elapsed, Duration eta) {

    /** Sampling steps per second over the job so far (the WebUI's it/s). */
    public double stepsPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        double done = fraction * totalSteps * batchCount;
        return seconds > 0 ? done / seconds : 0;
    }
}
