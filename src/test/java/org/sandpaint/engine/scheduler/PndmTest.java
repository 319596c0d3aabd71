package org.sandpaint.engine.scheduler;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** diffusers' PNDM scheduler tests (../shared/notes/scheduler-conformance.md). */
class PndmTest {

    private static final SchedulerConfig TEST_CONFIG = SchedulerConfig.of("num_train_timesteps", 1000,
            "beta_start", 0.0001, "beta_end", 0.02, "beta_schedule", "linear");

    @Test
    void fullLoopWithRungeKuttaWarmUp() {
        Pndm pndm = new Pndm(TEST_CONFIG, 10);
        assertArrayEquals(new double[] {900, 850, 850, 800, 800, 750, 750, 700, 700, 650, 650, 600,
                600, 500, 400, 300, 200, 100, 0}, pndm.timesteps());
        float[] x = SchedulerTestFixtures.loopFrom(pndm, SchedulerTestFixtures.dummySampleDeter(), 0, null);
        assertEquals(198.1318, SchedulerTestFixtures.sumAbs(x), 1e-2);
        assertEquals(0.2580, SchedulerTestFixtures.meanAbs(x), 1e-3);
    }

    @Test
    void stepsOffset() {
        Pndm pndm = new Pndm(TEST_CONFIG.with("steps_offset", 1), 10);
        assertArrayEquals(new double[] {901, 851, 851, 801, 801, 751, 751, 701, 701, 651, 651, 601, 601, 501,
                401, 301, 201, 101, 1}, pndm.timesteps());
    }

    @Test
    void plmsVisitsTheSecondTimestepTwice() {
        Pndm plms = new Pndm(TEST_CONFIG.with("skip_prk_steps", true).with("steps_offset", 1), 5);
        assertArrayEquals(new double[] {801, 601, 601, 401, 201, 1}, plms.timesteps());
    }

    /** diffusers' test_full_loop_with_v_prediction (not in the note). */
    @Test
    void fullLoopVPrediction() {
        float[] x = SchedulerTestFixtures.loopFrom(new Pndm(TEST_CONFIG.with("prediction_type", "v_prediction"), 10),
                SchedulerTestFixtures.dummySampleDeter(), 0, null);
        assertEquals(67.3986, SchedulerTestFixtures.sumAbs(x), 1e-2);
        assertEquals(0.0878, SchedulerTestFixtures.meanAbs(x), 1e-3);
    }
}
