package org.sandpaint.engine.scheduler;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Schedules for Stable Diffusion's config, checked against values derived from the definitions (and the
 * well-known SD 1.x sigma range 0.0292..14.6146), not against this code's own output.
 */
class SigmaScheduleTest {

    private static final SchedulerConfig SD = SchedulerConfig.of("num_train_timesteps", 1000,
            "beta_start", 0.00085, "beta_end", 0.012, "beta_schedule", "scaled_linear");

    /** sigma(t) = sqrt((1 - acp[t]) / acp[t]) from the training schedule, in double. */
    private static double trainingSigma(int t) {
        double acp = NoiseSchedule.from(SD).alphaCumprod(t);
        return Math.sqrt((1 - acp) / acp);
    }

    @Test
    void linspaceTimestepsAndSigmas() {
        EulerDiscrete euler = new EulerDiscrete(SD, 8);
        double[] t = euler.timesteps();
        float[] sigmas = euler.sigmas();
        assertEquals(8, t.length);
        assertEquals(9, sigmas.length);
        for (int k = 0; k < 8; k++) {
            assertEquals(999.0 * (7 - k) / 7, t[k], 1e-4, "timestep " + k);
        }
        assertEquals(999.0, t[0]);
        assertEquals(0.0, t[7]);

        assertEquals((float) trainingSigma(999), sigmas[0], 1e-6f);
        assertEquals(14.6146, sigmas[0], 1e-4);
        assertEquals(0.0292, sigmas[7], 1e-4);
        assertEquals((float) trainingSigma(0), sigmas[7], 1e-7f);
        assertEquals(0f, sigmas[8]);
        // 856.2857... lies between training steps 856 and 857: linear interpolation of their sigmas.
        double frac = t[1] - 856;
        double expected = trainingSigma(856) + frac * (trainingSigma(857) - trainingSigma(856));
        assertEquals(expected, sigmas[1], 2e-6 * expected);
        assertEquals(sigmas[0], euler.initNoiseSigma());
    }

    @Test
    void leadingTimestepsWithOffset() {
        EulerDiscrete euler = new EulerDiscrete(SD.with("timestep_spacing", "leading").with("steps_offset", 1), 8);
        assertArrayEquals(new double[] {876, 751, 626, 501, 376, 251, 126, 1}, euler.timesteps());
        // Leading spacing starts below the last training step; the initial noise has the variance of
        // x0 + sigma * eps with unit-variance x0.
        double sigma876 = trainingSigma(876);
        assertEquals(Math.sqrt(sigma876 * sigma876 + 1), euler.initNoiseSigma(), 1e-5);
    }

    @Test
    void trailingTimesteps() {
        SchedulerConfig trailing = SD.with("timestep_spacing", "trailing");
        assertArrayEquals(new double[] {999, 874, 749, 624, 499, 374, 249, 124},
                new EulerDiscrete(trailing, 8).timesteps());
        // numpy: np.arange(1000, 0, -1000 / 7).round() - 1
        assertArrayEquals(new double[] {999, 856, 713, 570, 428, 285, 142}, new EulerDiscrete(trailing, 7).timesteps());
        assertArrayEquals(new double[] {999, 666, 332}, new EulerDiscrete(trailing, 3).timesteps());
    }

    @Test
    void karrasSigmasFollowTheRhoSevenRamp() {
        EulerDiscrete euler = new EulerDiscrete(SD.with("use_karras_sigmas", true), 8);
        float[] sigmas = euler.sigmas();
        double max = trainingSigma(999);
        double min = trainingSigma(0);
        for (int i = 0; i < 8; i++) {
            double ramp = Math.pow(max, 1 / 7.0) + i / 7.0 * (Math.pow(min, 1 / 7.0) - Math.pow(max, 1 / 7.0));
            double expected = Math.pow(ramp, 7);
            assertEquals(expected, sigmas[i], 2e-6 * expected, "sigma " + i);
        }
        assertEquals(0f, sigmas[8]);
        double[] t = euler.timesteps();
        assertEquals(999.0, t[0], 1e-3);
        assertEquals(0.0, t[7], 1e-3);
        for (int i = 1; i < t.length; i++) {
            assertTrue(t[i] < t[i - 1], "timesteps descend");
        }
    }

