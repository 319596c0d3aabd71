package org.sandpaint.engine.scheduler;

/**
 * The training noise schedule every scheduler starts from: betas and their cumulative alpha products,
 * computed in float32 the way diffusers does with torch (so later arithmetic sees the same numbers).
 */
public final class NoiseSchedule {

    private final float[] betas;
    private final float[] alphasCumprod;

    private NoiseSchedule(float[] betas) {
        this.betas = betas;
        this.alphasCumprod = cumprodOfOneMinus(betas);
    }

    /**
     * Builds the schedule from the config keys {@code num_train_timesteps}, {@code beta_start},
     * {@code beta_end}, {@code beta_schedule}, {@code trained_betas} and {@code rescale_betas_zero_snr}.
     */
    public static NoiseSchedule from(SchedulerConfig config) {
        int n = config.getInt("num_train_timesteps", 1000);
        double start = config.getDouble("beta_start", 0.0001);
        double end = config.getDouble("beta_end", 0.02);
        double[] trained = config.trainedBetas();
        float[] betas;
        if (trained != null) {
            betas = new float[trained.length];
            for (int i = 0; i < betas.length; i++) {
                betas[i] = (float) trained[i];
            }
        } else {
            String kind = config.getString("beta_schedule", "linear");
            betas = switch (kind) {
                case "linear" -> linspace((float) start, (float) end, n);
                case "scaled_linear" -> squared(linspace((float) Math.sqrt(start), (float) Math.sqrt(end), n));
                case "squaredcos_cap_v2" -> cosineBetas(n);
                default -> throw new IllegalArgumentException("Unsupported beta_schedule '" + kind
                        + "'; expected linear, scaled_linear or squaredcos_cap_v2");
            };
        }
        NoiseSchedule schedule = new NoiseSchedule(betas);
        return config.getBoolean("rescale_betas_zero_snr", false) ? schedule.rescaledToZeroSnr() : schedule;
    }

    public int trainSteps() {
        return betas.length;
    }

    /** A copy of the float32 betas. */
    public float[] betas() {
        return betas.clone();
    }

    /** A copy of the float32 cumulative products of (1 - beta). */
    public float[] alphasCumprod() {
        return alphasCumprod.clone();
    }

    public float alphaCumprod(int t) {
        return alphasCumprod[t];
    }

    /** torch.linspace in float32: the first half counts up from start, the second half down from end. */
    static float[] linspace(float start, float end, int steps) {
        float[] out = new float[steps];
        if (steps == 1) {
            out[0] = start;
            return out;
        }
        float step = (end - start) / (steps - 1);
        int halfway = steps / 2;
        for (int i = 0; i < steps; i++) {
            out[i] = i < halfway ? start + step * i : end - step * (steps - i - 1);
        }
        return out;
    }

    private static float[] squared(float[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[i] * values[i];
        }
        return out;
    }

    /** Glide's cosine schedule ("squaredcos_cap_v2"), computed in double and stored as float32. */
    private static float[] cosineBetas(int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            double t1 = (double) i / n;
            double t2 = (double) (i + 1) / n;
            out[i] = (float) Math.min(1 - alphaBar(t2) / alphaBar(t1), 0.999);
        }
        return out;
    }

    private static double alphaBar(double t) {
        double c = Math.cos((t + 0.008) / 1.008 * Math.PI / 2);
        return c * c;
    }

    /** torch.cumprod on the CPU accumulates float32 inputs in double and rounds each output. */
    private static float[] cumprodOfOneMinus(float[] betas) {
        float[] out = new float[betas.length];
        double acc = 1.0;
        for (int i = 0; i < betas.length; i++) {
            acc *= (1.0f - betas[i]);
            out[i] = (float) acc;
        }
        return out;
    }

    /** "Common Diffusion Noise Schedules and Sample Steps are Flawed", algorithm 1. */
    private NoiseSchedule rescaledToZeroSnr() {
        int n = alphasCumprod.length;
        float[] sqrtBar = new float[n];
        for (int i = 0; i < n; i++) {
            sqrtBar[i] = (float) Math.sqrt(alphasCumprod[i]);
        }
        float first = sqrtBar[0];
        float last = sqrtBar[n - 1];
        float[] alphas = new float[n];
        float prev = 1f;
        for (int i = 0; i < n; i++) {
            float shifted = (sqrtBar[i] - last) * first / (first - last);
            float bar = shifted * shifted;
            alphas[i] = i == 0 ? bar : bar / prev;
            prev = bar;
        }
        float[] newBetas = new float[n];
        for (int i = 0; i < n; i++) {
            newBetas[i] = 1f - alphas[i];
        }
        return new NoiseSchedule(newBetas);
    }
}
