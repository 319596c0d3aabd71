package org.sandpaint.engine.scheduler;

import org.sandpaint.engine.random.NoiseSource;

import java.util.ArrayList;
import java.util.List;

/**
 * Pseudo numerical methods (Liu et al. 2022), ported from diffusers' PNDMScheduler: optional Runge-Kutta
 * warm-up steps (PRK), then linear multistep (PLMS) on the stored noise predictions. The WebUI's "PLMS"
 * is this scheduler with {@code skip_prk_steps}, where the second timestep is visited twice to bootstrap
 * the multistep formula. Each instance carries state: one per generation.
 */
final class Pndm extends IntegerTimestepScheduler {

    private final DdpmAlphas alphas;
    private final int stepRatio;
    private final int prkCount;
    private final PredictionType prediction;
    private final List<float[]> ets = new ArrayList<>();
    private int counter;
    private float[] curModelOutput;
    private float[] curSample;

    /** Runge-Kutta warm-up calls: three full steps of four calls, minus the shared ends. */
    private static final int PRK_CALLS = 12;

    public Pndm(SchedulerConfig config, int steps) {
        super(timestepsFor(config, steps));
        this.alphas = new DdpmAlphas(config, false);
        this.prediction = config.predictionType();
        if (prediction == PredictionType.SAMPLE) {
            throw new IllegalArgumentException("PLMS does not support prediction_type 'sample'.");
        }
        this.stepRatio = alphas.trainSteps() / steps;
        this.prkCount = config.getBoolean("skip_prk_steps", false) ? 0 : PRK_CALLS;
    }

    private static int[] timestepsFor(SchedulerConfig config, int steps) {
        int trainSteps = config.getInt("num_train_timesteps", 1000);
        boolean skipPrk = config.getBoolean("skip_prk_steps", false);
        int minimum = skipPrk ? 2 : 4;
        if (steps < minimum || steps > trainSteps) {
            throw new IllegalArgumentException("PLMS needs between " + minimum + " and " + trainSteps + " steps, got "
                    + steps + ".");
        }
        int stepRatio = trainSteps / steps;
        int[] base = ascending(config.getString("timestep_spacing", "leading"), trainSteps, steps,
                config.getInt("steps_offset", 0));
        List<Integer> list = new ArrayList<>();
        if (skipPrk) {
            // [t0 .. t(n-2), t(n-2), t(n-1)] reversed: the second-highest timestep twice.
            List<Integer> ascending = new ArrayList<>();
            for (int i = 0; i < base.length - 1; i++) {
                ascending.add(base[i]);
            }
            ascending.add(base[base.length - 2]);
            ascending.add(base[base.length - 1]);
            for (int i = ascending.size() - 1; i >= 0; i--) {
                list.add(ascending.get(i));
            }
        } else {
            // PRK on the four highest timesteps, each half step visited twice except the ends.
            List<Integer> prk = new ArrayList<>();
            for (int i = base.length - 4; i < base.length; i++) {
                prk.add(base[i]);
                prk.add(base[i] + stepRatio / 2);
            }
            prk.remove(prk.size() - 1);
            List<Integer> doubled = new ArrayList<>();
            for (int t : prk) {
                doubled.add(t);
                doubled.add(t);
            }
            List<Integer> trimmed = doubled.subList(1, doubled.size() - 1);
            for (int i = trimmed.size() - 1; i >= 0; i--) {
                list.add(trimmed.get(i));
            }
            for (int i = base.length - 4; i >= 0; i--) {
                list.add(base[i]);
            }
        }
        return list.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The inference timesteps in ascending order, as diffusers' {@code _timesteps}. */
    private static int[] ascending(String spacing, int trainSteps, int steps, int offset) {
        float[] descending = SigmaSchedule.spacedTimesteps(spacing, trainSteps, steps, offset);
        int[] out = new int[descending.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) Math.rint(descending[descending.length - 1 - i]);
        }
        return out;
    }

    @Override
    public StepResult step(float[] modelOutput, int index, float[] sample, NoiseSource noise) {
        float[] prev = counter < prkCount ? stepPrk(modelOutput, timestep(index), sample)
                : stepPlms(modelOutput, timestep(index), sample);
        counter++;
        return new StepResult(prev, null);
    }

