package org.sandpaint.engine.scheduler;

import org.sandpaint.engine.Sampler;

/**
 * The diffusers scheduler behind each {@link Sampler}, with the WebUI-like defaults applied on top of the
 * model's own {@code scheduler_config.json}.
 */
public final class SamplerSchedulers {

    private SamplerSchedulers() {
    }

    /** A scheduler for {@code steps} inference steps on a model with the given scheduler config. */
    public static Scheduler create(Sampler sampler, SchedulerConfig model, int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("Steps must be at least 1, got " + steps);
        }
        SchedulerConfig c = configFor(sampler, model);
        return switch (sampler) {
            case EULER_A -> new EulerAncestral(c, steps);
            case EULER -> new EulerDiscrete(c, steps);
            case HEUN -> new Heun(c, steps);
            case LMS -> new Lms(c, steps);
            case DDIM -> new Ddim(c, steps);
            case PLMS -> new Pndm(c, steps);
            case DPMPP_2M, DPMPP_2M_KARRAS -> new DpmSolverMultistep(c, steps);
            case UNIPC -> new UniPcMultistep(c, steps);
            case LCM -> new Lcm(c, steps);
        };
    }

    /**
     * The configuration a sampler runs with for a model: the model's betas, train steps and prediction
     * type, with {@code linspace} spacing for the sigma samplers and {@code leading} spacing with offset 1
     * for DDIM, PLMS and LCM; a model that asks for {@code trailing} (Turbo) keeps it.
     */
    static SchedulerConfig configFor(Sampler sampler, SchedulerConfig model) {
        boolean trailing = "trailing".equals(model.getString("timestep_spacing", ""));
        SchedulerConfig c = model;
        if (!trailing) {
            c = spacesLeading(sampler)
                    ? c.with("timestep_spacing", "leading").with("steps_offset", 1)
                    : c.with("timestep_spacing", "linspace").with("steps_offset", 0);
        }
        c = c.with("use_karras_sigmas", sampler == Sampler.DPMPP_2M_KARRAS);
        return sampler == Sampler.PLMS ? c.with("skip_prk_steps", true) : c;
    }

    /** DDIM, PLMS and LCM space their timesteps like the WebUI's "leading" samplers; the rest by sigma. */
    private static boolean spacesLeading(Sampler sampler) {
        return sampler == Sampler.DDIM || sampler == Sampler.PLMS || sampler == Sampler.LCM;
    }
}
