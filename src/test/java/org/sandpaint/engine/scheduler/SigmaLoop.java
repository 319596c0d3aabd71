package org.sandpaint.engine.scheduler;

import org.sandpaint.engine.random.NoiseSource;

/** The full loops of diffusers' tests for the sigma schedulers, with the dummy model. */
final class SigmaLoop {

    private SigmaLoop() {
    }

    /** {@code deter * init_noise_sigma}, then every UNet call. */
    static float[] fullLoop(Scheduler scheduler, NoiseSource noise) {
        float[] sample = times(SchedulerTestFixtures.dummySampleDeter(), scheduler.initNoiseSigma());
        return loopFrom(scheduler, sample, 0, noise);
    }

    /**
     * The "with_noise" test: the start sample noised to the level of step {@code startStep}, then the
     * remaining calls.
     */
    static float[] withNoiseLoop(Scheduler scheduler, int startStep) {
        float[] sample = times(SchedulerTestFixtures.dummySampleDeter(), scheduler.initNoiseSigma());
        int first = startStep * scheduler.order();
        sample = scheduler.addNoise(sample, SchedulerTestFixtures.dummyNoiseDeter(), first);
        return loopFrom(scheduler, sample, first, null);
    }

    /**
     * As in diffusers' tests, the scaled input replaces the sample, so step() also receives it scaled.
     */
    private static float[] loopFrom(Scheduler scheduler, float[] sample, int first, NoiseSource noise) {
        double[] timesteps = scheduler.timesteps();
        for (int i = first; i < timesteps.length; i++) {
            sample = scheduler.scaleModelInput(sample, i);
            float[] output = SchedulerTestFixtures.dummyModel(sample, timesteps[i]);
            sample = scheduler.step(output, i, sample, noise).prevSample();
        }
        return sample;
    }

    private static float[] times(float[] values, float factor) {
        float[] out = new float[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[i] * factor;
        }
        return out;
    }
}
