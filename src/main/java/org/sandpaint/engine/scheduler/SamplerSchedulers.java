package org.sandpaint.engine.scheduler;

import org.sandpaint.engine.Sampler;
import org.sandpaint.engine.ScheduleType;

/**
 * The scheduler behind each {@link Sampler} (ported from diffusers, or from k-diffusion for the DPM++ SDE
 * samplers, which diffusers lacks or implements differently), with the WebUI-like defaults applied on top of
 * the model's own {@code scheduler_config.json}.
 */
public final class SamplerSchedulers {

    private SamplerSchedulers() {
    }

    /** A scheduler for {@code steps} inference steps with the sampler's own schedule. */
    public static Scheduler create(Sampler sampler, SchedulerConfig model, int steps) {
        return create(sampler, ScheduleType.AUTOMATIC, model, steps);
    }

    /**
     * A scheduler for {@code steps} inference steps on a model with the given scheduler config, its sigmas
     * spaced by {@code schedule} (Automatic: the sampler's own).
     */
    public static Scheduler create(Sampler sampler, ScheduleType schedule, SchedulerConfig model, int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("Steps must be at least 1, got " + steps);
        }
        if (schedule != ScheduleType.AUTOMATIC && !sampler.takesScheduleType()) {
            throw new IllegalArgumentException("Schedule type " + schedule.label() + " does not apply to "
                    + sampler.displayName() + "; choose Automatic.");
        }
        SchedulerConfig c = configFor(sampler, sampler.effectiveSchedule(schedule), model);
        return switch (sampler) {
            case EULER_A -> new EulerAncestral(c, steps);
            case EULER -> new EulerDiscrete(c, steps);
            case HEUN -> new Heun(c, steps);
            case LMS -> new Lms(c, steps);
            case DDIM -> new Ddim(c, steps);
            case PLMS -> new Pndm(c, steps);
            case DPMPP_2M, DPMPP_2M_KARRAS -> new DpmSolverMultistep(c, steps);
            case DPMPP_SDE, DPMPP_SDE_KARRAS -> new DpmPpSde(c, steps);
            case DPMPP_2M_SDE, DPMPP_2M_SDE_KARRAS -> new DpmPp2mSde(c, steps);
            case DPMPP_3M_SDE, DPMPP_3M_SDE_KARRAS -> new DpmPp3mSde(c, steps);
            case UNIPC -> new UniPcMultistep(c, steps);
            case LCM -> new Lcm(c, steps);
        };
    }

    /** {@link #configFor(Sampler, ScheduleType, SchedulerConfig)} with the sampler's own schedule. */
    static SchedulerConfig configFor(Sampler sampler, SchedulerConfig model) {
        return configFor(sampler, sampler.automaticSchedule(), model);
    }

    /**
     * The configuration a sampler runs with for a model: the model's betas, train steps and prediction
     * type, with {@code linspace} spacing for the sigma samplers and {@code leading} spacing with offset 1
     * for DDIM, PLMS and LCM; a model that asks for {@code trailing} (Turbo) keeps it. The schedule becomes
     * diffusers' {@code use_karras_sigmas} / {@code use_exponential_sigmas} or our {@code sgm_uniform_sigmas};
     * Uniform is the plain spacing.
     */
    static SchedulerConfig configFor(Sampler sampler, ScheduleType schedule, SchedulerConfig model) {
        boolean trailing = "trailing".equals(model.getString("timestep_spacing", ""));
        SchedulerConfig c = model;
        if (!trailing) {
            c = spacesLeading(sampler)
                    ? c.with("timestep_spacing", "leading").with("steps_offset", 1)
                    : c.with("timestep_spacing", "linspace").with("steps_offset", 0);
        }
        c = c.with("use_karras_sigmas", schedule == ScheduleType.KARRAS)
                .with("use_exponential_sigmas", schedule == ScheduleType.EXPONENTIAL)
                .with(SigmaSchedule.SGM_UNIFORM_KEY, schedule == ScheduleType.SGM_UNIFORM);
        return sampler == Sampler.PLMS ? c.with("skip_prk_steps", true) : c;
    }

    /** DDIM, PLMS and LCM space their timesteps like the WebUI's "leading" samplers; the rest by sigma. */
    private static boolean spacesLeading(Sampler sampler) {
        return sampler == Sampler.DDIM || sampler == Sampler.PLMS || sampler == Sampler.LCM;
    }
}
