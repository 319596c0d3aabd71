package org.sandpaint.engine.checkpoint.lora;

import org.sandpaint.engine.checkpoint.TensorEntry;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checkpoint's patchable weights by module name written with '_' for '.', as the WebUI indexes them:
 * UNet modules from {@code diffusion_model_}, text-encoder modules as named under {@code cond_stage_model.}
 * ({@code transformer_text_model_...} for CLIP, {@code model_transformer_resblocks_...} for OpenCLIP).
 */
final class LoraTargets {

    private static final String UNET = "model.diffusion_model.";
    private static final String TEXT = "cond_stage_model.";
    private static final Pattern FUSED_PROJECTION = Pattern.compile("(.*)_([qkv])_proj");

    private final Map<String, TensorEntry> weights = new HashMap<>();
    private final Map<String, TensorEntry> fusedInProjections = new HashMap<>();
    private final boolean openClipText;

    private LoraTargets(Map<String, TensorEntry> checkpointTensors) {
        boolean openClip = false;
        for (TensorEntry entry : checkpointTensors.values()) {
            String key = entry.name();
            String module;
            if (key.startsWith(UNET)) {
                module = key.substring("model.".length());
            } else if (key.startsWith(TEXT)) {
                module = key.substring(TEXT.length());
                openClip |= module.startsWith("model.");
            } else {
                continue;
            }
            if (module.endsWith(".weight")) {
                weights.put(underscored(module.substring(0, module.length() - ".weight".length())), entry);
            } else if (module.endsWith(".in_proj_weight")) {
                fusedInProjections.put(underscored(module.substring(0, module.length() - ".in_proj_weight".length())), entry);
            }
        }
        this.openClipText = openClip;
    }

    /** The index of a checkpoint's tensors (keys as the file names them). */
    static LoraTargets of(Map<String, TensorEntry> checkpointTensors) {
        return new LoraTargets(checkpointTensors);
    }

    /** Where a LoRA module (e.g. {@code lora_unet_down_blocks_0_resnets_0_conv1}) lands, if anywhere. */
    Optional<LoraTarget> find(String loraModule) {
        String ldm = LoraModuleNames.toLdm(loraModule, openClipText);
        TensorEntry weight = weights.get(ldm);
        if (weight != null) {
            return Optional.of(LoraTarget.whole(weight));
        }
        Matcher fused = FUSED_PROJECTION.matcher(ldm);
        if (fused.matches() && fusedInProjections.containsKey(fused.group(1))) {
            TensorEntry inProj = fusedInProjections.get(fused.group(1));
            int rows = (int) (inProj.dim(0) / 3);
            int block = "qkv".indexOf(fused.group(2));
            return Optional.of(new LoraTarget(inProj, block * rows, rows));
        }
        // LoRAs made against LDM names directly (as SDXL trainers write them) only swap the prefix.
        if (loraModule.startsWith("lora_unet_")) {
            return Optional.ofNullable(weights.get(loraModule.replace("lora_unet", "diffusion_model"))).map(LoraTarget::whole);
        }
        return Optional.empty();
    }

    private static String underscored(String module) {
        return module.replace('.', '_');
    }
}
