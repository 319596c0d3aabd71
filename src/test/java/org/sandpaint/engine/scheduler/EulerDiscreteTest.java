package org.sandpaint.engine.scheduler;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Expected numbers: diffusers' test_scheduler_euler.py, as listed in scheduler-conformance.md. */
class EulerDiscreteTest {

    static SchedulerConfig testConfig(Object... extra) {
        SchedulerConfig config = SchedulerConfig.of("num_train_timesteps", 1100, "beta_start", 0.0001,
                "beta_end", 0.02, "beta_schedule", "linear");
        for (int i = 0; i < extra.length; i += 2) {
            config = config.with((String) extra[i], extra[i + 1]);
        }
        return config;
    }

    @Test
    void fullLoopNoNoise() {
        float[] x = SigmaLoop.fullLoop(new EulerDiscrete(testConfig(), 10), null);
        assertEquals(10.0807, SchedulerTestFixtures.sumAbs(x), 1e-2);
        assertEquals(0.0131, SchedulerTestFixtures.meanAbs(x), 1e-3);
    }

    @Test
    void fullLoopKarrasSigmas() {
        float[] x = SigmaLoop.fullLoop(new EulerDiscrete(testConfig("use_karras_sigmas", true), 10), null);
        assertEquals(124.52299499511719, SchedulerTestFixtures.sumAbs(x), 1e-2);
        assertEquals(0.16213932633399963, SchedulerTestFixtures.meanAbs(x), 1e-3);
    }

    @Test
    void fullLoopVPrediction() {
        float[] x = SigmaLoop.fullLoop(new EulerDiscrete(testConfig("prediction_type", "v_prediction"), 10), null);
        assertEquals(0.0002, SchedulerTestFixtures.sumAbs(x), 1e-2);
        assertEquals(2.2676e-06, SchedulerTestFixtures.meanAbs(x), 1e-3);
    }

    @Test
    void fullLoopWithNoise() {
        float[] x = SigmaLoop.withNoiseLoop(new EulerDiscrete(testConfig(), 10), 8);
        assertEquals(57062.9297, SchedulerTestFixtures.sumAbs(x), 1e-2);
        assertEquals(74.3007, SchedulerTestFixtures.meanAbs(x), 1e-3);
    }

    @Test
    void rejectsUnknownSpacing() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EulerDiscrete(testConfig("timestep_spacing", "sideways"), 10));
        assertEquals(true, e.getMessage().contains("linspace, leading or trailing"));
    }
}
