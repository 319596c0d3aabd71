package org.sandpaint.engine.scheduler;

/**
 * The inference timesteps and noise levels (sigmas) of the k-diffusion style schedulers (Euler, Euler a,
 * Heun, LMS), computed the way diffusers' {@code set_timesteps} does: timesteps in float32, sigmas in
 * float64 numpy arithmetic on the float32 training sigmas. Each scheduler then rounds the sigmas to
 * float32 and appends its final sigma.
 */
final class SigmaSchedule {

    /** How the inference sigmas are chosen between the largest and smallest training sigma. */
    enum Spacing { INTERPOLATED, KARRAS, EXPONENTIAL, SGM_UNIFORM }

    /**
     * Our config key for the WebUI's "SGM Uniform" schedule, which diffusers has no key for (its nearest is
     * {@code timestep_spacing: trailing}, which rounds the timesteps).
     */
    static final String SGM_UNIFORM_KEY = "sgm_uniform_sigmas";

    /**
     * The sigma-related config keys a scheduler honours. diffusers' classes differ here: only Euler reads
     * {@code sigma_min}, {@code sigma_max} and {@code interpolation_type}; Euler a ignores Karras sigmas.
     *
     * @param sigmaMin NaN to take the smallest interpolated sigma
     * @param sigmaMax NaN to take the largest interpolated sigma
     */
    record Options(Spacing spacing, boolean logLinear, double sigmaMin, double sigmaMax) {

        static final Options INTERPOLATED = new Options(Spacing.INTERPOLATED, false, Double.NaN, Double.NaN);

        static Options forEuler(SchedulerConfig config) {
            String interpolation = config.getString("interpolation_type", "linear");
            if (!interpolation.equals("linear") && !interpolation.equals("log_linear")) {
                throw new IllegalArgumentException("Unsupported interpolation_type '" + interpolation
                        + "' in scheduler_config.json; expected linear or log_linear");
            }
            return new Options(spacingOf(config), interpolation.equals("log_linear"),
                    config.getDouble("sigma_min", Double.NaN), config.getDouble("sigma_max", Double.NaN));
        }

        static Options forLmsOrHeun(SchedulerConfig config) {
            return new Options(spacingOf(config), false, Double.NaN, Double.NaN);
        }

        static Spacing spacingOf(SchedulerConfig config) {
            boolean karras = config.getBoolean("use_karras_sigmas", false);
            boolean exponential = config.getBoolean("use_exponential_sigmas", false);
            boolean sgmUniform = config.getBoolean(SGM_UNIFORM_KEY, false);
            if (sgmUniform) {
                if (karras || exponential) {
                    throw new IllegalArgumentException(SGM_UNIFORM_KEY + " cannot be combined with use_karras_sigmas "
                            + "or use_exponential_sigmas; choose one schedule");
                }
                return Spacing.SGM_UNIFORM;
            }
            if (config.getBoolean("use_beta_sigmas", false)) {
                throw new IllegalArgumentException("use_beta_sigmas is not supported; set it to false in "
                        + "scheduler_config.json or use use_karras_sigmas instead");
            }
            if (karras && exponential) {
                throw new IllegalArgumentException("Only one of use_karras_sigmas and use_exponential_sigmas "
                        + "can be true in scheduler_config.json");
            }
            return karras ? Spacing.KARRAS : exponential ? Spacing.EXPONENTIAL : Spacing.INTERPOLATED;
        }
    }

    /**
     * @param timesteps float32 timesteps, one per inference step
     * @param sigmas    float64 sigmas, at least one per step (log_linear yields one more), no final sigma
     */
    record Plan(float[] timesteps, double[] sigmas) {
    }

    private SigmaSchedule() {
    }

