package org.sandpaint.engine.scheduler;

import org.sandpaint.engine.random.NoiseSource;

/**
 * DPM-Solver++ (Lu et al. 2022), multistep, order 2 with the midpoint second-order update, ported from
 * diffusers' DPMSolverMultistepScheduler: the WebUI's "DPM++ 2M" (and "DPM++ 2M Karras" with
 * {@code use_karras_sigmas}). It works on data (x0) predictions in half log-SNR time; the first step, and
 * the last one when {@code lower_order_final} applies, are first order. Stateful: one per generation.
 */
final class DpmSolverMultistep extends IntegerTimestepScheduler {

    private final MultistepSigmas schedule;
    private final PredictionType prediction;
    private final int order;
    private final boolean lowerOrderFinal;
    private final boolean eulerAtFinal;
    private final boolean finalZero;
    private float[] previousX0;
    private int lowerOrderNums;

    public DpmSolverMultistep(SchedulerConfig config, int steps) {
        this(config, new MultistepSigmas(config, steps));
    }

    private DpmSolverMultistep(SchedulerConfig config, MultistepSigmas schedule) {
        super(schedule.timesteps);
        String algorithm = config.getString("algorithm_type", "dpmsolver++");
        if (!algorithm.equals("dpmsolver++")) {
            throw new IllegalArgumentException("Only algorithm_type dpmsolver++ is supported, the config asks for "
                    + algorithm + ".");
        }
        if (!config.getString("solver_type", "midpoint").equals("midpoint")) {
            throw new IllegalArgumentException("Only solver_type midpoint is supported for DPM++ 2M.");
        }
        this.order = Math.min(2, config.getInt("solver_order", 2));
        this.schedule = schedule;
        this.prediction = config.predictionType();
        this.lowerOrderFinal = config.getBoolean("lower_order_final", true);
        this.eulerAtFinal = config.getBoolean("euler_at_final", false);
        this.finalZero = "zero".equals(config.getString("final_sigmas_type", "zero"));
    }

    @Override
    public StepResult step(float[] modelOutput, int index, float[] sample, NoiseSource noise) {
        int n = callCount();
        boolean last = index == n - 1;
        boolean firstOrderFinal = last && (eulerAtFinal || (lowerOrderFinal && n < 15) || finalZero);
        boolean secondOrderFinal = index == n - 2 && lowerOrderFinal && n < 15;
        float[] x0 = MultistepSigmas.dataPrediction(modelOutput, sample, schedule.sigmas[index], prediction);

        float[] prev;
        if (order == 1 || lowerOrderNums < 1 || firstOrderFinal) {
            prev = firstOrder(x0, index, sample);
        } else {
            prev = secondOrder(x0, previousX0, index, sample);
        }
        // secondOrderFinal only matters for third-order solvers, which this port does not offer.
        assert order <= 2 || !secondOrderFinal;
        previousX0 = x0;
        if (lowerOrderNums < order) {
            lowerOrderNums++;
        }
        return new StepResult(prev, x0);
    }

    private float[] firstOrder(float[] x0, int index, float[] sample) {
        float sigmaNext = schedule.sigmas[index + 1];
        float sigmaNow = schedule.sigmas[index];
        float alphaT = MultistepSigmas.alpha(sigmaNext);
        float sigmaT = sigmaNext * alphaT;
        float sigmaS = sigmaNow * MultistepSigmas.alpha(sigmaNow);
        float h = MultistepSigmas.lambda(sigmaNext) - MultistepSigmas.lambda(sigmaNow);
        float ratio = sigmaT / sigmaS;
        float coeff = alphaT * ((float) Math.exp(-h) - 1f);
        float[] out = new float[sample.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = ratio * sample[i] - coeff * x0[i];
        }
        return out;
    }

    private float[] secondOrder(float[] m0, float[] m1, int index, float[] sample) {
        float sigmaNext = schedule.sigmas[index + 1];
        float sigmaS0 = schedule.sigmas[index];
        float sigmaS1 = schedule.sigmas[index - 1];
        float alphaT = MultistepSigmas.alpha(sigmaNext);
        float sigmaT = sigmaNext * alphaT;
        float sigmaS = sigmaS0 * MultistepSigmas.alpha(sigmaS0);
        float lambdaT = MultistepSigmas.lambda(sigmaNext);
        float lambdaS0 = MultistepSigmas.lambda(sigmaS0);
        float lambdaS1 = MultistepSigmas.lambda(sigmaS1);
        float h = lambdaT - lambdaS0;
        float h0 = lambdaS0 - lambdaS1;
        float r0 = h0 / h;
        float ratio = sigmaT / sigmaS;
        float coeff = alphaT * ((float) Math.exp(-h) - 1f);
        float invR0 = 1f / r0;
        float[] out = new float[sample.length];
        for (int i = 0; i < out.length; i++) {
            float d1 = invR0 * (m0[i] - m1[i]);
            out[i] = ratio * sample[i] - coeff * m0[i] - 0.5f * coeff * d1;
        }
        return out;
    }

    /** The float32 sigmas, one per timestep plus the final one. */
    float[] sigmas() {
        return schedule.sigmas.clone();
    }

    @Override
    public float[] addNoise(float[] original, float[] noise, int index) {
        return MultistepSigmas.addNoise(original, noise, schedule.sigmas[index]);
    }
}
