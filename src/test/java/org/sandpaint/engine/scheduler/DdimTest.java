package org.sandpaint.engine.scheduler;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** diffusers' DDIM scheduler tests (../shared/notes/scheduler-conformance.md). */
class DdimTest {

    private static final SchedulerConfig TEST_CONFIG = SchedulerConfig.of("num_train_timesteps", 1000,
            "beta_start", 0.0001, "beta_end", 0.02, "beta_schedule", "linear", "clip_sample", true);

    private static float[] fullLoop(SchedulerConfig config) {
        return SchedulerTestFixtures.loopFrom(new Ddim(config, 10), SchedulerTestFixtures.dummySampleDeter(), 0, null);
    }

    @Test
    void fullLoop() {
        float[] x = fullLoop(TEST_CONFIG.with("set_alpha_to_one", true));
        assertEquals(172.0067, SchedulerTestFixtures.sumAbs(x), 1e-2);
        assertEquals(0.223967, SchedulerTestFixtures.meanAbs(x), 1e-3);
    }

    @Test
    void fullLoopVPrediction() {
        float[] x = fullLoop(TEST_CONFIG.with("prediction_type", "v_prediction"));
        assertEquals(52.5302, SchedulerTestFixtures.sumAbs(x), 1e-2);
        assertEquals(0.0684, SchedulerTestFixtures.meanAbs(x), 1e-3);
    }

    @Test
    void fullLoopWithSetAlphaToOneAndOtherBetas() {
        float[] one = fullLoop(TEST_CONFIG.with("set_alpha_to_one", true).with("beta_start", 0.01));
        assertEquals(149.8295, SchedulerTestFixtures.sumAbs(one), 1e-2);
        assertEquals(0.1951, SchedulerTestFixtures.meanAbs(one), 1e-3);
        float[] notOne = fullLoop(TEST_CONFIG.with("set_alpha_to_one", false).with("beta_start", 0.01));
        assertEquals(149.0784, SchedulerTestFixtures.sumAbs(notOne), 1e-2);
        assertEquals(0.1941, SchedulerTestFixtures.meanAbs(notOne), 1e-3);
    }

    @Test
    void variance() {
        Ddim ddim = new Ddim(TEST_CONFIG, 10);
        assertEquals(0.0, ddim.variance(0, 0), 1e-5);
        assertEquals(0.14771, ddim.variance(420, 400), 1e-5);
        assertEquals(0.32460, ddim.variance(980, 960), 1e-5);
        assertEquals(0.00979, ddim.variance(487, 486), 1e-5);
        assertEquals(0.02, ddim.variance(999, 998), 1e-5);
    }

    @Test
    void stepsOffset() {
        Ddim ddim = new Ddim(TEST_CONFIG.with("steps_offset", 1), 5);
        assertArrayEquals(new double[] {801, 601, 401, 201, 1}, ddim.timesteps());
    }

    @Test
    void stableDiffusionTimesteps() {
        SchedulerConfig sd = SchedulerConfig.of("num_train_timesteps", 1000, "beta_start", 0.00085,
                "beta_end", 0.012, "beta_schedule", "scaled_linear", "steps_offset", 1, "timestep_spacing", "leading");
        assertArrayEquals(new double[] {901, 801, 701, 601, 501, 401, 301, 201, 101, 1}, new Ddim(sd, 10).timesteps());
    }

    @Test
    void refusesMoreStepsThanTrainingTimesteps() {
        assertThrows(IllegalArgumentException.class, () -> new Ddim(TEST_CONFIG, 1001));
    }

    /** diffusers' test_full_loop_with_noise (not in the note): noised to timesteps[8], then 2 steps. */
    @Test
    void fullLoopWithNoise() {
        float[] x = SchedulerTestFixtures.withNoiseLoop(new Ddim(TEST_CONFIG, 10), 8);
        assertEquals(354.5418, SchedulerTestFixtures.sumAbs(x), 1e-2);
        assertEquals(0.4616, SchedulerTestFixtures.meanAbs(x), 1e-3);
    }
}
