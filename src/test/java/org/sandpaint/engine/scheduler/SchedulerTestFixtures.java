package org.sandpaint.engine.scheduler;

import org.sandpaint.engine.random.NoiseSource;

/**
 * The deterministic inputs of diffusers' scheduler tests (scheduler-conformance.md): a [4, 3, 8, 8] sample
 * whose values count up in [C, H, W, B] order, and a dummy model {@code sample * t / (t + 1)}.
 */
final class SchedulerTestFixtures {

    private static final int BATCH = 4;
    private static final int CHANNELS = 3;
    private static final int SIZE = 8;
    private static final int COUNT = BATCH * CHANNELS * SIZE * SIZE;

    private SchedulerTestFixtures() {
    }

    /** arange(768).reshape(C, H, W, B) / 768, permuted to [B, C, H, W] and flattened. */
    static float[] dummySampleDeter() {
        return deter(false);
    }

    /** The same with the counts reversed (767 - idx). */
    static float[] dummyNoiseDeter() {
        return deter(true);
    }

    /** {@code sample * t / (t + 1)} with t cast to float32, as the diffusers test model computes it. */
    static float[] dummyModel(float[] x, double t) {
        float tf = (float) t;
        float[] out = new float[x.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = x[i] * tf / (tf + 1f);
        }
        return out;
    }

    /**
     * diffusers' loop for the integer-timestep schedulers (DDIM, PNDM, DPM-Solver, UniPC): the dummy model
     * sees the unscaled sample. Starts at call {@code start}, as the "with_noise" tests and img2img do;
     * {@code noise} is null for the deterministic ones.
     */
    static float[] loopFrom(Scheduler scheduler, float[] sample, int start, NoiseSource noise) {
        float[] x = sample;
        double[] ts = scheduler.timesteps();
        for (int i = start; i < ts.length; i++) {
            x = scheduler.step(dummyModel(x, ts[i]), i, x, noise).prevSample();
        }
        return x;
    }

    /** diffusers' "with_noise" loop: the dummy sample noised to the level of call {@code start}, then the rest. */
    static float[] withNoiseLoop(Scheduler scheduler, int start) {
        return loopFrom(scheduler, scheduler.addNoise(dummySampleDeter(), dummyNoiseDeter(), start), start, null);
    }

    static double sumAbs(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += Math.abs(v);
        }
        return sum;
    }

    static double meanAbs(float[] values) {
        return sumAbs(values) / values.length;
    }

    private static float[] deter(boolean reversed) {
        float[] out = new float[COUNT];
        for (int b = 0; b < BATCH; b++) {
            for (int c = 0; c < CHANNELS; c++) {
                for (int h = 0; h < SIZE; h++) {
                    for (int w = 0; w < SIZE; w++) {
                        int idx = ((c * SIZE + h) * SIZE + w) * BATCH + b;
                        int value = reversed ? COUNT - 1 - idx : idx;
                        out[((b * CHANNELS + c) * SIZE + h) * SIZE + w] = (float) value / COUNT;
                    }
                }
            }
        }
        return out;
    }
}
