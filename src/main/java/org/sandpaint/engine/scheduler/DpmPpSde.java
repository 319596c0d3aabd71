package org.sandpaint.engine.scheduler;

import org.sandpaint.engine.random.NoiseSource;

/**
 * DPM-Solver++ (stochastic, second order; k-diffusion's {@code sample_dpmpp_sde} with r = 1/2), the WebUI's
 * "DPM++ SDE" with eta 1 and s_noise 1. Each step but the last calls the UNet twice: at its sigma, then at
 * the midpoint in log sigma, each stage an ancestral move that adds fresh noise; the last step (to sigma 0)
 * is one Euler call. So {@link #timesteps()} lists, per step, its timestep and then its midpoint's (even
 * indices start a step, odd indices finish it), and {@link #order()} is 2 as for Heun.
 *
 * <p>The noise of each stage comes from the pipeline's source: the WebUI's Brownian tree per image
 * ({@link org.sandpaint.engine.random.SdeNoiseSource}), or plain {@code randn} from any other source.
 * Stateful: one instance per generation, {@link #step} called for each index in order.
 */
final class DpmPpSde extends SigmaScheduler {

    /** The sample at the start of the step in progress; null between steps. */
    private float[] stepSample;

    DpmPpSde(SchedulerConfig config, int steps) {
        super(withMidpoints(SdeSigmas.setup(config, steps, false), config));
    }

    /** With sigmas planned elsewhere (tests feed k-diffusion's own); the config gives the training timesteps. */
    DpmPpSde(Setup plain, SchedulerConfig config) {
        super(withMidpoints(plain, config));
    }

    @Override
    public int order() {
        return 2;
    }

    @Override
    public StepResult step(float[] modelOutput, int index, float[] sample, NoiseSource noise) {
        SdeSigmas.requireNoise(noise, "DPM++ SDE");
        boolean second = index % 2 == 1;
        if (second != (stepSample != null)) {
            throw new IllegalStateException("DPM++ SDE step " + index + " called out of order: call step() for "
                    + "every index of timesteps() in order on a fresh scheduler");
        }
        float sigma = sigma(index);
        float[] x0 = predictOriginal(modelOutput, sample, sigma);
        if (!second && isLastCall(index)) {
            // The last step goes to sigma 0: one Euler move, which lands on the clean estimate.
            return new StepResult(eulerMove(sample, derivative(sample, x0, sigma), sigmaAfter(index) - sigma), x0);
        }
        // The step runs from sigma(start) to the sigma after its second call, through the midpoint.
        int start = second ? index - 1 : index;
        float t = SdeSigmas.time(sigma(start));
        float tNext = SdeSigmas.time(sigmaAfter(start + 1));
        if (!second) {
            float tMid = t + (tNext - t) * 0.5f;
            stepSample = sample;
            return new StepResult(ancestralMove(sample, x0, t, tMid, noise, sigmas()), x0);
        }
        // Second stage: the whole step again from its start, with the midpoint's clean estimate (fac = 1).
        float[] x = ancestralMove(stepSample, x0, t, tNext, noise, sigmas());
        stepSample = null;
        return new StepResult(x, x0);
    }

    /**
     * From {@code sample} at time {@code t} (t = -log sigma) toward time {@code tTo}: down to the ancestral
     * sigma_down with the exponential integrator on {@code x0}, then fresh noise of size sigma_up (eta 1).
     */
    private static float[] ancestralMove(float[] sample, float[] x0, float t, float tTo, NoiseSource noise,
                                         float[] scheduleSigmas) {
        float from = (float) Math.exp(-t);
        float to = (float) Math.exp(-tTo);
        float from2 = from * from;
        float to2 = to * to;
        float sigmaUp = Math.min(to, (float) Math.sqrt(to2 * (from2 - to2) / from2));
        float sigmaDown = (float) Math.sqrt(to2 - sigmaUp * sigmaUp);
        float tDown = SdeSigmas.time(sigmaDown);
        float ratio = (float) Math.exp(-tDown) / from;
        float toX0 = (float) Math.expm1(t - tDown);
        float[] fresh = SdeSigmas.noise(noise, scheduleSigmas, from, to, sample.length);
        float[] out = new float[sample.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = ratio * sample[i] - toX0 * x0[i];
            out[i] = out[i] + fresh[i] * sigmaUp;
        }
        return out;
    }

    private boolean isLastCall(int index) {
        return index == timesteps().length - 1;
    }

    /**
     * Inserts each step's midpoint, sigma_fn(t + h / 2) with t = -log sigma, after every sigma whose step
     * does not end at 0, with its fractional training timestep.
     */
    private static Setup withMidpoints(Setup plain, SchedulerConfig config) {
        float[] sigmas = plain.sigmas();
        int steps = sigmas.length - 1;
        float[] train = SigmaSchedule.trainingSigmas(alphasCumprod(config, true));
        float[] logTrain = new float[train.length];
        for (int i = 0; i < train.length; i++) {
            logTrain[i] = (float) Math.log(train[i]);
        }
        java.util.List<Float> outSigmas = new java.util.ArrayList<>();
        java.util.List<Float> outTimesteps = new java.util.ArrayList<>();
        for (int i = 0; i < steps; i++) {
            outSigmas.add(sigmas[i]);
            outTimesteps.add(plain.timesteps()[i]);
            if (sigmas[i + 1] != 0f) {
                float t = SdeSigmas.time(sigmas[i]);
                float h = SdeSigmas.time(sigmas[i + 1]) - t;
                float mid = (float) Math.exp(-(t + h * 0.5f));
                outSigmas.add(mid);
                outTimesteps.add((float) SigmaSchedule.sigmaToTimestep(mid, logTrain));
            }
        }
        outSigmas.add(sigmas[steps]);
        float[] s = new float[outSigmas.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = outSigmas.get(i);
        }
        float[] ts = new float[outTimesteps.size()];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = outTimesteps.get(i);
        }
        return new Setup(ts, s, plain.prediction(), plain.timestepSpacing());
    }
}
