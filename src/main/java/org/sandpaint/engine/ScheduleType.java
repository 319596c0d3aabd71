package org.sandpaint.engine;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The WebUI's "Schedule type": how the noise levels (sigmas) of the steps are spaced between the model's
 * largest and smallest. It applies to the sigma samplers (Euler, Euler a, Heun, LMS and the DPM++ family);
 * {@link #AUTOMATIC} takes the sampler's own schedule ({@link Sampler#automaticSchedule()}).
 */
public enum ScheduleType {
    AUTOMATIC("Automatic"),
    /** Evenly spaced timesteps (the WebUI's default for Euler, Heun, LMS, DPM++ 2M before 1.9). */
    UNIFORM("Uniform"),
    /** Karras et al. (2022): evenly spaced in sigma^(1/7), dense near the end. */
    KARRAS("Karras"),
    /** Evenly spaced in log sigma. */
    EXPONENTIAL("Exponential"),
    /** Evenly spaced timesteps from the last training timestep down, the last one (0) left out (SDXL Turbo style). */
    SGM_UNIFORM("SGM Uniform");

    private final String label;

    ScheduleType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** By label ("SGM Uniform") or slug ("sgm_uniform", "sgmuniform"), ignoring case. */
    public static ScheduleType parse(String text) {
        String wanted = text.strip().toLowerCase(Locale.ROOT).replace('_', ' ');
        for (ScheduleType t : values()) {
            String label = t.label.toLowerCase(Locale.ROOT);
            if (label.equals(wanted) || label.replace(" ", "").equals(wanted.replace(" ", ""))) {
                return t;
            }
        }
        throw new IllegalArgumentException("Unknown schedule type '" + text + "'. Choose one of: " + labels() + ".");
    }

    public static List<String> labels() {
        return Arrays.stream(values()).map(ScheduleType::label).toList();
    }

    @Override
    public String toString() {
        return label;
    }
}
