package org.sandpaint.engine.scheduler;

import org.junit.jupiter.api.Test;
import org.sandpaint.engine.random.TorchGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    @Test
    void ignoresKarrasSigmasLikeDiffusers() {
        double[] plain = new EulerAncestral(EulerDiscreteTest.testConfig(), 10).timesteps();
        double[] karras = new EulerAncestral(EulerDiscreteTest.testConfig("use_karras_sigmas", true), 10).timesteps();
        assertEquals(plain[1], karras[1]);
    }
}
