package org.sandpaint.engine.scheduler;

import org.sandpaint.engine.random.NoiseSource;

/**
 * DPM-Solver++(3M) SDE (k-diffusion's {@code sample_dpmpp_3m_sde}), the WebUI's "DPM++ 3M SDE" with eta 1,
 * s_noise 1 and, as the WebUI runs it, the next-to-last sigma discarded. A third-order multistep method:
 * it uses the clean estimates of the two previous steps once it has them; the last step (to sigma 0)
 * returns the clean estimate.
 *
 * <p>The noise of each step comes from the pipeline's source: the WebUI's Brownian tree per image
 * ({@link org.sandpaint.engine.random.SdeNoiseSource}), or plain {@code randn} from any other source.
 * Stateful: one instance per generation, {@link #step} called for each index in order.
 */
final class DpmPp3mSde extends SigmaScheduler {

    private float[] x0Back1;
    private float[] x0Back2;
    private float hBack1 = Float.NaN;
    private float hBack2 = Float.NaN;

    DpmPp3mSde(SchedulerConfig config, int steps) {
        super(SdeSigmas.setup(config, steps, true));
    }

    /** With sigmas planned elsewhere (tests feed k-diffusion's own). */
    DpmPp3mSde(Setup setup) {
        super(setup);
    }

    @Override
    public StepResult step(float[] modelOutput, int index, float[] sample, NoiseSource noise) {
        SdeSigmas.requireNoise(noise, "DPM++ 3M SDE");
        float sigma = sigma(index);
        float sigmaNext = sigmaAfter(index);
        float[] x0 = predictOriginal(modelOutput, sample, sigma);
        if (sigmaNext == 0f) {
            return new StepResult(x0.clone(), x0);
        }
        float h = SdeSigmas.time(sigmaNext) - SdeSigmas.time(sigma);
        float hEta = h * 2f;
        float decay = (float) Math.exp(-hEta);
        float toX0 = SdeSigmas.oneMinusExp(-hEta);
        float[] x = new float[sample.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = decay * sample[i] + toX0 * x0[i];
        }
        float phi2 = (float) Math.expm1(-hEta) / hEta + 1f;
        if (x0Back2 != null) {
            float r0 = hBack1 / h;
            float r1 = hBack2 / h;
            float phi3 = phi2 / hEta - 0.5f;
            for (int i = 0; i < x.length; i++) {
                float d10 = (x0[i] - x0Back1[i]) / r0;
                float d11 = (x0Back1[i] - x0Back2[i]) / r1;
                float d1 = d10 + (d10 - d11) * r0 / (r0 + r1);
                float d2 = (d10 - d11) / (r0 + r1);
                x[i] = x[i] + phi2 * d1 - phi3 * d2;
            }
        } else if (x0Back1 != null) {
            float r = hBack1 / h;
            for (int i = 0; i < x.length; i++) {
                x[i] = x[i] + phi2 * ((x0[i] - x0Back1[i]) / r);
            }
        }
        SdeSigmas.addNoise(x, SdeSigmas.noise(noise, sigmas(), sigma, sigmaNext, x.length), sigmaNext, (float) Math.sqrt(SdeSigmas.oneMinusExp(-2f * h)));
        x0Back2 = x0Back1;
        x0Back1 = x0;
        hBack2 = hBack1;
        hBack1 = h;
        return new StepResult(x, x0);
    }
}