    /** Builds the plan from {@code timestep_spacing}, {@code steps_offset} and the options. */
    static Plan plan(SchedulerConfig config, float[] alphasCumprod, int steps, Options options) {
        if (steps < 1) {
            throw new IllegalArgumentException("The number of inference steps must be at least 1, got " + steps);
        }
        int trainSteps = config.getInt("num_train_timesteps", 1000);
        float[] timesteps = spacedTimesteps(config.getString("timestep_spacing", "linspace"),
                trainSteps, steps, config.getInt("steps_offset", 0));
        float[] trainSigmas = trainingSigmas(alphasCumprod);
        if (options.spacing() == Spacing.SGM_UNIFORM) {
            return sgmUniform(trainSigmas, steps);
        }
        double[] sigmas = options.logLinear() ? logLinear(trainSigmas, steps) : interpolate(timesteps, trainSigmas);

        if (options.spacing() == Spacing.INTERPOLATED) {
            return new Plan(timesteps, sigmas);
        }
        // With linspace spacing the interpolated extremes are the training ones, except for a single step,
        // whose one timestep is 0; the WebUI takes the model's extremes, so take them here too.
        boolean linspace = config.getString("timestep_spacing", "linspace").equals("linspace");
        double lowest = linspace ? trainSigmas[0] : sigmas[sigmas.length - 1];
        double highest = linspace ? trainSigmas[trainSigmas.length - 1] : sigmas[0];
        double min = Double.isNaN(options.sigmaMin()) ? lowest : options.sigmaMin();
        double max = Double.isNaN(options.sigmaMax()) ? highest : options.sigmaMax();
        double[] spaced = options.spacing() == Spacing.KARRAS ? karras(min, max, steps) : exponential(min, max, steps);
        float[] logSigmas = new float[trainSigmas.length];
        for (int i = 0; i < logSigmas.length; i++) {
            logSigmas[i] = (float) Math.log(trainSigmas[i]);
        }
        float[] matched = new float[spaced.length];
        for (int i = 0; i < spaced.length; i++) {
            matched[i] = (float) sigmaToTimestep(spaced[i], logSigmas);
        }
        return new Plan(matched, spaced);
    }

