package org.sandpaint.engine.scheduler;

import org.junit.jupiter.api.Test;
import org.sandpaint.engine.random.TorchGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Expected numbers: diffusers' test_scheduler_euler_ancestral.py (scheduler-conformance.md); the noise comes
 * from torch.manual_seed(0), one stream for the whole loop.
 */
class EulerAncestralTest {

    @Test
    void fullLoopNoNoise() {
        float[] x = SigmaLoop.fullLoop(new EulerAncestral(EulerDiscreteTest.testConfig(), 10), new TorchGenerator(0));
        assertEquals(152.3192, SchedulerTestFixtures.sumAbs(x), 1e-2);
        assertEquals(0.1983, SchedulerTestFixtures.meanAbs(x), 1e-3);
    }

    @Test
    void fullLoopVPrediction() {
        EulerAncestral scheduler = new EulerAncestral(EulerDiscreteTest.testConfig("prediction_type", "v_prediction"), 10);
        float[] x = SigmaLoop.fullLoop(scheduler, new TorchGenerator(0));
        assertEquals(108.4439, SchedulerTestFixtures.sumAbs(x), 1e-2);
        assertEquals(0.1412, SchedulerTestFixtures.meanAbs(x), 1e-3);
    }

    @Test
    void needsANoiseSource() {
        EulerAncestral scheduler = new EulerAncestral(EulerDiscreteTest.testConfig(), 10);
        float[] sample = SchedulerTestFixtures.dummySampleDeter();
        assertThrows(IllegalArgumentException.class, () -> scheduler.step(sample, 0, sample, null));
    }

    /**
     * diffusers' Euler a ignores use_karras_sigmas; the WebUI's Euler a takes any schedule type, so ours takes
     * the same Karras sigmas as Euler (checked against k-diffusion in ScheduleTypeTest).
     */
    @Test
    void takesKarrasSigmasAsTheWebUisScheduleTypeAllows() {
        SchedulerConfig karras = EulerDiscreteTest.testConfig("use_karras_sigmas", true);
        assertEquals(java.util.Arrays.toString(new EulerDiscrete(karras, 10).sigmas()),
                java.util.Arrays.toString(new EulerAncestral(karras, 10).sigmas()));
        assertNotEquals(new EulerAncestral(EulerDiscreteTest.testConfig(), 10).timesteps()[1],
                new EulerAncestral(karras, 10).timesteps()[1]);
    }
}
