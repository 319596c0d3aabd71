package org.sandpaint.engine.scheduler;

import org.sandpaint.engine.random.NoiseSource;

/**
 * UniPC (Zhao et al. 2023), ported from diffusers' UniPCMultistepScheduler with data prediction, the
 * bh1/bh2 variants and solver order up to 2. Every step first corrects the previous step's result with the
 * new model output (UniC), then predicts the next sample (UniP). Stateful: one per generation.
 */
final class UniPcMultistep extends IntegerTimestepScheduler {

    private final MultistepSigmas schedule;
    private final PredictionType prediction;
    private final int solverOrder;
    private final boolean lowerOrderFinal;
    private final boolean bh2;
    /** Data predictions of the last two steps, newest last. */
    private final float[][] outputs = new float[2][];
    private float[] lastSample;
    private int thisOrder;
    private int lowerOrderNums;

    public UniPcMultistep(SchedulerConfig config, int steps) {
        this(config, new MultistepSigmas(config, steps));
    }

    private UniPcMultistep(SchedulerConfig config, MultistepSigmas schedule) {
        super(schedule.timesteps);
        this.solverOrder = config.getInt("solver_order", 2);
        if (solverOrder < 1 || solverOrder > 2) {
            throw new IllegalArgumentException("UniPC supports solver_order 1 or 2, the config asks for " + solverOrder + ".");
        }
        if (!config.getBoolean("predict_x0", true)) {
            throw new IllegalArgumentException("UniPC with predict_x0 false is not supported.");
        }
        String type = config.getString("solver_type", "bh2");
        if (!type.equals("bh1") && !type.equals("bh2")) {
            throw new IllegalArgumentException("UniPC solver_type must be bh1 or bh2, got " + type + ".");
        }
        this.bh2 = type.equals("bh2");
        this.schedule = schedule;
        this.prediction = config.predictionType();
        this.lowerOrderFinal = config.getBoolean("lower_order_final", true);
    }

    @Override
    public StepResult step(float[] modelOutput, int index, float[] sample, NoiseSource noise) {
        float[] x0 = MultistepSigmas.dataPrediction(modelOutput, sample, schedule.sigmas[index], prediction);
        if (index > 0 && lastSample != null) {
            sample = corrector(x0, index);
        }
        outputs[0] = outputs[1];
        outputs[1] = x0;
        int n = callCount();
        thisOrder = lowerOrderFinal ? Math.min(solverOrder, n - index) : solverOrder;
        thisOrder = Math.min(thisOrder, lowerOrderNums + 1);
        lastSample = sample;
        float[] prev = predictor(index, sample, thisOrder);
        if (lowerOrderNums < solverOrder) {
            lowerOrderNums++;
        }
        return new StepResult(prev, x0);
    }

    /** The B(h) and phi terms shared by predictor and corrector, in float32 as torch computes them. */
    private record Coefficients(float hh, float hPhi1, float bH, float[] b) {
        static Coefficients of(float h, int order, boolean bh2) {
            float hh = -h; // data prediction
            float hPhi1 = (float) Math.expm1(hh);
            float hPhiK = hPhi1 / hh - 1f;
            float bH = bh2 ? (float) Math.expm1(hh) : hh;
            float[] b = new float[order];
            float factorial = 1f;
            for (int i = 1; i <= order; i++) {
                b[i - 1] = hPhiK * factorial / bH;
                factorial *= i + 1;
                hPhiK = hPhiK / hh - 1f / factorial;
            }
            return new Coefficients(hh, hPhi1, bH, b);
        }
    }

    /** The quantities of one move from noise level sigmaS0 to sigmaT that predictor and corrector share. */
    private record Move(float alphaT, float ratio, float lambdaS0, float h, Coefficients c) {
        static Move of(float sigmaT, float sigmaS0, int order, boolean bh2) {
            float alphaT = MultistepSigmas.alpha(sigmaT);
            float ratio = (sigmaT * alphaT) / (sigmaS0 * MultistepSigmas.alpha(sigmaS0));
            float lambdaS0 = MultistepSigmas.lambda(sigmaS0);
            float h = MultistepSigmas.lambda(sigmaT) - lambdaS0;
            return new Move(alphaT, ratio, lambdaS0, h, Coefficients.of(h, order, bh2));
        }

        /** (older - newer) / rk with rk the older output's half log-SNR distance in units of h. */
        float[] difference(float[] older, float[] newer, float sigmaOlder) {
            float rk = rk(sigmaOlder);
            float[] d = new float[newer.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = (older[i] - newer[i]) / rk;
            }
            return d;
        }

        /** The older output's half log-SNR distance from this move's start, in units of h. */
        float rk(float sigmaOlder) {
            return (MultistepSigmas.lambda(sigmaOlder) - lambdaS0) / h;
        }
    }

    /** UniP: from the sample at sigmas[index] to sigmas[index + 1]. */
    private float[] predictor(int index, float[] x, int order) {
        Move move = Move.of(schedule.sigmas[index + 1], schedule.sigmas[index], order, bh2);
        float[] m0 = outputs[1];
        // Order 2 uses rho = 0.5 for the one difference, as diffusers does.
        float[] d1 = order == 2 ? move.difference(outputs[0], m0, schedule.sigmas[index - 1]) : null;
        float[] out = new float[x.length];
        for (int i = 0; i < out.length; i++) {
            float xt = move.ratio() * x[i] - move.alphaT() * move.c().hPhi1() * m0[i];
            float res = d1 == null ? 0f : 0.5f * d1[i];
            out[i] = xt - move.alphaT() * move.c().bH() * res;
        }
        return out;
    }

    /** UniC: improves the sample just reached at sigmas[index] with the model output there. */
    private float[] corrector(float[] modelT, int index) {
        int order = thisOrder;
        Move move = Move.of(schedule.sigmas[index], schedule.sigmas[index - 1], order, bh2);
        float[] m0 = outputs[1];
        float[] x = lastSample;
        float[] d1 = null;
        float[] rhos;
        if (order == 1) {
            rhos = new float[] {0.5f};
        } else {
            float older = schedule.sigmas[index - 2];
            d1 = move.difference(outputs[0], m0, older);
            // Solve [[1, 1], [rk, 1]] rhos = b.
            float rk = move.rk(older);
            float[] b = move.c().b();
            double det = 1.0 - rk;
            rhos = new float[] {(float) ((b[0] - b[1]) / det), (float) ((b[1] - rk * b[0]) / det)};
        }
        float rhoLast = rhos[rhos.length - 1];
        float[] out = new float[x.length];
        for (int i = 0; i < out.length; i++) {
            float base = move.ratio() * x[i] - move.alphaT() * move.c().hPhi1() * m0[i];
            float corr = d1 == null ? 0f : rhos[0] * d1[i];
            float d1t = modelT[i] - m0[i];
            out[i] = base - move.alphaT() * move.c().bH() * (corr + rhoLast * d1t);
        }
        return out;
    }

    @Override
    public float[] addNoise(float[] original, float[] noise, int index) {
        return MultistepSigmas.addNoise(original, noise, schedule.sigmas[index]);
    }
}
