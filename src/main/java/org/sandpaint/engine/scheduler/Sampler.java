package org.sandpaint.engine.scheduler;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;

/**
 * The samplers offered to users, under the WebUI's display names, each backed by the diffusers
 * scheduler that implements it. {@link #create} applies the WebUI-like defaults on top of the model's
 * own {@code scheduler_config.json}.
 */
public enum Sampler {
    EULER_A("Euler a", "euler_a", Family.SIGMA, EulerAncestral::new),
    EULER("Euler", "euler", Family.SIGMA, EulerDiscrete::new),
    HEUN("Heun", "heun", Family.SIGMA, Heun::new),
    LMS("LMS", "lms", Family.SIGMA, Lms::new),
    DDIM("DDIM", "ddim", Family.LEADING, Ddim::new),
    PLMS("PLMS", "plms", Family.LEADING, Pndm::new),
    DPMPP_2M("DPM++ 2M", "dpmpp_2m", Family.SIGMA, DpmSolverMultistep::new),
    DPMPP_2M_KARRAS("DPM++ 2M Karras", "dpmpp_2m_karras", Family.SIGMA, DpmSolverMultistep::new),
    UNIPC("UniPC", "unipc", Family.SIGMA, UniPcMultistep::new),
    LCM("LCM", "lcm", Family.LEADING, Lcm::new);

    /** How a sampler spaces its timesteps by default. */
    private enum Family { SIGMA, LEADING }

    private final String displayName;
    private final String slug;
    private final Family family;
    private final BiFunction<SchedulerConfig, Integer, Scheduler> constructor;

    Sampler(String displayName, String slug, Family family, BiFunction<SchedulerConfig, Integer, Scheduler> constructor) {
        this.displayName = displayName;
        this.slug = slug;
        this.family = family;
        this.constructor = constructor;
    }

    public String displayName() {
        return displayName;
    }

    public String slug() {
        return slug;
    }

    /** Finds a sampler by WebUI name ("DPM++ 2M Karras") or slug ("dpmpp_2m_karras"), ignoring case. */
    public static Sampler parse(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        for (Sampler s : values()) {
            if (s.displayName.toLowerCase(Locale.ROOT).equals(wanted) || s.slug.equals(wanted)
                    || s.slug.replace('_', ' ').equals(wanted)) {
                return s;
            }
        }
        if (wanted.equals("pndm")) {
            return PLMS;
        }
        throw new IllegalArgumentException("Unknown sampler '" + text + "'. Choose one of: " + names());
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(Sampler::displayName).toList();
    }

    /**
     * The configuration this sampler runs with for a model: the model's betas, train steps and
     * prediction type, with {@code linspace} spacing for the sigma samplers and {@code leading} spacing
     * with offset 1 for DDIM, PLMS and LCM; a model that asks for {@code trailing} (Turbo) keeps it.
     */
    public SchedulerConfig configFor(SchedulerConfig model) {
        boolean trailing = "trailing".equals(model.getString("timestep_spacing", ""));
        SchedulerConfig c = model;
        if (!trailing) {
            c = family == Family.SIGMA
                    ? c.with("timestep_spacing", "linspace").with("steps_offset", 0)
                    : c.with("timestep_spacing", "leading").with("steps_offset", 1);
        }
        c = c.with("use_karras_sigmas", this == DPMPP_2M_KARRAS);
        return this == PLMS ? c.with("skip_prk_steps", true) : c;
    }

    /** A scheduler for {@code steps} inference steps on a model with the given scheduler config. */
    public Scheduler create(SchedulerConfig model, int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("Steps must be at least 1, got " + steps);
        }
        return constructor.apply(configFor(model), steps);
    }

    @Override
    public String toString() {
        return displayName;
    }
}
