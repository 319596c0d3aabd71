package org.sandpaint.engine.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.sandpaint.engine.Sampler;
import org.sandpaint.engine.ScheduleType;

import java.io.IOException;
import java.io.InputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The WebUI's schedule types against kdiffusion-schedules.json: k-diffusion's get_sigmas_karras and
 * get_sigmas_exponential between the model's smallest and largest sigma (the WebUI's choice), and the
 * WebUI's sgm_uniform through k-diffusion's t_to_sigma, computed by src/test/python/kdiffusion_reference.py
 * on Stable Diffusion's schedule. The WebUI builds its model sigmas from float64 betas where diffusers (and we)
 * use float32 ones, so sigmas agree to a few parts in a million rather than bit for bit.
 */
class ScheduleTypeTest {

    private static final SchedulerConfig SD = SchedulerConfig.of("num_train_timesteps", 1000,
            "beta_start", 0.00085, "beta_end", 0.012, "beta_schedule", "scaled_linear");
    private static final double RELATIVE = 5e-6;

    private static JsonNode reference() throws IOException {
        try (InputStream in = ScheduleTypeTest.class.getResourceAsStream("kdiffusion-schedules.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void karrasExponentialAndSgmUniformSigmasAreTheWebUis() throws IOException {
        for (JsonNode entry : reference().get("schedules")) {
            int steps = entry.get("steps").asInt();
            for (Sampler sampler : new Sampler[] {Sampler.EULER, Sampler.EULER_A, Sampler.LMS, Sampler.DPMPP_2M}) {
                check(sampler, ScheduleType.KARRAS, steps, entry.get("karras"));
                check(sampler, ScheduleType.EXPONENTIAL, steps, entry.get("exponential"));
                check(sampler, ScheduleType.SGM_UNIFORM, steps, entry.get("sgmUniform"));
            }
            check(Sampler.DPMPP_2M_KARRAS, ScheduleType.AUTOMATIC, steps, entry.get("karras"));
        }
    }

    /** The sigma samplers call the UNet at k-diffusion's sigma_to_t of each sigma, a fractional timestep. */
    @Test
    void theUnetSeesKDiffusionsTimestepOfEachSigma() throws IOException {
        for (JsonNode entry : reference().get("schedules")) {
            int steps = entry.get("steps").asInt();
            for (String[] pair : new String[][] {{"karras", "KARRAS"}, {"exponential", "EXPONENTIAL"},
                    {"sgmUniform", "SGM_UNIFORM"}}) {
                double[] timesteps = SamplerSchedulers.create(Sampler.EULER, ScheduleType.valueOf(pair[1]), SD, steps)
                        .timesteps();
                JsonNode expected = entry.get(pair[0] + "Timesteps");
                for (int i = 0; i < steps; i++) {
                    assertEquals(expected.get(i).asDouble(), timesteps[i], 2e-3, pair[0] + " " + steps + " step " + i);
                }
            }
        }
    }

    /**
     * Uniform is diffusers' spacing, which interpolates sigma linearly between training timesteps where
     * k-diffusion interpolates log sigma: for more than one step they differ by less than 1e-4 relative.
     */
    @Test
    void uniformIsWithinATenThousandthOfTheWebUis() throws IOException {
        for (JsonNode entry : reference().get("schedules")) {
            int steps = entry.get("steps").asInt();
            if (steps > 1) {
                float[] sigmas = ((SigmaScheduler) SamplerSchedulers.create(Sampler.EULER, ScheduleType.UNIFORM, SD,
                        steps)).sigmas();
                JsonNode expected = entry.get("uniform");
                for (int i = 0; i < sigmas.length; i++) {
                    assertEquals(expected.get(i).asDouble(), sigmas[i], 1e-4 * expected.get(i).asDouble());
                }
            }
        }
    }

    @Test
    void automaticIsTheSamplersOwnAndOnlySigmaSamplersTakeOthers() {
        float[] automatic = ((SigmaScheduler) SamplerSchedulers.create(Sampler.EULER, ScheduleType.AUTOMATIC, SD, 10))
                .sigmas();
        float[] uniform = ((SigmaScheduler) SamplerSchedulers.create(Sampler.EULER, ScheduleType.UNIFORM, SD, 10))
                .sigmas();
        assertEquals(java.util.Arrays.toString(uniform), java.util.Arrays.toString(automatic));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SamplerSchedulers.create(Sampler.DDIM, ScheduleType.KARRAS, SD, 10));
        assertTrue(e.getMessage().contains("does not apply to DDIM"), e.getMessage());
        assertEquals(ScheduleType.SGM_UNIFORM, ScheduleType.parse("sgm_uniform"));
        assertEquals(ScheduleType.SGM_UNIFORM, ScheduleType.parse("SGMUniform"));
        assertThrows(IllegalArgumentException.class, () -> ScheduleType.parse("beta"));
    }

    private static void check(Sampler sampler, ScheduleType type, int steps, JsonNode expected) {
        float[] sigmas = sigmasOf(SamplerSchedulers.create(sampler, type, SD, steps));
        assertEquals(expected.size(), sigmas.length, sampler + " " + type + " " + steps);
        for (int i = 0; i < sigmas.length; i++) {
            double want = expected.get(i).asDouble();
            assertEquals(want, sigmas[i], RELATIVE * want, sampler + " " + type + " " + steps + " sigma " + i);
        }
    }

    private static float[] sigmasOf(Scheduler scheduler) {
        if (scheduler instanceof SigmaScheduler s) {
            return s.sigmas();
        }
        if (scheduler instanceof DpmSolverMultistep d) {
            return d.sigmas();
        }
        throw new AssertionError("not a sigma scheduler: " + scheduler);
    }
}
