package org.sandpaint.engine.scheduler;

import org.sandpaint.engine.random.NoiseSource;
import org.sandpaint.engine.random.SdeNoiseSource;

/**
 * The sigmas of the k-diffusion SDE samplers (DPM++ SDE, 2M SDE, 3M SDE): the same plan as the other sigma
 * samplers (so every schedule type applies), with a final sigma of 0. The WebUI runs DPM++ 3M SDE with
 * {@code discard_next_to_last_sigma}: it plans one step more and drops the last non-zero sigma.
 */
final class SdeSigmas {

    private SdeSigmas() {
    }

    /** The setup of a k-diffusion style sampler with one UNet call per sigma. */
    static SigmaScheduler.Setup setup(SchedulerConfig config, int steps, boolean discardNextToLast) {
        if (config.predictionType() == PredictionType.SAMPLE) {
            throw new IllegalArgumentException("The DPM++ SDE samplers support prediction_type epsilon and "
                    + "v_prediction only; use Euler for prediction_type sample");
        }
        int planned = discardNextToLast ? steps + 1 : steps;
        float[] alphasCumprod = SigmaScheduler.alphasCumprod(config, true);
        SigmaSchedule.Plan plan = SigmaSchedule.plan(config, alphasCumprod, planned,
                SigmaSchedule.Options.forLmsOrHeun(config));
        float[] sigmas = SigmaSchedule.toFloat32WithFinal(plan.sigmas(), 0f);
        float[] timesteps = plan.timesteps();
        if (discardNextToLast) {
            float[] kept = new float[steps + 1];
            System.arraycopy(sigmas, 0, kept, 0, steps);
            kept[steps] = 0f;
            sigmas = kept;
            timesteps = java.util.Arrays.copyOf(timesteps, steps);
        }
        return new SigmaScheduler.Setup(timesteps, sigmas, config.predictionType(),
                config.getString("timestep_spacing", "linspace"));
    }

    /** k-diffusion's half log-SNR time of a sigma: t = -log(sigma), in float32. */
    static float time(float sigma) {
        return -(float) Math.log(sigma);
    }

    /** -expm1(x) in float32: 1 - e^x without cancellation. */
    static float oneMinusExp(float x) {
        return -(float) Math.expm1(x);
    }

    /**
     * The noise of the move from {@code sigma} to {@code sigmaNext}: from the source's Brownian tree when it
     * has one (the WebUI's noise), else the source's next {@code randn}.
     */
    static float[] noise(NoiseSource source, float[] scheduleSigmas, float sigma, float sigmaNext, int count) {
        if (!(source instanceof SdeNoiseSource sde)) {
            return source.randn(count);
        }
        float min = Float.MAX_VALUE;
        float max = 0f;
        for (float s : scheduleSigmas) {
            if (s > 0f) {
                min = Math.min(min, s);
            }
            max = Math.max(max, s);
        }
        return sde.between(min, max, sigma, sigmaNext, count);
    }

    /** x + noise * sigmaNext * scale, with the products rounded in torch's order. */
    static void addNoise(float[] x, float[] noise, float sigmaNext, float scale) {
        for (int i = 0; i < x.length; i++) {
            x[i] = x[i] + noise[i] * sigmaNext * scale;
        }
    }

    static void requireNoise(Object noise, String sampler) {
        if (noise == null) {
            throw new IllegalArgumentException(sampler + " adds fresh noise every step; pass a NoiseSource "
                    + "(e.g. the generation's TorchGenerator)");
        }
    }
}
