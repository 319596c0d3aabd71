package org.sandpaint.engine.scheduler;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Expected numbers: diffusers' test_scheduler_heun.py (scheduler-conformance.md). */
class HeunTest {

    @Test
    void fullLoopNoNoise() {
        Heun heun = new Heun(EulerDiscreteTest.testConfig(), 10);
        assertEquals(19, heun.timesteps().length, "10 steps take 19 UNet calls");
        float[] x = SigmaLoop.fullLoop(heun, null);
        assertEquals(0.1233, SchedulerTestFixtures.sumAbs(x), 1e-2);
        assertEquals(0.0002, SchedulerTestFixtures.meanAbs(x), 1e-3);
    }

    @Test
    void timestepsAfterTheFirstAreListedTwice() {
        double[] euler = new EulerDiscrete(EulerDiscreteTest.testConfig(), 4).timesteps();
        double[] heun = new Heun(EulerDiscreteTest.testConfig(), 4).timesteps();
        assertArrayEquals(new double[] {euler[0], euler[1], euler[1], euler[2], euler[2], euler[3], euler[3]}, heun);
        float[] eulerSigmas = new EulerDiscrete(EulerDiscreteTest.testConfig(), 4).sigmas();
        float[] heunSigmas = new Heun(EulerDiscreteTest.testConfig(), 4).sigmas();
        assertArrayEquals(new float[] {eulerSigmas[0], eulerSigmas[1], eulerSigmas[1], eulerSigmas[2],
            eulerSigmas[2], eulerSigmas[3], eulerSigmas[3], 0f}, heunSigmas);
    }

    @Test
    void usesDiffusersDefaultBetasWhenTheConfigHasNone() {
        Heun heun = new Heun(SchedulerConfig.of("beta_schedule", "scaled_linear"), 4);
        EulerDiscrete euler = new EulerDiscrete(SchedulerConfig.of("beta_schedule", "scaled_linear",
                "beta_start", 0.00085, "beta_end", 0.012), 4);
        assertEquals(euler.initNoiseSigma(), heun.initNoiseSigma());
    }

    @Test
    void correctorWithoutPredictorIsRejected() {
        Heun heun = new Heun(EulerDiscreteTest.testConfig(), 4);
        float[] sample = SchedulerTestFixtures.dummySampleDeter();
        assertThrows(IllegalStateException.class, () -> heun.step(sample, 1, sample, null));
    }

    @Test
    void orderIsTwo() {
        assertEquals(2, new Heun(EulerDiscreteTest.testConfig(), 4).order());
    }
}
