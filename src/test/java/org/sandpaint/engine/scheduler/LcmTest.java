package org.sandpaint.engine.scheduler;

import org.junit.jupiter.api.Test;
import org.sandpaint.engine.random.TorchGenerator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** diffusers' LCM scheduler tests (../shared/notes/scheduler-conformance.md). */
class LcmTest {

    private static final SchedulerConfig TEST_CONFIG = SchedulerConfig.of("num_train_timesteps", 1000,
            "beta_start", 0.00085, "beta_end", 0.012, "beta_schedule", "scaled_linear",
            "prediction_type", "epsilon");

    private static float[] fullLoop(int steps) {
        TorchGenerator generator = new TorchGenerator(0);
        return SchedulerTestFixtures.loopFrom(new Lcm(TEST_CONFIG, steps), SchedulerTestFixtures.dummySampleDeter(),
                0, generator);
    }

    @Test
    void oneStep() {
        assertArrayEquals(new double[] {999}, new Lcm(TEST_CONFIG, 1).timesteps());
        float[] x = fullLoop(1);
        assertEquals(18.7097, SchedulerTestFixtures.sumAbs(x), 1e-3);
        assertEquals(0.0244, SchedulerTestFixtures.meanAbs(x), 1e-3);
    }

    @Test
    void multistepWithTorchNoise() {
        assertArrayEquals(new double[] {999, 899, 799, 699, 599, 499, 399, 299, 199, 99},
                new Lcm(TEST_CONFIG, 10).timesteps());
        float[] x = fullLoop(10);
        assertEquals(197.7616, SchedulerTestFixtures.sumAbs(x), 1e-3);
        assertEquals(0.2575, SchedulerTestFixtures.meanAbs(x), 1e-3);
    }

    @Test
    void refusesMoreStepsThanItWasDistilledOn() {
        assertThrows(IllegalArgumentException.class, () -> new Lcm(TEST_CONFIG, 51));
    }
}
