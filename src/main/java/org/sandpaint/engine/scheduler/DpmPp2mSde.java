package org.sandpaint.engine.scheduler;

import org.sandpaint.engine.random.NoiseSource;

/**
 * DPM-Solver++(2M) SDE with the midpoint correction (k-diffusion's {@code sample_dpmpp_2m_sde}), the WebUI's
 * "DPM++ 2M SDE" with its defaults eta 1 and s_noise 1. Each step moves the sample along the SDE in half
 * log-SNR time, corrects with the previous step's clean estimate, and adds fresh noise; the last step (to
 * sigma 0) returns the clean estimate.
 *
 * <p>The noise of each step comes from the pipeline's source: the WebUI's Brownian tree per image
 * ({@link org.sandpaint.engine.random.SdeNoiseSource}), or plain {@code randn} from any other source.
 * Stateful: one instance per generation, {@link #step} called for each index in order.
 */
final class DpmPp2mSde extends SigmaScheduler {

    private float[] previousX0;
    private float previousH;

    DpmPp2mSde(SchedulerConfig config, int steps) {
        super(SdeSigmas.setup(config, steps, false));
    }

    /** With sigmas planned elsewhere (tests feed k-diffusion's own). */
    DpmPp2mSde(Setup setup) {
        super(setup);
    }

    @Override
    public StepResult step(float[] modelOutput, int index, float[] sample, NoiseSource noise) {
        SdeSigmas.requireNoise(noise, "DPM++ 2M SDE");
        float sigma = sigma(index);
        float sigmaNext = sigmaAfter(index);
        float[] x0 = predictOriginal(modelOutput, sample, sigma);
        if (sigmaNext == 0f) {
            previousX0 = x0;
            return new StepResult(x0.clone(), x0);
        }
        float h = SdeSigmas.time(sigmaNext) - SdeSigmas.time(sigma);
        float decay = sigmaNext / sigma * (float) Math.exp(-h);
        float toX0 = SdeSigmas.oneMinusExp(-h - h);
        float[] x = new float[sample.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = decay * sample[i] + toX0 * x0[i];
        }
        if (previousX0 != null) {
            float correction = 0.5f * toX0 * (1f / (previousH / h));
            for (int i = 0; i < x.length; i++) {
                x[i] = x[i] + correction * (x0[i] - previousX0[i]);
            }
        }
        SdeSigmas.addNoise(x, SdeSigmas.noise(noise, sigmas(), sigma, sigmaNext, x.length), sigmaNext, (float) Math.sqrt(SdeSigmas.oneMinusExp(-2f * h)));
        previousX0 = x0;
        previousH = h;
        return new StepResult(x, x0);
    }
}
