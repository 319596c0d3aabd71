package org.sandpaint.engine.checkpoint.lora;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Translates a kohya/WebUI LoRA module name (diffusers module paths with '_' for '.') into the name of the
 * LDM module it patches, also with '_' for '.', following the WebUI's Lora extension. The result is looked
 * up among the checkpoint's own module names written the same way ({@link LoraTargets}), which settles
 * what '_' stood for.
 *
 * <p>The block arithmetic assumes Stable Diffusion's 2 res blocks per level (3 input blocks per level
 * with the downsampler), as the WebUI does.
 */
final class LoraModuleNames {

    private static final Pattern DOWN = Pattern.compile("lora_unet_down_blocks_(\\d+)_(attentions|resnets)_(\\d+)_(.+)");
    private static final Pattern MID = Pattern.compile("lora_unet_mid_block_(attentions|resnets)_(\\d+)_(.+)");
    private static final Pattern UP = Pattern.compile("lora_unet_up_blocks_(\\d+)_(attentions|resnets)_(\\d+)_(.+)");
    private static final Pattern DOWNSAMPLER = Pattern.compile("lora_unet_down_blocks_(\\d+)_downsamplers_0_conv");
    private static final Pattern UPSAMPLER = Pattern.compile("lora_unet_up_blocks_(\\d+)_upsamplers_0_conv");
    private static final Pattern CONV_IN = Pattern.compile("lora_unet_conv_in(.*)");
    private static final Pattern CONV_OUT = Pattern.compile("lora_unet_conv_out(.*)");
    private static final Pattern TIME = Pattern.compile("lora_unet_time_embedding_linear_(\\d+)(.*)");
    private static final Pattern TEXT = Pattern.compile("lora_te_text_model_encoder_layers_(\\d+)_(.+)");

    /** diffusers res-block layer names and their LDM counterparts. */
    private static final Map<String, String> RESNET_LAYERS = Map.of(
            "conv1", "in_layers_2",
            "conv2", "out_layers_3",
            "norm1", "in_layers_0",
            "norm2", "out_layers_0",
            "time_emb_proj", "emb_layers_1",
            "conv_shortcut", "skip_connection");

    private LoraModuleNames() {
    }

    /**
     * The LDM module name with '_' separators, or the name unchanged when no rule applies.
     *
     * @param openClipText the model's text encoder is OpenCLIP (SD 2.x), whose layers are named differently
     */
    static String toLdm(String module, boolean openClipText) {
        Matcher m;
        if ((m = CONV_IN.matcher(module)).matches()) {
            return "diffusion_model_input_blocks_0_0" + m.group(1);
        }
        if ((m = CONV_OUT.matcher(module)).matches()) {
            return "diffusion_model_out_2" + m.group(1);
        }
        if ((m = TIME.matcher(module)).matches()) {
            return "diffusion_model_time_embed_" + (number(m, 1) * 2 - 2) + m.group(2);
        }
        if ((m = DOWN.matcher(module)).matches()) {
            return "diffusion_model_input_blocks_" + (1 + number(m, 1) * 3 + number(m, 3)) + "_"
                    + blockPart(m.group(2)) + "_" + layer(m.group(2), m.group(4));
        }
        if ((m = MID.matcher(module)).matches()) {
            int index = m.group(1).equals("attentions") ? 1 : number(m, 2) * 2;
            return "diffusion_model_middle_block_" + index + "_" + layer(m.group(1), m.group(3));
        }
        if ((m = UP.matcher(module)).matches()) {
            return "diffusion_model_output_blocks_" + (number(m, 1) * 3 + number(m, 3)) + "_"
                    + blockPart(m.group(2)) + "_" + layer(m.group(2), m.group(4));
        }
        if ((m = DOWNSAMPLER.matcher(module)).matches()) {
            return "diffusion_model_input_blocks_" + (3 + number(m, 1) * 3) + "_0_op";
        }
        if ((m = UPSAMPLER.matcher(module)).matches()) {
            int level = number(m, 1);
            // The first up level has no attention, so its upsampler is the block's second layer, not third.
            return "diffusion_model_output_blocks_" + (2 + level * 3) + "_" + (level > 0 ? 2 : 1) + "_conv";
        }
        if ((m = TEXT.matcher(module)).matches()) {
            return openClipText ? openClipLayer(m.group(1), m.group(2))
                    : "transformer_text_model_encoder_layers_" + m.group(1) + "_" + m.group(2);
        }
        return module;
    }

    /** OpenCLIP (SD 2.x) names its text layers after the original CLIP code, not Hugging Face's. */
    private static String openClipLayer(String layer, String rest) {
        String renamed = rest.replace("mlp_fc1", "mlp_c_fc").replace("mlp_fc2", "mlp_c_proj").replace("self_attn", "attn");
        return "model_transformer_resblocks_" + layer + "_" + renamed;
    }

    private static String blockPart(String kind) {
        return kind.equals("attentions") ? "1" : "0";
    }

    private static String layer(String kind, String rest) {
        return kind.equals("resnets") ? RESNET_LAYERS.getOrDefault(rest, rest) : rest;
    }

    private static int number(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }
}
