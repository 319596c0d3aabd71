package org.sandpaint.engine.scheduler;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** diffusers' DPMSolverMultistep tests (../shared/notes/scheduler-conformance.md). */
class DpmSolverMultistepTest {

    static final SchedulerConfig TEST_CONFIG = SchedulerConfig.of("num_train_timesteps", 1000,
            "beta_start", 0.0001, "beta_end", 0.02, "beta_schedule", "linear", "solver_order", 2,
            "prediction_type", "epsilon", "algorithm_type", "dpmsolver++", "solver_type", "midpoint",
            "lower_order_final", false, "euler_at_final", false, "final_sigmas_type", "sigma_min");

    static float[] fullLoop(Scheduler scheduler) {
        return SchedulerTestFixtures.loopFrom(scheduler, SchedulerTestFixtures.dummySampleDeter(), 0, null);
    }

    @Test
    void fullLoop() {
        DpmSolverMultistep dpm = new DpmSolverMultistep(TEST_CONFIG, 10);
        assertArrayEquals(new double[] {999, 899, 799, 699, 599, 500, 400, 300, 200, 100}, dpm.timesteps());
        assertEquals(0.3301, SchedulerTestFixtures.meanAbs(fullLoop(dpm)), 1e-3);
    }

    @Test
    void fullLoopKarrasVPrediction() {
        DpmSolverMultistep dpm = new DpmSolverMultistep(TEST_CONFIG.with("prediction_type", "v_prediction")
                .with("use_karras_sigmas", true), 10);
        assertEquals(0.2096, SchedulerTestFixtures.meanAbs(fullLoop(dpm)), 1e-3);
    }

    @Test
    void refusesAlgorithmsItDoesNotImplement() {
        assertThrows(IllegalArgumentException.class,
                () -> new DpmSolverMultistep(TEST_CONFIG.with("algorithm_type", "dpmsolver"), 10));
    }

    /** diffusers' test_full_loop_with_v_prediction (not in the note). */
    @Test
    void fullLoopVPrediction() {
        DpmSolverMultistep dpm = new DpmSolverMultistep(TEST_CONFIG.with("prediction_type", "v_prediction"), 10);
        assertEquals(0.2251, SchedulerTestFixtures.meanAbs(fullLoop(dpm)), 1e-3);
    }

    /** diffusers' test_full_loop_with_noise (not in the note): noised to timesteps[5], then 5 steps (img2img). */
    @Test
    void fullLoopWithNoise() {
        float[] x = SchedulerTestFixtures.withNoiseLoop(new DpmSolverMultistep(TEST_CONFIG, 10), 5);
        assertEquals(318.4111, SchedulerTestFixtures.sumAbs(x), 1e-2);
        assertEquals(0.4146, SchedulerTestFixtures.meanAbs(x), 1e-3);
    }
}
