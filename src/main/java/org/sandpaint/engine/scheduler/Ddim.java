package org.sandpaint.engine.scheduler;

import org.sandpaint.engine.random.NoiseSource;

/**
 * DDIM (Song et al. 2020), deterministic (eta = 0), ported from diffusers' DDIMScheduler: the UNet's
 * prediction gives an estimate of the clean sample, which is moved to the previous timestep's noise
 * level along the predicted noise direction. Works on integer timesteps; the input is not scaled.
 */
final class Ddim extends IntegerTimestepScheduler {

    private final DdpmAlphas alphas;
    private final int stepRatio;
    private final PredictionType prediction;
    private final boolean clipSample;
    private final float clipRange;

    public Ddim(SchedulerConfig config, int steps) {
        super(timestepsFor(config, steps));
        this.alphas = new DdpmAlphas(config, true);
        this.prediction = config.predictionType();
        this.clipSample = config.getBoolean("clip_sample", true);
        this.clipRange = (float) config.getDouble("clip_sample_range", 1.0);
        this.stepRatio = config.getInt("num_train_timesteps", 1000) / steps;
    }

    private static int[] timestepsFor(SchedulerConfig config, int steps) {
        if (config.getBoolean("thresholding", false)) {
            throw new IllegalArgumentException("DDIM with thresholding (for pixel-space models) is not supported; "
                    + "set \"thresholding\": false in scheduler_config.json.");
        }
        int trainSteps = config.getInt("num_train_timesteps", 1000);
        if (steps > trainSteps) {
            throw new IllegalArgumentException("DDIM cannot take " + steps + " steps: the model was trained with "
                    + trainSteps + " timesteps.");
        }
        String spacing = config.getString("timestep_spacing", "leading");
        float[] spaced = SigmaSchedule.spacedTimesteps(spacing, trainSteps, steps, config.getInt("steps_offset", 0));
        int[] timesteps = new int[spaced.length];
        for (int i = 0; i < spaced.length; i++) {
            // linspace spacing is rounded to whole timesteps here (numpy's round: halves to even).
            timesteps[i] = (int) Math.rint(spaced[i]);
        }
        return timesteps;
    }

    @Override
    public StepResult step(float[] modelOutput, int index, float[] sample, NoiseSource noise) {
        int t = timestep(index);
        int prev = t - stepRatio;
        float alphaProd = alphas.at(t);
        float alphaProdPrev = alphas.at(prev);
        float betaProd = 1f - alphaProd;
        float sqrtAlpha = (float) Math.sqrt(alphaProd);
        float sqrtBeta = (float) Math.sqrt(betaProd);
        float sqrtAlphaPrev = (float) Math.sqrt(alphaProdPrev);
        float direction = (float) Math.sqrt(1f - alphaProdPrev);

        float[] prevSample = new float[sample.length];
        float[] denoised = new float[sample.length];
        for (int i = 0; i < sample.length; i++) {
            float x = sample[i];
            float out = modelOutput[i];
            float x0;
            float eps;
            switch (prediction) {
                case EPSILON -> {
                    x0 = (x - sqrtBeta * out) / sqrtAlpha;
                    eps = out;
                }
                case SAMPLE -> {
                    x0 = out;
                    eps = (x - sqrtAlpha * x0) / sqrtBeta;
                }
                default -> { // v-prediction
                    x0 = sqrtAlpha * x - sqrtBeta * out;
                    eps = sqrtAlpha * out + sqrtBeta * x;
                }
            }
            if (clipSample) {
                // Only the estimate is clipped; the noise direction stays the unclipped one, as in
                // diffusers (use_clipped_model_output defaults to false).
                x0 = Math.max(-clipRange, Math.min(clipRange, x0));
            }
            denoised[i] = x0;
            prevSample[i] = sqrtAlphaPrev * x0 + direction * eps;
        }
        return new StepResult(prevSample, denoised);
    }

    /** diffusers' _get_variance: the DDPM posterior variance between two timesteps (used when eta > 0). */
    float variance(int t, int prevT) {
        float alphaProd = alphas.at(t);
        float alphaProdPrev = alphas.at(prevT);
        float betaProd = 1f - alphaProd;
        float betaProdPrev = 1f - alphaProdPrev;
        return (betaProdPrev / betaProd) * (1f - alphaProd / alphaProdPrev);
    }

    @Override
    public float[] addNoise(float[] original, float[] noise, int index) {
        return alphas.addNoise(original, noise, timestep(index));
    }
}
