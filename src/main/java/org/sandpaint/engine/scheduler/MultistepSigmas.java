package org.sandpaint.engine.scheduler;

/**
 * The timesteps and sigmas of diffusers' multistep solvers (DPM-Solver++, UniPC): integer timesteps
 * from {@code steps + 1} evenly spaced points with the last dropped, sigmas interpolated from the
 * training sigmas (or Karras-spaced), plus the final sigma: 0 ("zero") or the smallest training sigma
 * ("sigma_min"). Also the VP conversion sigma -> (alpha_t, sigma_t) both solvers work in.
 */
final class MultistepSigmas {

    final int[] timesteps;
    /** One per timestep, then the final sigma. */
    final float[] sigmas;

    MultistepSigmas(SchedulerConfig config, int steps) {
        float[] acp = NoiseSchedule.from(config).alphasCumprod();
        int trainSteps = acp.length;
        if (steps < 1 || steps > trainSteps) {
            throw new IllegalArgumentException("Steps must be between 1 and " + trainSteps + ", got " + steps + ".");
        }
        String spacing = config.getString("timestep_spacing", "linspace");
        int[] ts = switch (spacing) {
            case "linspace" -> {
                double[] ramp = SigmaSchedule.numpyLinspace(0, trainSteps - 1, steps + 1);
                int[] out = new int[steps];
                for (int i = 0; i < steps; i++) {
                    out[i] = (int) Math.rint(ramp[steps - i]);
                }
                yield out;
            }
            case "leading" -> {
                int ratio = trainSteps / (steps + 1);
                int[] out = new int[steps];
                for (int i = 0; i < steps; i++) {
                    out[i] = (steps - i) * ratio + config.getInt("steps_offset", 0);
                }
                yield out;
            }
            case "trailing" -> {
                float[] f = SigmaSchedule.spacedTimesteps("trailing", trainSteps, steps, 0);
                int[] out = new int[f.length];
                for (int i = 0; i < out.length; i++) {
                    out[i] = (int) f[i];
                }
                yield out;
            }
            default -> throw new IllegalArgumentException("Unsupported timestep_spacing '" + spacing + "'.");
        };
        float[] train = SigmaSchedule.trainingSigmas(acp);
        boolean sigmaMin = "sigma_min".equals(config.getString("final_sigmas_type", "zero"));
        float finalSigma = sigmaMin ? train[0] : 0f;
        double[] chosen;
        SigmaSchedule.Spacing sigmaSpacing = SigmaSchedule.Options.spacingOf(config);
        if (sigmaSpacing != SigmaSchedule.Spacing.INTERPOLATED) {
            // As diffusers does for Karras (and exponential) sigmas: the sigmas as spaced, the timesteps the
            // nearest whole training timesteps to them.
            float[] logs = new float[train.length];
            for (int i = 0; i < logs.length; i++) {
                logs[i] = (float) Math.log(train[i]);
            }
            chosen = switch (sigmaSpacing) {
                case KARRAS -> SigmaSchedule.karras(train[0], train[train.length - 1], steps);
                case EXPONENTIAL -> SigmaSchedule.exponential(train[0], train[train.length - 1], steps);
                default -> SigmaSchedule.sgmUniform(train, steps).sigmas();
            };
            for (int i = 0; i < steps; i++) {
                ts[i] = (int) Math.rint(SigmaSchedule.sigmaToTimestep(chosen[i], logs));
            }
            finalSigma = sigmaMin ? (float) chosen[steps - 1] : 0f;
        } else {
            float[] asFloat = new float[ts.length];
            for (int i = 0; i < ts.length; i++) {
                asFloat[i] = ts[i];
            }
            chosen = SigmaSchedule.interpolate(asFloat, train);
        }
        this.timesteps = ts;
        this.sigmas = SigmaSchedule.toFloat32WithFinal(chosen, finalSigma);
    }

    /** alpha_t = 1 / sqrt(sigma^2 + 1). */
    static float alpha(float sigma) {
        return 1f / (float) Math.sqrt(sigma * sigma + 1f);
    }

    /** lambda = log(alpha_t) - log(sigma_t), the half log-SNR the solvers step in. */
    static float lambda(float sigma) {
        float alpha = alpha(sigma);
        float sigmaT = sigma * alpha;
        return (float) Math.log(alpha) - (float) Math.log(sigmaT);
    }

    /** The x0 prediction from the model output at noise level sigma (data prediction, "++"). */
    static float[] dataPrediction(float[] output, float[] sample, float sigma, PredictionType prediction) {
        float alpha = alpha(sigma);
        float sigmaT = sigma * alpha;
        float[] x0 = new float[sample.length];
        for (int i = 0; i < x0.length; i++) {
            x0[i] = switch (prediction) {
                case EPSILON -> (sample[i] - sigmaT * output[i]) / alpha;
                case SAMPLE -> output[i];
                case V_PREDICTION -> alpha * sample[i] - sigmaT * output[i];
            };
        }
        return x0;
    }

    /** Forward noising at sigma: alpha_t * x + sigma_t * noise. */
    static float[] addNoise(float[] original, float[] noise, float sigma) {
        float alpha = alpha(sigma);
        float sigmaT = sigma * alpha;
        float[] out = new float[original.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = alpha * original[i] + sigmaT * noise[i];
        }
        return out;
    }
}
