package org.sandpaint.server;

import org.sandpaint.engine.Sampler;
import org.sandpaint.engine.ScheduleType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The WebUI's sampler names and aliases (k-diffusion's "k_euler_a"...) for the samplers Sandpaint has. */
final class SamplerNames {

    private SamplerNames() {
    }

    /** The WebUI's aliases of each sampler, then our own slug. */
    static List<String> aliases(Sampler sampler) {
        List<String> webui = switch (sampler) {
            case EULER_A -> List.of("k_euler_a", "k_euler_ancestral");
            case EULER -> List.of("k_euler");
            case HEUN -> List.of("k_heun");
            case LMS -> List.of("k_lms");
            case DDIM -> List.of("ddim");
            case PLMS -> List.of("plms");
            case DPMPP_2M -> List.of("k_dpmpp_2m");
            case DPMPP_2M_KARRAS -> List.of("k_dpmpp_2m_ka");
            case DPMPP_SDE -> List.of("k_dpmpp_sde");
            case DPMPP_SDE_KARRAS -> List.of("k_dpmpp_sde_ka");
            case DPMPP_2M_SDE -> List.of("k_dpmpp_2m_sde");
            case DPMPP_2M_SDE_KARRAS -> List.of("k_dpmpp_2m_sde_ka");
            case DPMPP_3M_SDE -> List.of("k_dpmpp_3m_sde");
            case DPMPP_3M_SDE_KARRAS -> List.of("k_dpmpp_3m_sde_ka");
            case UNIPC -> List.of("unipc");
            case LCM -> List.of("k_lcm");
        };
        List<String> all = new ArrayList<>(webui);
        if (!all.contains(sampler.slug())) {
            all.add(sampler.slug());
        }
        return all;
    }

    /** By WebUI name, alias or slug, ignoring case; 422 naming the valid ones otherwise. */
    static Sampler parse(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        for (Sampler s : Sampler.values()) {
            if (aliases(s).contains(wanted)) {
                return s;
            }
        }
        try {
            return Sampler.parse(name);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid("Sampler not found: '" + name + "'. Choose one of: "
                    + String.join(", ", Sampler.names()) + " (see /sdapi/v1/samplers).");
        }
    }

    /** The /sdapi/v1/samplers list. */
    static List<Map<String, Object>> list() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Sampler s : Sampler.values()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("name", s.displayName());
            item.put("aliases", aliases(s));
            item.put("options", s.automaticSchedule() == ScheduleType.KARRAS ? Map.of("scheduler", "karras") : Map.of());
            out.add(item);
        }
        return out;
    }
}
