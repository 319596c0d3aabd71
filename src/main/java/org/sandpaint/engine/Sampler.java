package org.sandpaint.engine;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The samplers offered to users, under the WebUI's display names. Which scheduler implements each one,
 * and with which settings, is the engine's business ({@code scheduler.SamplerSchedulers}).
 */
public enum Sampler {
    EULER_A("Euler a", "euler_a"),
    EULER("Euler", "euler"),
    HEUN("Heun", "heun"),
    LMS("LMS", "lms"),
    DDIM("DDIM", "ddim"),
    PLMS("PLMS", "plms"),
    DPMPP_2M("DPM++ 2M", "dpmpp_2m"),
    DPMPP_2M_KARRAS("DPM++ 2M Karras", "dpmpp_2m_karras"),
    UNIPC("UniPC", "unipc"),
    LCM("LCM", "lcm");

    private final String displayName;
    private final String slug;

    Sampler(String displayName, String slug) {
        this.displayName = displayName;
        this.slug = slug;
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
