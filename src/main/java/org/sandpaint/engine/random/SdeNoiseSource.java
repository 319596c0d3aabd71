package org.sandpaint.engine.random;

/**
 * A noise source that can also give the noise of a move between two noise levels, as k-diffusion hands it to
 * the SDE samplers ({@code noise_sampler(sigma, sigma_next)}). Samplers use it when offered, else plain
 * {@link #randn}.
 */
public interface SdeNoiseSource extends NoiseSource {

    /**
     * Standard normal noise of {@code count} values for the move from {@code sigma} to {@code sigmaNext}, for a
     * sampler whose schedule spans [sigmaMin, sigmaMax] (its smallest non-zero and its largest sigma).
     */
    float[] between(float sigmaMin, float sigmaMax, float sigma, float sigmaNext, int count);
}
