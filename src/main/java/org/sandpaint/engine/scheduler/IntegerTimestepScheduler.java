package org.sandpaint.engine.scheduler;

/**
 * What the schedulers on whole training timesteps share (DDIM, PNDM, LCM, DPM-Solver++, UniPC): the UNet
 * input is the sample itself (no sigma scaling) and the initial noise has unit variance.
 */
abstract class IntegerTimestepScheduler implements Scheduler {

    private final int[] timesteps;

    IntegerTimestepScheduler(int[] timesteps) {
        this.timesteps = timesteps.clone();
    }

    /** The training timestep of call {@code index}. */
    final int timestep(int index) {
        return timesteps[index];
    }

    final int callCount() {
        return timesteps.length;
    }

    @Override
    public double[] timesteps() {
        double[] out = new double[timesteps.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = timesteps[i];
        }
        return out;
    }

    @Override
    public float initNoiseSigma() {
        return 1f;
    }

    @Override
    public float[] scaleModelInput(float[] sample, int index) {
        return sample.clone();
    }
}
