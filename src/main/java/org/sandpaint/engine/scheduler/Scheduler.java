package org.sandpaint.engine.scheduler;

import org.sandpaint.engine.random.NoiseSource;

/**
 * A diffusion sampler, ported from the diffusers scheduler of the same name.
 *
 * <p>A scheduler is built for a fixed number of inference steps. The pipeline calls the UNet once per
 * entry of {@link #timesteps()} (Heun and PNDM list some timesteps twice) and passes the entry's index to
 * every method, so a scheduler never has to search its own timestep list. Arrays are flat float32
 * latents of any shape; all arithmetic is element-wise.
 */
public interface Scheduler {

    /** Timesteps in the order the UNet is called; fractional for sigma-based samplers. */
    double[] timesteps();

    /** Standard deviation of the initial noise: initial latents are {@code randn * initNoiseSigma()}. */
    float initNoiseSigma();

    /** The UNet input for call {@code index}; a new array, {@code sample} is left untouched. */
    float[] scaleModelInput(float[] sample, int index);

    /**
     * Advances the sample by one UNet call.
     *
     * @param modelOutput the (guided) UNet prediction for call {@code index}
     * @param index       position in {@link #timesteps()}
     * @param sample      the current latents (not modified)
     * @param noise       source of fresh noise for stochastic samplers; deterministic ones ignore it
     */
    StepResult step(float[] modelOutput, int index, float[] sample, NoiseSource noise);

    /** {@code original} noised to the level of call {@code index} (img2img start, inpaint blending). */
    float[] addNoise(float[] original, float[] noise, int index);

    /** UNet calls per step: 2 for Heun, 1 otherwise (diffusers' {@code order}). */
    default int order() {
        return 1;
    }
}
