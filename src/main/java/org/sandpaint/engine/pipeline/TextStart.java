package org.sandpaint.engine.pipeline;

import org.sandpaint.engine.scheduler.Scheduler;

/** Text to image: each image's own noise, scaled to the scheduler's first sigma. */
final class TextStart implements LatentStart {

    @Override
    public int skippedSteps(int steps) {
        return 0;
    }

    @Override
    public StartLatents prepare(BatchSetup setup, Scheduler scheduler, int first) {
        float[] latents = setup.firstNoise();
        float sigma = scheduler.initNoiseSigma();
        for (int i = 0; i < latents.length; i++) {
            latents[i] *= sigma;
        }
        return StartLatents.denoise(latents, null, null, StartLatents.StepConstraint.NONE);
    }
}
