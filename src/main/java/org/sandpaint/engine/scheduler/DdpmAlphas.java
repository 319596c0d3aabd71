package org.sandpaint.engine.scheduler;

/**
 * The alpha-product arithmetic shared by the schedulers that work on integer timesteps (DDIM, PNDM,
 * LCM): look-ups with diffusers' "final alpha" for timesteps before 0, and DDPM forward noising.
 */
final class DdpmAlphas {

    private final float[] alphasCumprod;
    private final float finalAlphaCumprod;

    DdpmAlphas(SchedulerConfig config, boolean setAlphaToOneByDefault) {
        this.alphasCumprod = NoiseSchedule.from(config).alphasCumprod();
        this.finalAlphaCumprod = config.getBoolean("set_alpha_to_one", setAlphaToOneByDefault) ? 1f : alphasCumprod[0];
    }

    int trainSteps() {
        return alphasCumprod.length;
    }

    /** alphas_cumprod[t], or the final alpha for t < 0 (the step past the last timestep). */
    float at(int t) {
        return t >= 0 ? alphasCumprod[t] : finalAlphaCumprod;
    }

    /** sqrt(acp[t]) * x + sqrt(1 - acp[t]) * noise. */
    float[] addNoise(float[] original, float[] noise, int t) {
        float acp = alphasCumprod[t];
        float a = (float) Math.sqrt(acp);
        float b = (float) Math.sqrt(1f - acp);
        float[] out = new float[original.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = a * original[i] + b * noise[i];
        }
        return out;
    }
}
