package org.sandpaint.engine.scheduler;

import org.sandpaint.engine.random.NoiseSource;

/**
 * Latent consistency models (Luo et al. 2023), ported from diffusers' LCMScheduler: each step maps the
 * sample straight to a clean estimate through the consistency boundary condition, then (except on the
 * last step) re-noises it to the next timestep with fresh noise. The timesteps are a subset of the
 * {@code original_inference_steps} schedule the model was distilled on.
 */
final class Lcm extends IntegerTimestepScheduler {

    private static final float SIGMA_DATA = 0.5f;

    private final DdpmAlphas alphas;
    private final PredictionType prediction;
    private final float timestepScaling;

    public Lcm(SchedulerConfig config, int steps) {
        super(timestepsFor(config, steps));
        this.alphas = new DdpmAlphas(config, true);
        this.prediction = config.predictionType();
        this.timestepScaling = (float) config.getDouble("timestep_scaling", 10.0);
    }

    private static int[] timestepsFor(SchedulerConfig config, int steps) {
        int original = config.getInt("original_inference_steps", 50);
        int trainSteps = config.getInt("num_train_timesteps", 1000);
        if (steps < 1 || steps > original) {
            throw new IllegalArgumentException("LCM takes 1 to " + original + " steps (the schedule it was distilled "
                    + "on), got " + steps + ". 4 to 8 steps is typical.");
        }
        int k = trainSteps / original;
        // The distillation timesteps k-1, 2k-1, ..., descending; `steps` of them picked at even index spacing.
        int[] origin = new int[original];
        for (int i = 0; i < original; i++) {
            origin[i] = (original - i) * k - 1;
        }
        int[] timesteps = new int[steps];
        for (int i = 0; i < steps; i++) {
            timesteps[i] = origin[(int) Math.floor((double) i * original / steps)];
        }
        return timesteps;
    }

    @Override
    public StepResult step(float[] modelOutput, int index, float[] sample, NoiseSource noise) {
        int t = timestep(index);
        boolean last = index == callCount() - 1;
        int prevT = last ? t : timestep(index + 1);
        float alphaProd = alphas.at(t);
        float alphaProdPrev = alphas.at(prevT);
        float sqrtA = (float) Math.sqrt(alphaProd);
        float sqrtB = (float) Math.sqrt(1f - alphaProd);
        float scaled = t * timestepScaling;
        float cSkip = SIGMA_DATA * SIGMA_DATA / (scaled * scaled + SIGMA_DATA * SIGMA_DATA);
        float cOut = scaled / (float) Math.sqrt(scaled * scaled + SIGMA_DATA * SIGMA_DATA);

        float[] denoised = new float[sample.length];
        for (int i = 0; i < sample.length; i++) {
            float x0 = switch (prediction) {
                case EPSILON -> (sample[i] - sqrtB * modelOutput[i]) / sqrtA;
                case SAMPLE -> modelOutput[i];
                case V_PREDICTION -> sqrtA * sample[i] - sqrtB * modelOutput[i];
            };
            denoised[i] = cOut * x0 + cSkip * sample[i];
        }
        if (last) {
            return new StepResult(denoised, denoised);
        }
        float[] eps = noise.randn(sample.length);
        float a = (float) Math.sqrt(alphaProdPrev);
        float b = (float) Math.sqrt(1f - alphaProdPrev);
        float[] prev = new float[sample.length];
        for (int i = 0; i < prev.length; i++) {
            prev[i] = a * denoised[i] + b * eps[i];
        }
        return new StepResult(prev, denoised);
    }

    @Override
    public float[] addNoise(float[] original, float[] noise, int index) {
        return alphas.addNoise(original, noise, timestep(index));
    }
}
