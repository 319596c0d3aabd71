package org.sandpaint.engine.scheduler;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** diffusers' UniPC scheduler tests (../shared/notes/scheduler-conformance.md). */
class UniPcMultistepTest {

    private static final SchedulerConfig TEST_CONFIG = SchedulerConfig.of("num_train_timesteps", 1000,
            "beta_start", 0.0001, "beta_end", 0.02, "beta_schedule", "linear", "solver_order", 2,
            "solver_type", "bh2", "final_sigmas_type", "sigma_min");

    @Test
    void fullLoop() {
        float[] x = DpmSolverMultistepTest.fullLoop(new UniPcMultistep(TEST_CONFIG, 10));
        assertEquals(0.2464, SchedulerTestFixtures.meanAbs(x), 1e-3);
    }

    @Test
    void fullLoopKarras() {
        float[] x = DpmSolverMultistepTest.fullLoop(new UniPcMultistep(TEST_CONFIG.with("use_karras_sigmas", true), 10));
        assertEquals(0.2925, SchedulerTestFixtures.meanAbs(x), 1e-3);
    }

    /** diffusers' test_full_loop_with_v_prediction (not in the note). */
    @Test
    void fullLoopVPrediction() {
        float[] x = DpmSolverMultistepTest.fullLoop(
                new UniPcMultistep(TEST_CONFIG.with("prediction_type", "v_prediction"), 10));
        assertEquals(0.1014, SchedulerTestFixtures.meanAbs(x), 1e-3);
    }

    /** diffusers' test_full_loop_with_noise (not in the note): noised to timesteps[8], then 2 steps. */
    @Test
    void fullLoopWithNoise() {
        float[] x = SchedulerTestFixtures.withNoiseLoop(new UniPcMultistep(TEST_CONFIG, 10), 8);
        assertEquals(315.5757, SchedulerTestFixtures.sumAbs(x), 1e-2);
        assertEquals(0.4109, SchedulerTestFixtures.meanAbs(x), 1e-3);
    }
}