    @Test
    void karrasTimestepsInvertTheTrainingSigmas() {
        // A sigma between two training sigmas maps to a timestep between theirs, linear in log sigma.
        float[] logSigmas = new float[1000];
        for (int t = 0; t < 1000; t++) {
            logSigmas[t] = (float) Math.log((float) trainingSigma(t));
        }
        double mid = Math.exp(((double) logSigmas[500] + logSigmas[501]) / 2);
        assertEquals(500.5, SigmaSchedule.sigmaToTimestep(mid, logSigmas), 1e-6);
        assertEquals(0.0, SigmaSchedule.sigmaToTimestep(1e-6, logSigmas), 0.0, "clamped below");
        assertEquals(999.0, SigmaSchedule.sigmaToTimestep(1e6, logSigmas), 0.0, "clamped above");
    }

    @Test
    void zeroTerminalSnrKeepsTheLargestSigmaFinite() {
        // The rescaled last alphas_cumprod is 0; Euler replaces it by 2^-24: sigma = sqrt(2^24 - 1).
        EulerDiscrete euler = new EulerDiscrete(SD.with("rescale_betas_zero_snr", true), 8);
        assertEquals(Math.sqrt((1 - 0x1p-24) / 0x1p-24), euler.initNoiseSigma(), 1e-2);
        EulerAncestral ancestral = new EulerAncestral(SD.with("rescale_betas_zero_snr", true), 8);
        assertEquals(Math.sqrt((1 - 0x1p-24) / 0x1p-24), ancestral.initNoiseSigma(), 1e-2);
    }

    @Test
    void lmsAndHeunIgnoreZeroSnrRescalingLikeDiffusers() {
        assertEquals(new Lms(SD, 8).initNoiseSigma(), new Lms(SD.with("rescale_betas_zero_snr", true), 8).initNoiseSigma());
        assertEquals(new Heun(SD, 8).initNoiseSigma(), new Heun(SD.with("rescale_betas_zero_snr", true), 8).initNoiseSigma());
    }

    @Test
    void scaleModelInputDividesBySqrtOfSigmaSquaredPlusOne() {
        EulerDiscrete euler = new EulerDiscrete(SD, 8);
        float sigma = euler.sigmas()[2];
        float[] scaled = euler.scaleModelInput(new float[] {2f, -1f}, 2);
        assertEquals(2 / Math.sqrt(sigma * (double) sigma + 1), scaled[0], 1e-6);
        assertEquals(-1 / Math.sqrt(sigma * (double) sigma + 1), scaled[1], 1e-6);
    }

    @Test
    void addNoiseScalesNoiseBySigma() {
        EulerDiscrete euler = new EulerDiscrete(SD, 8);
        float sigma = euler.sigmas()[3];
        float[] noisy = euler.addNoise(new float[] {1f, 2f}, new float[] {0.5f, -1f}, 3);
        assertEquals(1 + 0.5 * sigma, noisy[0], 1e-5);
        assertEquals(2 - sigma, noisy[1], 1e-5);
    }

    @Test
    void badInputIsExplained() {
        EulerDiscrete euler = new EulerDiscrete(SD, 8);
        assertThrows(IndexOutOfBoundsException.class, () -> euler.scaleModelInput(new float[1], 8));
        assertThrows(IllegalArgumentException.class, () -> euler.addNoise(new float[2], new float[3], 0));
        assertThrows(IllegalArgumentException.class, () -> new EulerDiscrete(SD, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new EulerDiscrete(SD.with("use_karras_sigmas", true).with("use_exponential_sigmas", true), 8));
    }
}
