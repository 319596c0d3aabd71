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
}
