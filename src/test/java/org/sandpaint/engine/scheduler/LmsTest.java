package org.sandpaint.engine.scheduler;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Expected numbers: diffusers' test_scheduler_lms.py (scheduler-conformance.md). */
class LmsTest {

    @Test
    void fullLoopNoNoise() {
        float[] x = SigmaLoop.fullLoop(new Lms(EulerDiscreteTest.testConfig(), 10), null);
        assertEquals(1006.388, SchedulerTestFixtures.sumAbs(x), 1e-2);
        assertEquals(1.31, SchedulerTestFixtures.meanAbs(x), 1e-3);
    }

    @Test
    void fullLoopKarrasSigmas() {
        float[] x = SigmaLoop.fullLoop(new Lms(EulerDiscreteTest.testConfig("use_karras_sigmas", true), 10), null);
        assertEquals(3812.9927, SchedulerTestFixtures.sumAbs(x), 2e-2);
        assertEquals(4.9648, SchedulerTestFixtures.meanAbs(x), 1e-3);
    }

    @Test
    void firstStepCoefficientIsTheStepLength() {
        // Order 1: the basis polynomial is the constant 1, so the weight is sigma[1] - sigma[0] (Euler).
        Lms lms = new Lms(EulerDiscreteTest.testConfig(), 10);
        float[] sigmas = lms.sigmas();
        assertEquals((double) sigmas[1] - sigmas[0], lms.coefficient(1, 0, 0), 1e-9);
    }

    @Test
    void secondOrderCoefficientMatchesTheClosedForm() {
        // L0(tau) = (tau - s1) / (s2 - s1) with s2 = sigma[t], s1 = sigma[t-1]; its antiderivative is
        // (tau - s1)^2 / (2 (s2 - s1)), taken from sigma[t] to sigma[t+1].
        Lms lms = new Lms(EulerDiscreteTest.testConfig(), 10);
        float[] s = lms.sigmas();
        int t = 3;
        double s1 = s[t - 1];
        double s2 = s[t];
        double s3 = s[t + 1];
        double expected = ((s3 - s1) * (s3 - s1) - (s2 - s1) * (s2 - s1)) / (2 * (s2 - s1));
        assertEquals(expected, lms.coefficient(2, t, 0), 1e-9 * Math.abs(expected));
    }

    @Test
    void coefficientsOfOneStepSumToItsLength() {
        // The Lagrange basis polynomials sum to 1, so the weights of a step add up to its length.
        Lms lms = new Lms(EulerDiscreteTest.testConfig(), 10);
        float[] sigmas = lms.sigmas();
        double total = 0;
        for (int j = 0; j < 4; j++) {
            total += lms.coefficient(4, 5, j);
        }
        assertEquals((double) sigmas[6] - sigmas[5], total, 1e-9);
    }
}
