package org.sandpaint.engine.checkpoint.lora;

import org.sandpaint.engine.checkpoint.SafetensorsFile;
import org.sandpaint.engine.checkpoint.TensorEntry;
import org.sandpaint.engine.ModelException;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A kohya/WebUI LoRA ({@code .safetensors}): modules named {@code lora_unet_*} and {@code lora_te_*}, each
 * with {@code .lora_down.weight}, {@code .lora_up.weight} and optionally {@code .alpha}; Linear, 1x1 and
 * 3x3 (LoCon) layers. The file stays mapped while open: module weights are read when a merge needs them.
 * Other LoRA-like formats are refused by name (SDXL, LyCORIS LoHa/LoKr, DoRA, diffusers/PEFT).
 */
public final class LoraFile implements AutoCloseable {

    private final String name;
    private final SafetensorsFile tensors;
    private final Map<String, LoraModule> modules;

    private LoraFile(String name, SafetensorsFile tensors, Map<String, LoraModule> modules) {
        this.name = name;
        this.tensors = tensors;
        this.modules = modules;
    }

    /** Opens and checks a LoRA; it is named by the file's stem, as in {@code <lora:NAME:1>}. */
    public static LoraFile open(Path file) throws ModelException {
        String name = stem(file);
        SafetensorsFile tensors = SafetensorsFile.open(file);
        try {
            return new LoraFile(name, tensors, modules(name, tensors));
        } catch (ModelException | RuntimeException e) {
            tensors.close();
            throw e;
        }
    }

    public String name() {
        return name;
    }

    public Path file() {
        return tensors.file();
    }

    public Map<String, String> metadata() {
        return tensors.metadata();
    }

    /** The modules by kohya name, sorted. */
    Map<String, LoraModule> modules() {
        return modules;
    }

    float[] values(TensorEntry entry) throws ModelException {
        return tensors.floats(entry);
    }

    /** alpha / rank for a module; a module without alpha counts alpha = rank. */
    double scale(LoraModule module) throws ModelException {
        return module.alpha() == null ? 1.0 : values(module.alpha())[0] / (double) module.rank();
    }

    @Override
    public void close() {
        tensors.close();
    }

    private static Map<String, LoraModule> modules(String name, SafetensorsFile file) throws ModelException {
        String base = file.metadata().getOrDefault("ss_base_model_version", "");
        if (base.startsWith("sdxl")) {
            throw sdxl(name);
        }
        Map<String, Map<String, TensorEntry>> parts = new TreeMap<>();
        for (TensorEntry entry : file.tensors().values()) {
            String key = entry.name();
            int dot = key.indexOf('.');
            String module = dot < 0 ? key : key.substring(0, dot);
            String part = dot < 0 ? "" : key.substring(dot + 1);
            checkModuleName(name, module, key);
            checkPart(name, module, part);
            parts.computeIfAbsent(module, m -> new HashMap<>()).put(part, entry);
        }
        if (parts.isEmpty()) {
            throw new ModelException("The LoRA '" + name + "' (" + file.file() + ") holds no tensors.");
        }
        Map<String, LoraModule> modules = new TreeMap<>();
        for (Map.Entry<String, Map<String, TensorEntry>> e : parts.entrySet()) {
            modules.put(e.getKey(), module(name, e.getKey(), e.getValue()));
        }
        return Map.copyOf(modules);
    }

    private static void checkModuleName(String name, String module, String key) throws ModelException {
        if (module.startsWith("lora_te1_") || module.startsWith("lora_te2_")) {
            throw sdxl(name);
        }
        if (!module.startsWith("lora_unet_") && !module.startsWith("lora_te_")) {
            throw new ModelException("The LoRA '" + name + "' is not in the kohya/WebUI format Sandpaint reads: its "
                    + "tensor '" + key + "' is not named lora_unet_... or lora_te_... (diffusers/PEFT LoRAs are not "
                    + "supported; use the WebUI version of this LoRA).");
        }
    }

    private static void checkPart(String name, String module, String part) throws ModelException {
        switch (part) {
            case "lora_down.weight", "lora_up.weight", "alpha" -> { }
            default -> {
                String kind = part.startsWith("hada_") ? "a LyCORIS LoHa"
                        : part.startsWith("lokr_") ? "a LyCORIS LoKr"
                        : part.startsWith("lora_mid") ? "a LoCon with CP decomposition (lora_mid)"
                        : part.startsWith("dora_") ? "a DoRA"
                        : "an unknown kind of";
                throw new ModelException("The LoRA '" + name + "' is " + kind + " network (module " + module + " has '"
                        + part + "'). Sandpaint merges plain LoRA and LoCon modules (lora_down, lora_up, alpha) only.");
            }
        }
    }

    private static LoraModule module(String name, String module, Map<String, TensorEntry> parts) throws ModelException {
        TensorEntry down = parts.get("lora_down.weight");
        TensorEntry up = parts.get("lora_up.weight");
        TensorEntry alpha = parts.get("alpha");
        if (down == null || up == null) {
            throw new ModelException("The LoRA '" + name + "' is incomplete: module " + module + " lacks its "
                    + (down == null ? "lora_down" : "lora_up") + " weight.");
        }
        boolean upIsMatrix = up.rank() == 2 || (up.rank() == 4 && up.dim(2) == 1 && up.dim(3) == 1);
        if (down.rank() < 2 || !upIsMatrix || down.dim(0) != up.dim(1) || down.dim(0) == 0) {
            throw new ModelException("The LoRA '" + name + "' has module " + module + " with down " + down
                    + " and up " + up + ", which do not form a rank-r update (down [r, in, ...], up [out, r] or "
                    + "[out, r, 1, 1]).");
        }
        if (alpha != null && alpha.elementCount() != 1) {
            throw new ModelException("The LoRA '" + name + "' has module " + module + " whose alpha is " + alpha
                    + "; a single number was expected.");
        }
        return new LoraModule(module, down, up, alpha);
    }

    private static ModelException sdxl(String name) {
        return new ModelException("The LoRA '" + name + "' is for SDXL, which Sandpaint does not run yet. Use a LoRA "
                + "made for SD 1.x or 2.x models.");
    }

    private static String stem(Path file) {
        String fileName = file.getFileName().toString();
        int dot = fileName.lastIndexOf('.');
        return dot <= 0 ? fileName : fileName.substring(0, dot);
    }
}
