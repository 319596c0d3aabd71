package org.sandpaint.engine;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The samplers offered to users, under the WebUI's display names. Which scheduler implements each one,
 * and with which settings, is the engine's business ({@code scheduler.SamplerSchedulers}).
 *
 * <p>A name ending in "Karras" is the sampler with the Karras schedule as its own (the WebUI's names before
 * 1.9, when the schedule was part of the name); any sigma sampler can also take another {@link ScheduleType}.
 */
public enum Sampler {
    EULER_A("Euler a", "euler_a", ScheduleType.UNIFORM),
    EULER("Euler", "euler", ScheduleType.UNIFORM),
    HEUN("Heun", "heun", ScheduleType.UNIFORM),
    LMS("LMS", "lms", ScheduleType.UNIFORM),
    DDIM("DDIM", "ddim", null),
    PLMS("PLMS", "plms", null),
    DPMPP_2M("DPM++ 2M", "dpmpp_2m", ScheduleType.UNIFORM),
    DPMPP_2M_KARRAS("DPM++ 2M Karras", "dpmpp_2m_karras", ScheduleType.KARRAS),
    DPMPP_SDE("DPM++ SDE", "dpmpp_sde", ScheduleType.UNIFORM),
    DPMPP_SDE_KARRAS("DPM++ SDE Karras", "dpmpp_sde_karras", ScheduleType.KARRAS),
    DPMPP_2M_SDE("DPM++ 2M SDE", "dpmpp_2m_sde", ScheduleType.UNIFORM),
    DPMPP_2M_SDE_KARRAS("DPM++ 2M SDE Karras", "dpmpp_2m_sde_karras", ScheduleType.KARRAS),
    DPMPP_3M_SDE("DPM++ 3M SDE", "dpmpp_3m_sde", ScheduleType.UNIFORM),
    DPMPP_3M_SDE_KARRAS("DPM++ 3M SDE Karras", "dpmpp_3m_sde_karras", ScheduleType.KARRAS),
    UNIPC("UniPC", "unipc", null),
    LCM("LCM", "lcm", null);

    private final String displayName;
    private final String slug;
    /** null for samplers that step by timestep, where schedule types do not apply. */
    private final ScheduleType automaticSchedule;

    Sampler(String displayName, String slug, ScheduleType automaticSchedule) {
        this.displayName = displayName;
        this.slug = slug;
        this.automaticSchedule = automaticSchedule;
    }

    /**
     * The stochastic DPM++ samplers. Their noise comes from a Brownian tree per image seeded with the image's
     * seed, as the WebUI draws it on a CPU (k-diffusion's BrownianTreeNoiseSampler on torchsde); on a CUDA GPU
     * the WebUI draws the tree with the GPU's generator, which we do not reproduce.
     */
    public boolean isSde() {
        return this == DPMPP_SDE || this == DPMPP_SDE_KARRAS || this == DPMPP_2M_SDE || this == DPMPP_2M_SDE_KARRAS
                || this == DPMPP_3M_SDE || this == DPMPP_3M_SDE_KARRAS;
    }

    /** Whether a {@link ScheduleType} other than Automatic applies (the sigma samplers). */
    public boolean takesScheduleType() {
        return automaticSchedule != null;
    }

    /**
     * The schedule {@link ScheduleType#AUTOMATIC} means for this sampler: Uniform, Karras for the "Karras"
     * names; for samplers without schedule types, Automatic itself.
     */
    public ScheduleType automaticSchedule() {
        return automaticSchedule == null ? ScheduleType.AUTOMATIC : automaticSchedule;
    }

    /** The schedule a run uses: the chosen one, or the sampler's own for Automatic. */
    public ScheduleType effectiveSchedule(ScheduleType chosen) {
        return chosen == null || chosen == ScheduleType.AUTOMATIC ? automaticSchedule() : chosen;
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

    @Override
    public String toString() {
        return displayName;
    }
}