    /** sqrt((1 - acp) / acp) per training timestep, in float32 as torch computes it. */
    static float[] trainingSigmas(float[] alphasCumprod) {
        float[] out = new float[alphasCumprod.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) Math.sqrt((1f - alphasCumprod[i]) / alphasCumprod[i]);
        }
        return out;
    }

    /** Descending timesteps for the three spacings of "Common Diffusion Noise Schedules ..." (table 2). */
    static float[] spacedTimesteps(String spacing, int trainSteps, int steps, int stepsOffset) {
        float[] out = new float[steps];
        switch (spacing) {
            case "linspace" -> {
                double[] ramp = numpyLinspace(0, trainSteps - 1, steps);
                for (int i = 0; i < steps; i++) {
                    out[i] = (float) ramp[steps - 1 - i];
                }
            }
            case "leading" -> {
                int ratio = trainSteps / steps;
                for (int i = 0; i < steps; i++) {
                    out[i] = (float) ((steps - 1 - i) * ratio) + stepsOffset;
                }
            }
            case "trailing" -> {
                double[] values = numpyArange(trainSteps, 0, -(double) trainSteps / steps);
                out = new float[values.length];
                for (int i = 0; i < values.length; i++) {
                    out[i] = (float) Math.rint(values[i]) - 1f; // numpy rounds halves to even, as rint does
                }
            }
            default -> throw new IllegalArgumentException("Unsupported timestep_spacing '" + spacing
                    + "' in scheduler_config.json; expected linspace, leading or trailing");
        }
        return out;
    }

    /** np.interp(timesteps, arange(len(sigmas)), sigmas): linear interpolation between whole timesteps. */
    static double[] interpolate(float[] timesteps, float[] trainSigmas) {
        int last = trainSigmas.length - 1;
        double[] out = new double[timesteps.length];
        for (int i = 0; i < out.length; i++) {
            double x = timesteps[i];
            if (x <= 0) {
                out[i] = trainSigmas[0];
            } else if (x >= last) {
                out[i] = trainSigmas[last];
            } else {
                int j = (int) Math.floor(x);
                double slope = (double) trainSigmas[j + 1] - trainSigmas[j];
                out[i] = x == j ? trainSigmas[j] : slope * (x - j) + trainSigmas[j];
            }
        }
        return out;
    }

    /**
     * The WebUI's SGM Uniform: {@code steps + 1} evenly spaced fractional timesteps from the last training
     * timestep to 0 (torch.linspace in float32), the last one dropped, each turned into a sigma by
     * k-diffusion's {@code t_to_sigma}: linear interpolation of the float32 log sigmas, then exp.
     */
    static Plan sgmUniform(float[] trainSigmas, int steps) {
        int last = trainSigmas.length - 1;
        float[] ramp = NoiseSchedule.linspace(last, 0f, steps + 1);
        float[] timesteps = java.util.Arrays.copyOf(ramp, steps);
        double[] sigmas = new double[steps];
        for (int i = 0; i < steps; i++) {
            float t = timesteps[i];
            int low = (int) Math.floor(t);
            int high = (int) Math.ceil(t);
            float w = t - low;
            float logLow = (float) Math.log(trainSigmas[low]);
            float logHigh = (float) Math.log(trainSigmas[high]);
            float logSigma = (1f - w) * logLow + w * logHigh;
            sigmas[i] = (float) Math.exp(logSigma);
        }
        return new Plan(timesteps, sigmas);
    }

    /** Karras et al. (2022), eq. 5 with rho = 7: evenly spaced in sigma^(1/rho). */
    static double[] karras(double sigmaMin, double sigmaMax, int steps) {
        double rho = 7.0;
        double minInvRho = Math.pow(sigmaMin, 1 / rho);
        double maxInvRho = Math.pow(sigmaMax, 1 / rho);
        double[] ramp = numpyLinspace(0, 1, steps);
        double[] out = new double[steps];
        for (int i = 0; i < steps; i++) {
            out[i] = Math.pow(maxInvRho + ramp[i] * (minInvRho - maxInvRho), rho);
        }
        return out;
    }

    /** Evenly spaced in log(sigma). */
    static double[] exponential(double sigmaMin, double sigmaMax, int steps) {
        double[] logs = numpyLinspace(Math.log(sigmaMax), Math.log(sigmaMin), steps);
        double[] out = new double[steps];
        for (int i = 0; i < steps; i++) {
            out[i] = Math.exp(logs[i]);
        }
        return out;
    }

    /**
     * The fractional training timestep whose sigma is {@code sigma}, interpolating linearly in log sigma
     * between the two training timesteps around it (clamped to the training range).
     */
    static double sigmaToTimestep(double sigma, float[] logSigmas) {
        double logSigma = Math.log(Math.max(sigma, 1e-10));
        // The last training timestep whose log sigma is not above ours (0 when there is none).
        int low = 0;
        for (int i = 0; i < logSigmas.length; i++) {
            if (logSigma - logSigmas[i] >= 0) {
                low = i;
            }
        }
        low = Math.min(low, logSigmas.length - 2);
        int high = low + 1;
        double w = ((double) logSigmas[low] - logSigma) / ((double) logSigmas[low] - logSigmas[high]);
        w = Math.max(0, Math.min(1, w));
        return (1 - w) * low + w * high;
    }

    /** Euler's log_linear interpolation: torch.linspace of log sigmas in float32, steps + 1 values. */
    private static double[] logLinear(float[] trainSigmas, int steps) {
        float start = (float) Math.log(trainSigmas[trainSigmas.length - 1]);
        float end = (float) Math.log(trainSigmas[0]);
        float[] logs = NoiseSchedule.linspace(start, end, steps + 1);
        double[] out = new double[logs.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) Math.exp(logs[i]);
        }
        return out;
    }

    /** np.linspace in float64: i * step + start, with the end point set exactly. */
    static double[] numpyLinspace(double start, double stop, int num) {
        double[] out = new double[num];
        double step = (stop - start) / (num - 1);
        for (int i = 0; i < num; i++) {
            out[i] = num > 1 ? i * step + start : start;
        }
        if (num > 1) {
            out[num - 1] = stop;
        }
        return out;
    }

    /** np.arange with a float step: numpy re-derives the step from the first two values. */
    private static double[] numpyArange(double start, double stop, double step) {
        int length = (int) Math.ceil((stop - start) / step);
        double[] out = new double[Math.max(length, 0)];
        double delta = (start + step) - start;
        for (int i = 0; i < out.length; i++) {
            out[i] = start + i * delta;
        }
        return out;
    }

    static double[] widen(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    /** The sigmas rounded to float32 (numpy's astype) with the scheduler's final sigma appended. */
    static float[] toFloat32WithFinal(double[] sigmas, float finalSigma) {
        float[] out = new float[sigmas.length + 1];
        for (int i = 0; i < sigmas.length; i++) {
            out[i] = (float) sigmas[i];
        }
        out[sigmas.length] = finalSigma;
        return out;
    }
}
