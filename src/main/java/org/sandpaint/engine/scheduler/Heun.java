package org.sandpaint.engine.scheduler;

import org.sandpaint.engine.random.NoiseSource;

/**
 * Heun's second-order method (k-diffusion's {@code sample_heun}), ported from diffusers'
 * {@code HeunDiscreteScheduler}. Every step but the last makes an Euler predictor call and a corrector call
 * at the predicted point, so {@link #timesteps()} lists each timestep after the first twice: even indices
 * are predictor calls, odd indices correctors. The last step is a plain Euler step to sigma 0.
 *
 * <p>The predictor keeps its sample and slope for the corrector, so a fresh instance serves one generation,
 * with {@link #step} called for each index in order. Config keys: the training schedule (default betas
 * 0.00085..0.012 as in diffusers), {@code prediction_type}, {@code timestep_spacing}, {@code steps_offset},
 * {@code use_karras_sigmas}, {@code use_exponential_sigmas}, {@code clip_sample} and
 * {@code clip_sample_range}.
 */
final class Heun extends SigmaScheduler {

    private final boolean clipSample;
    private final float clipRange;

    /** The predictor's state; null while the next call is a predictor call. */
    private float[] predictorSample;
    private float[] predictorDerivative;
    private float predictorDt;

    public Heun(SchedulerConfig config, int numInferenceSteps) {
        super(setup(config, numInferenceSteps));
        this.clipSample = config.getBoolean("clip_sample", false);
        this.clipRange = (float) config.getDouble("clip_sample_range", 1.0);
    }

    @Override
    public int order() {
        return 2;
    }

    @Override
    public StepResult step(float[] modelOutput, int index, float[] sample, NoiseSource noise) {
        boolean corrector = index % 2 == 1;
        if (corrector != (predictorSample != null)) {
            throw new IllegalStateException("Heun step " + index + " called out of order: each predictor call "
                    + "(even index) must be followed by its corrector (odd index); call step() for every index "
                    + "of timesteps() in order on a fresh scheduler");
        }
        return corrector ? correct(modelOutput, index, sample) : predict(modelOutput, index, sample);
    }

    private StepResult predict(float[] modelOutput, int index, float[] sample) {
        float sigma = sigma(index);
        float[] x0 = clip(predictOriginal(modelOutput, sample, sigma));
        float[] derivative = derivative(sample, x0, sigma);
        float dt = sigmaAfter(index) - sigma;
        predictorSample = sample;
        predictorDerivative = derivative;
        predictorDt = dt;
        return new StepResult(eulerMove(sample, derivative, dt), x0);
    }

    /** Re-does the predictor's step with the average of its slope and the slope at the predicted point. */
    private StepResult correct(float[] modelOutput, int index, float[] sample) {
        float sigmaNext = sigma(index);
        float[] x0 = clip(predictOriginal(modelOutput, sample, sigmaNext));
        float[] derivative = derivative(sample, x0, sigmaNext);
        for (int i = 0; i < derivative.length; i++) {
            derivative[i] = (predictorDerivative[i] + derivative[i]) / 2f;
        }
        float[] prev = eulerMove(predictorSample, derivative, predictorDt);
        predictorSample = null;
        predictorDerivative = null;
        return new StepResult(prev, x0);
    }

    private float[] clip(float[] x0) {
        if (clipSample) {
            for (int i = 0; i < x0.length; i++) {
                x0[i] = Math.max(-clipRange, Math.min(clipRange, x0[i]));
            }
        }
        return x0;
    }

    /** Each timestep and sigma after the first is listed twice: once for the corrector, once for the next predictor. */
    private static Setup setup(SchedulerConfig config, int steps) {
        SchedulerConfig withDefaults = config;
        if (!config.has("beta_start")) {
            withDefaults = withDefaults.with("beta_start", 0.00085);
        }
        if (!config.has("beta_end")) {
            withDefaults = withDefaults.with("beta_end", 0.012);
        }
        float[] alphasCumprod = alphasCumprod(withDefaults, false);
        SigmaSchedule.Plan plan = SigmaSchedule.plan(withDefaults, alphasCumprod, steps,
                SigmaSchedule.Options.forLmsOrHeun(withDefaults));
        float[] sigmas = SigmaSchedule.toFloat32WithFinal(plan.sigmas(), 0f);
        float[] timesteps = plan.timesteps();

        int n = timesteps.length;
        float[] calls = new float[2 * n - 1];
        float[] callSigmas = new float[2 * n];
        calls[0] = timesteps[0];
        callSigmas[0] = sigmas[0];
        for (int k = 1; k < n; k++) {
            calls[2 * k - 1] = timesteps[k];
            calls[2 * k] = timesteps[k];
            callSigmas[2 * k - 1] = sigmas[k];
            callSigmas[2 * k] = sigmas[k];
        }
        callSigmas[2 * n - 1] = sigmas[n];
        return new Setup(calls, callSigmas, config.predictionType(), config.getString("timestep_spacing", "linspace"));
    }
}