    private float[] stepPrk(float[] output, int timestep, float[] sample) {
        int diffToPrev = counter % 2 == 1 ? 0 : stepRatio / 2;
        int prevTimestep = timestep - diffToPrev;
        int t = timestep(counter / 4 * 4);
        float[] effective;
        switch (counter % 4) {
            case 0 -> {
                curModelOutput = scaled(output, 1f / 6f, null);
                ets.add(output);
                curSample = sample;
                effective = null;
            }
            case 1, 2 -> {
                curModelOutput = scaled(output, 1f / 3f, curModelOutput);
                effective = null;
            }
            default -> {
                effective = scaled(output, 1f / 6f, curModelOutput);
                curModelOutput = null;
            }
        }
        // diffusers passes the (partially) accumulated model output for the first three sub-steps too.
        float[] used = effective != null ? effective : output;
        float[] from = curSample != null ? curSample : sample;
        return prevSample(from, t, prevTimestep, used);
    }

    private float[] stepPlms(float[] output, int timestep, float[] sample) {
        int prevTimestep = timestep - stepRatio;
        if (counter != 1) {
            while (ets.size() > 3) {
                ets.remove(0);
            }
            ets.add(output);
        } else {
            prevTimestep = timestep;
            timestep = timestep + stepRatio;
        }
        float[] eps;
        int n = ets.size();
        if (n == 1 && counter == 0) {
            eps = output;
            curSample = sample;
        } else if (n == 1 && counter == 1) {
            eps = new float[output.length];
            for (int i = 0; i < eps.length; i++) {
                eps[i] = (output[i] + ets.get(0)[i]) / 2f;
            }
            sample = curSample;
            curSample = null;
        } else if (n == 2) {
            eps = combine(new float[] {3f, -1f}, ets.get(1), ets.get(0));
            divide(eps, 2f);
        } else if (n == 3) {
            eps = combine(new float[] {23f, -16f, 5f}, ets.get(2), ets.get(1), ets.get(0));
            divide(eps, 12f);
        } else {
            eps = combine(new float[] {55f, -59f, 37f, -9f}, ets.get(3), ets.get(2), ets.get(1), ets.get(0));
            float scale = (float) (1.0 / 24.0);
            for (int i = 0; i < eps.length; i++) {
                eps[i] = scale * eps[i];
            }
        }
        return prevSample(sample, timestep, prevTimestep, eps);
    }

    /** Formula (9) of the PNDM paper: x_{t-delta} from x_t and the noise estimate. */
    private float[] prevSample(float[] sample, int t, int prevT, float[] modelOutput) {
        float alphaProd = alphas.at(t);
        float alphaProdPrev = alphas.at(prevT);
        float betaProd = 1f - alphaProd;
        float betaProdPrev = 1f - alphaProdPrev;
        float sampleCoeff = (float) Math.sqrt(alphaProdPrev / alphaProd);
        float denom = alphaProd * (float) Math.sqrt(betaProdPrev)
                + (float) Math.sqrt(alphaProd * betaProd * alphaProdPrev);
        float diff = alphaProdPrev - alphaProd;
        float sqrtA = (float) Math.sqrt(alphaProd);
        float sqrtB = (float) Math.sqrt(betaProd);
        float[] out = new float[sample.length];
        for (int i = 0; i < out.length; i++) {
            float eps = modelOutput[i];
            if (prediction == PredictionType.V_PREDICTION) {
                eps = sqrtA * eps + sqrtB * sample[i];
            }
            out[i] = sampleCoeff * sample[i] - diff * eps / denom;
        }
        return out;
    }

    /** acc + factor * x (acc null = 0), in float32. */
    private static float[] scaled(float[] x, float factor, float[] acc) {
        float[] out = new float[x.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (acc == null ? 0f : acc[i]) + factor * x[i];
        }
        return out;
    }

    /** sum_k weights[k] * xs[k], accumulated left to right as the Python expression is. */
    private static float[] combine(float[] weights, float[]... xs) {
        float[] out = new float[xs[0].length];
        for (int i = 0; i < out.length; i++) {
            float acc = weights[0] * xs[0][i];
            for (int k = 1; k < xs.length; k++) {
                acc = acc + weights[k] * xs[k][i];
            }
            out[i] = acc;
        }
        return out;
    }

    private static void divide(float[] x, float by) {
        for (int i = 0; i < x.length; i++) {
            x[i] /= by;
        }
    }

    @Override
    public float[] addNoise(float[] original, float[] noise, int index) {
        return alphas.addNoise(original, noise, timestep(index));
    }
}
