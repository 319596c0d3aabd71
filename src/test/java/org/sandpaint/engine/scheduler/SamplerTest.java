package org.sandpaint.engine.scheduler;

import org.junit.jupiter.api.Test;
import org.sandpaint.engine.Sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SamplerTest {

    private static final SchedulerConfig SD15 = SchedulerConfig.of("num_train_timesteps", 1000,
            "beta_start", 0.00085, "beta_end", 0.012, "beta_schedule", "scaled_linear",
            "steps_offset", 1, "timestep_spacing", "leading", "skip_prk_steps", true);

    @Test
    void parsesDisplayNamesAndSlugs() {
        assertEquals(Sampler.EULER_A, Sampler.parse("Euler a"));
        assertEquals(Sampler.EULER_A, Sampler.parse("euler_a"));
        assertEquals(Sampler.DPMPP_2M_KARRAS, Sampler.parse("DPM++ 2M Karras"));
        assertEquals(Sampler.DPMPP_2M_KARRAS, Sampler.parse("dpmpp_2m_karras"));
        assertEquals(Sampler.PLMS, Sampler.parse("pndm"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sampler.parse("k_dpm_fast"));
        assertTrue(e.getMessage().contains("Euler a"), e.getMessage());
    }

    @Test
    void sigmaSamplersUseLinspaceAndDdimUsesLeadingWithOffset() {
        SchedulerConfig euler = SamplerSchedulers.configFor(Sampler.EULER_A, SD15);
        assertEquals("linspace", euler.getString("timestep_spacing", ""));
        SchedulerConfig ddim = SamplerSchedulers.configFor(Sampler.DDIM, SD15.with("timestep_spacing", "linspace").with("steps_offset", 0));
        assertEquals("leading", ddim.getString("timestep_spacing", ""));
        assertEquals(1, ddim.getInt("steps_offset", 0));
        assertTrue(SamplerSchedulers.configFor(Sampler.DPMPP_2M_KARRAS, SD15).getBoolean("use_karras_sigmas", false));
        assertFalse(SamplerSchedulers.configFor(Sampler.DPMPP_2M, SD15).getBoolean("use_karras_sigmas", true));
    }

    @Test
    void turboModelsKeepTrailingSpacing() {
        SchedulerConfig turbo = SD15.with("timestep_spacing", "trailing");
        assertEquals("trailing", SamplerSchedulers.configFor(Sampler.EULER, turbo).getString("timestep_spacing", ""));
        assertEquals("trailing", SamplerSchedulers.configFor(Sampler.DDIM, turbo).getString("timestep_spacing", ""));
    }

    @Test
    void everySamplerBuildsAndRunsItsTimesteps() {
        for (Sampler s : Sampler.values()) {
            Scheduler scheduler = SamplerSchedulers.create(s, SD15, 4);
            assertTrue(scheduler.timesteps().length >= 4, s + " has " + scheduler.timesteps().length + " timesteps");
        }
        assertThrows(IllegalArgumentException.class, () -> SamplerSchedulers.create(Sampler.EULER, SD15, 0));
    }
}
