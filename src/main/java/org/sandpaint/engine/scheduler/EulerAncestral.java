package org.sandpaint.engine.scheduler;

import org.sandpaint.engine.random.NoiseSource;

/**
 * Euler ancestral sampling (k-diffusion's {@code sample_euler_ancestral}), ported from diffusers'
 * {@code EulerAncestralDiscreteScheduler}: each step goes down to a lower sigma with Euler's method and adds
 * fresh noise back up to the next sigma, so every step draws {@code noise.randn(sample.length)}.
 *
 * <p>Config keys: the training schedule, {@code prediction_type} (epsilon or v_prediction),
 * {@code timestep_spacing}, {@code steps_offset}, {@code rescale_betas_zero_snr}, and (unlike diffusers, which
 * ignores them here, but as the WebUI's schedule types allow) {@code use_karras_sigmas},
 * {@code use_exponential_sigmas} and {@code sgm_uniform_sigmas}.
 */
final class EulerAncestral extends SigmaScheduler {

    public EulerAncestral(SchedulerConfig config, int numInferenceSteps) {
        super(setup(config, numInferenceSteps));
    }

    @Override
    public StepResult step(float[] modelOutput, int index, float[] sample, NoiseSource noise) {
        if (noise == null) {
            throw new IllegalArgumentException("EulerAncestral draws fresh noise every step; pass a NoiseSource "
                    + "(e.g. the generation's TorchGenerator)");
        }
        float sigma = sigma(index);
        float[] x0 = predictOriginal(modelOutput, sample, sigma);

        // Split the move to sigmaTo into a deterministic part down to sigmaDown and a fresh-noise part
        // sigmaUp, with sigmaDown^2 + sigmaUp^2 = sigmaTo^2.
        float from2 = sigma * sigma;
        float sigmaTo = sigmaAfter(index);
        float to2 = sigmaTo * sigmaTo;
        float sigmaUp = (float) Math.sqrt(to2 * (from2 - to2) / from2);
        float sigmaDown = (float) Math.sqrt(to2 - sigmaUp * sigmaUp);

        float[] derivative = derivative(sample, x0, sigma);
        float[] prev = eulerMove(sample, derivative, sigmaDown - sigma);
        float[] fresh = noise.randn(sample.length);
        for (int i = 0; i < prev.length; i++) {
            prev[i] = prev[i] + fresh[i] * sigmaUp;
        }
        return new StepResult(prev, x0);
    }

    private static Setup setup(SchedulerConfig config, int steps) {
        if (config.predictionType() == PredictionType.SAMPLE) {
            throw new IllegalArgumentException("EulerAncestral supports prediction_type epsilon and "
                    + "v_prediction only (as diffusers); use EulerDiscrete for prediction_type sample");
        }
        float[] alphasCumprod = alphasCumprod(config, true);
        SigmaSchedule.Plan plan = SigmaSchedule.plan(config, alphasCumprod, steps,
                SigmaSchedule.Options.forLmsOrHeun(config));
        return new Setup(plan.timesteps(), SigmaSchedule.toFloat32WithFinal(plan.sigmas(), 0f),
                config.predictionType(), config.getString("timestep_spacing", "linspace"));
    }
}
