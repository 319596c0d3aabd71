package org.sandpaint.engine.scheduler;

/**
 * What the k-diffusion style schedulers share: latents live at noise level sigma (x = x0 + sigma * eps),
 * the UNet sees them scaled by 1 / sqrt(sigma^2 + 1), and img2img adds noise as x0 + sigma * noise.
 * All element-wise arithmetic is float32, as torch does it on float32 tensors.
 */
abstract class SigmaScheduler implements Scheduler {

    private final double[] timesteps;
    /** One sigma per entry of timesteps plus the final sigma the last step moves to. */
    private final float[] sigmas;
    private final float initNoiseSigma;
    private final PredictionType prediction;

    /**
     * What a subclass computes from its config before construction.
     *
     * @param timesteps float32 timesteps, one per UNet call
     * @param sigmas    float32 sigmas indexed like timesteps, then the final sigma
     */
    record Setup(float[] timesteps, float[] sigmas, PredictionType prediction, String timestepSpacing) {
    }

    SigmaScheduler(Setup setup) {
        this.timesteps = SigmaSchedule.widen(setup.timesteps());
        this.sigmas = setup.sigmas();
        this.prediction = setup.prediction();
        float max = 0f;
        for (float s : sigmas) {
            max = Math.max(max, s);
        }
        // Leading spacing never starts at the last training timestep, so the initial noise is scaled
        // as if it were x0 + sigma * eps with a unit-variance x0.
        this.initNoiseSigma = setup.timestepSpacing().equals("leading") ? (float) Math.sqrt(max * max + 1f) : max;
    }

    /**
     * The float32 training alphas_cumprod. Only Euler and Euler a know {@code rescale_betas_zero_snr}
     * (diffusers' other classes ignore the key); they set the last value to 2^-24 instead of 0 so that
     * the largest sigma stays finite.
     */
    static float[] alphasCumprod(SchedulerConfig config, boolean knowsZeroSnr) {
        boolean rescale = knowsZeroSnr && config.getBoolean("rescale_betas_zero_snr", false);
        float[] acp = NoiseSchedule.from(config.with("rescale_betas_zero_snr", rescale)).alphasCumprod();
        if (rescale) {
            acp[acp.length - 1] = 0x1p-24f;
        }
        return acp;
    }

    @Override
    public double[] timesteps() {
        return timesteps.clone();
    }

    /** The float32 sigmas, one per entry of {@link #timesteps()} plus the final one. */
    public float[] sigmas() {
        return sigmas.clone();
    }

    @Override
    public float initNoiseSigma() {
        return initNoiseSigma;
    }

    @Override
    public float[] scaleModelInput(float[] sample, int index) {
        float sigma = sigma(index);
        float scale = (float) Math.sqrt(sigma * sigma + 1f);
        float[] out = new float[sample.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = sample[i] / scale;
        }
        return out;
    }

    @Override
    public float[] addNoise(float[] original, float[] noise, int index) {
        requireSameLength(original, noise, "noise");
        float sigma = sigma(index);
        float[] out = new float[original.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = original[i] + noise[i] * sigma;
        }
        return out;
    }

    /** The sigma of UNet call {@code index}. */
    protected final float sigma(int index) {
        if (index < 0 || index >= timesteps.length) {
            throw new IndexOutOfBoundsException("Step index " + index + " is outside 0.." + (timesteps.length - 1)
                    + "; pass the position in timesteps()");
        }
        return sigmas[index];
    }

    /** The sigma a step ends at; for the last call this is the final sigma. */
    protected final float sigmaAfter(int index) {
        sigma(index);
        return sigmas[index + 1];
    }

    /** x0 from the model output of a sample at noise level {@code sigma}. */
    protected final float[] predictOriginal(float[] modelOutput, float[] sample, float sigma) {
        requireSameLength(sample, modelOutput, "modelOutput");
        float[] x0 = new float[sample.length];
        switch (prediction) {
            case EPSILON -> {
                for (int i = 0; i < x0.length; i++) {
                    x0[i] = sample[i] - sigma * modelOutput[i];
                }
            }
            case V_PREDICTION -> {
                float variance = sigma * sigma + 1f;
                float outputScale = -sigma / (float) Math.sqrt(variance);
                for (int i = 0; i < x0.length; i++) {
                    x0[i] = modelOutput[i] * outputScale + sample[i] / variance;
                }
            }
            case SAMPLE -> System.arraycopy(modelOutput, 0, x0, 0, x0.length);
        }
        return x0;
    }

    /** (sample - x0) / sigma: the direction from the clean estimate to the sample, per unit sigma. */
    protected static float[] derivative(float[] sample, float[] x0, float sigma) {
        float[] d = new float[sample.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = (sample[i] - x0[i]) / sigma;
        }
        return d;
    }

    /** sample + derivative * dt. */
    protected static float[] eulerMove(float[] sample, float[] derivative, float dt) {
        float[] out = new float[sample.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = sample[i] + derivative[i] * dt;
        }
        return out;
    }

    protected static void requireSameLength(float[] sample, float[] other, String name) {
        if (other.length != sample.length) {
            throw new IllegalArgumentException(name + " has " + other.length + " values but the sample has "
                    + sample.length + "; both must have the latent shape");
        }
    }
}
