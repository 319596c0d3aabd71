package org.sandpaint.engine.scheduler;

import org.sandpaint.engine.random.NoiseSource;

/**
 * Euler's method on the probability-flow ODE in sigma space (k-diffusion's {@code sample_euler}), ported from
 * diffusers' {@code EulerDiscreteScheduler}. Deterministic: the churn options of diffusers' step() are not
 * exposed (pipelines leave them at 0).
 *
 * <p>Config keys: the training schedule, {@code prediction_type}, {@code timestep_spacing},
 * {@code steps_offset}, {@code use_karras_sigmas}, {@code use_exponential_sigmas}, {@code sigma_min},
 * {@code sigma_max}, {@code interpolation_type}, {@code final_sigmas_type}, {@code timestep_type} and
 * {@code rescale_betas_zero_snr}.
 */
final class EulerDiscrete extends SigmaScheduler {

    public EulerDiscrete(SchedulerConfig config, int numInferenceSteps) {
        super(setup(config, numInferenceSteps));
    }

    @Override
    public StepResult step(float[] modelOutput, int index, float[] sample, NoiseSource noise) {
        float sigma = sigma(index);
        float[] x0 = predictOriginal(modelOutput, sample, sigma);
        float[] derivative = derivative(sample, x0, sigma);
        float dt = sigmaAfter(index) - sigma;
        return new StepResult(eulerMove(sample, derivative, dt), x0);
    }

    private static Setup setup(SchedulerConfig config, int steps) {
        float[] alphasCumprod = alphasCumprod(config, true);
        SigmaSchedule.Plan plan = SigmaSchedule.plan(config, alphasCumprod, steps,
                SigmaSchedule.Options.forEuler(config));
        float[] sigmas = SigmaSchedule.toFloat32WithFinal(plan.sigmas(), finalSigma(config, alphasCumprod));
        float[] timesteps = plan.timesteps();
        boolean continuous = config.getString("timestep_type", "discrete").equals("continuous")
                && config.predictionType() == PredictionType.V_PREDICTION;
        if (continuous) {
            // Continuous-time v-prediction models are conditioned on log(sigma) / 4, not on a timestep.
            timesteps = new float[timesteps.length];
            for (int i = 0; i < timesteps.length; i++) {
                timesteps[i] = 0.25f * (float) Math.log(sigmas[i]);
            }
        }
        return new Setup(timesteps, sigmas, config.predictionType(), config.getString("timestep_spacing", "linspace"));
    }

    private static float finalSigma(SchedulerConfig config, float[] alphasCumprod) {
        String type = config.getString("final_sigmas_type", "zero");
        return switch (type) {
            case "zero" -> 0f;
            case "sigma_min" -> SigmaSchedule.trainingSigmas(alphasCumprod)[0];
            default -> throw new IllegalArgumentException("Unsupported final_sigmas_type '" + type
                    + "' in scheduler_config.json; expected zero or sigma_min");
        };
    }
}
