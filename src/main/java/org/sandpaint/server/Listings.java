package org.sandpaint.server;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The answers of the read-only listing endpoints that are more than an empty list. */
final class Listings {

    private Listings() {
    }

    /** The WebUI's command-line flags that mean something here; the credentials are never echoed. */
    static Map<String, Object> cmdFlags(ServerSettings settings, ServedModel model) {
        Map<String, Object> flags = new LinkedHashMap<>();
        flags.put("api", true);
        flags.put("nowebui", true);
        flags.put("listen", !settings.loopbackOnly());
        flags.put("server_name", settings.host());
        flags.put("port", settings.port());
        flags.put("api_auth", null);
        flags.put("cors_allow_origins", settings.corsOrigins().isEmpty() ? null : String.join(",", settings.corsOrigins()));
        flags.put("ckpt", model.title());
        flags.put("api_log", false);
        return flags;
    }

    static List<Map<String, Object>> sdModels(ServedModel model) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", model.title());
        m.put("model_name", model.title());
        m.put("hash", null);
        m.put("sha256", null);
        m.put("filename", model.title());
        m.put("config", null);
        return List.of(m);
    }

    /** Automatic (each sampler's own schedule) and Karras, which DPM++ 2M takes. */
    static List<Map<String, Object>> schedulers() {
        return List.of(scheduler("automatic", "Automatic", -1), scheduler("uniform", "Uniform", -1),
                scheduler("karras", "Karras", 7.0), scheduler("exponential", "Exponential", -1),
                scheduler("sgm_uniform", "SGM Uniform", -1));
    }

    private static Map<String, Object> scheduler(String name, String label, double rho) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", name);
        s.put("label", label);
        s.put("aliases", null);
        s.put("default_rho", rho);
        s.put("need_inner_model", false);
        return s;
    }

    /** RAM as the operating system reports it; GPU memory is not reported by ONNX Runtime. */
    static Map<String, Object> memory(String provider) {
        Map<String, Object> ram = new LinkedHashMap<>();
        try {
            if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
                long total = os.getTotalMemorySize();
                long free = os.getFreeMemorySize();
                ram.put("free", free);
                ram.put("used", total - free);
                ram.put("total", total);
            }
        } catch (LinkageError e) {
            // a runtime linked without the jdk.management module
        }
        if (ram.isEmpty()) {
            ram.put("error", "unavailable");
        }
        Map<String, Object> cuda = Map.of("error", provider.startsWith("CUDA")
                ? "GPU memory is not reported by ONNX Runtime" : "unavailable");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ram", ram);
        out.put("cuda", cuda);
        return out;
    }

    /** No scripts: the WebUI's shape, empty. */
    static Map<String, Object> scripts() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("txt2img", List.of());
        out.put("img2img", List.of());
        return out;
    }

    /** No textual-inversion embeddings are loaded (yet): the WebUI's shape, empty. */
    static Map<String, Object> embeddings() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("loaded", Map.of());
        out.put("skipped", Map.of());
        return out;
    }
}
