package org.sandpaint.engine.scheduler;

import org.sandpaint.engine.random.NoiseSource;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * Linear multistep sampling (k-diffusion's {@code sample_lms}), ported from diffusers'
 * {@code LMSDiscreteScheduler}: the ODE derivative is extrapolated from up to the last four steps, each
 * weighted by the integral of its Lagrange basis polynomial in sigma over the step.
 *
 * <p>Keeps the recent derivatives between calls, so a fresh instance serves one generation, with
 * {@link #step} called for each index in order. Config keys: the training schedule,
 * {@code prediction_type}, {@code timestep_spacing}, {@code steps_offset}, {@code use_karras_sigmas} and
 * {@code use_exponential_sigmas}.
 */
final class Lms extends SigmaScheduler {

    private static final int ORDER = 4;
    // Three-point Gauss-Legendre rule on [-1, 1]: exact for polynomials up to degree 5, and the Lagrange
    // basis polynomials here have degree at most ORDER - 1 = 3, so the coefficients are exact integrals.
    private static final double[] NODES = {-Math.sqrt(0.6), 0, Math.sqrt(0.6)};
    private static final double[] WEIGHTS = {5.0 / 9, 8.0 / 9, 5.0 / 9};

    private final float[] sigmas;
    /** Newest first. */
    private final Deque<float[]> derivatives = new ArrayDeque<>();

    public Lms(SchedulerConfig config, int numInferenceSteps) {
        super(setup(config, numInferenceSteps));
        this.sigmas = sigmas();
    }

    @Override
    public StepResult step(float[] modelOutput, int index, float[] sample, NoiseSource noise) {
        float sigma = sigma(index);
        float[] x0 = predictOriginal(modelOutput, sample, sigma);
        derivatives.addFirst(derivative(sample, x0, sigma));
        if (derivatives.size() > ORDER) {
            derivatives.removeLast();
        }
        // Like diffusers, the order follows the step index, even when an img2img run starts mid-schedule
        // with fewer stored derivatives; only the available ones are summed.
        int order = Math.min(index + 1, ORDER);
        float[] update = new float[sample.length];
        Iterator<float[]> newestFirst = derivatives.iterator();
        for (int j = 0; j < order && newestFirst.hasNext(); j++) {
            float coefficient = (float) coefficient(order, index, j);
            float[] d = newestFirst.next();
            for (int i = 0; i < update.length; i++) {
                update[i] += coefficient * d[i];
            }
        }
        float[] prev = new float[sample.length];
        for (int i = 0; i < prev.length; i++) {
            prev[i] = sample[i] + update[i];
        }
        return new StepResult(prev, x0);
    }

    /**
     * The integral from sigma[t] to sigma[t + 1] of the Lagrange basis polynomial that is 1 at sigma[t - j]
     * and 0 at the other sigma[t - k], k < order.
     */
    double coefficient(int order, int t, int j) {
        double a = sigmas[t];
        double b = sigmas[t + 1];
        double half = (b - a) / 2;
        double mid = (a + b) / 2;
        double sum = 0;
        for (int n = 0; n < NODES.length; n++) {
            double tau = mid + half * NODES[n];
            double basis = 1;
            for (int k = 0; k < order; k++) {
                if (k != j) {
                    basis *= (tau - sigmas[t - k]) / ((double) sigmas[t - j] - sigmas[t - k]);
                }
            }
            sum += WEIGHTS[n] * basis;
        }
        return half * sum;
    }

    private static Setup setup(SchedulerConfig config, int steps) {
        float[] alphasCumprod = alphasCumprod(config, false);
        SigmaSchedule.Plan plan = SigmaSchedule.plan(config, alphasCumprod, steps,
                SigmaSchedule.Options.forLmsOrHeun(config));
        return new Setup(plan.timesteps(), SigmaSchedule.toFloat32WithFinal(plan.sigmas(), 0f),
                config.predictionType(), config.getString("timestep_spacing", "linspace"));
    }
}
