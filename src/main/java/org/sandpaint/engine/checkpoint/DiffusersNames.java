package org.sandpaint.engine.checkpoint;

import java.util.Map;

/**
 * Where a diffusers folder keeps each LDM weight: the UNet's and VAE's module paths in diffusers' naming
 * (the renaming diffusers' conversion scripts do, in the direction Sandpaint needs). Text encoders are named
 * alike in both (Hugging Face CLIPTextModel), under another prefix.
 */
final class DiffusersNames {

    private static final Map<String, String> RESNET = Map.of(
            "in_layers.0", "norm1", "in_layers.2", "conv1", "emb_layers.1", "time_emb_proj",
            "out_layers.0", "norm2", "out_layers.3", "conv2", "skip_connection", "conv_shortcut");

    private DiffusersNames() {
    }

    /**
     * A UNet key without {@code model.diffusion_model.} as diffusers names it; {@code blocks} is the number of
     * res blocks per level (LDM's input blocks come in groups of blocks + 1).
     */
    static String unet(String key, int blocks) {
        int per = blocks + 1;
        if (key.startsWith("time_embed.0.")) {
            return "time_embedding.linear_1." + key.substring("time_embed.0.".length());
        }
        if (key.startsWith("time_embed.2.")) {
            return "time_embedding.linear_2." + key.substring("time_embed.2.".length());
        }
        if (key.startsWith("input_blocks.0.0.")) {
            return "conv_in." + key.substring("input_blocks.0.0.".length());
        }
        if (key.startsWith("out.0.")) {
            return "conv_norm_out." + key.substring("out.0.".length());
        }
        if (key.startsWith("out.2.")) {
            return "conv_out." + key.substring("out.2.".length());
        }
        String[] p = key.split("\\.", 4); // block kind, index, layer, rest
        if (p[0].equals("middle_block")) {
            String rest = key.substring("middle_block.N.".length());
            return switch (p[1]) {
                case "0" -> "mid_block.resnets.0." + resnet(rest);
                case "2" -> "mid_block.resnets.1." + resnet(rest);
                default -> "mid_block.attentions.0." + rest;
            };
        }
        if (p.length < 4) {
            return key;
        }
        int index = Integer.parseInt(p[1]);
        String layer = p[2];
        String rest = p[3];
        if (p[0].equals("input_blocks")) {
            if (index % per == 0) { // a downsampler: input_blocks.K.0.op
                return "down_blocks." + (index / per - 1) + ".downsamplers.0.conv." + rest.substring("op.".length());
            }
            String at = "down_blocks." + (index - 1) / per;
            int j = (index - 1) % per;
            return layer.equals("0") ? at + ".resnets." + j + "." + resnet(rest) : at + ".attentions." + j + "." + rest;
        }
        if (p[0].equals("output_blocks")) {
            String at = "up_blocks." + index / per;
            int j = index % per;
            if (layer.equals("0")) {
                return at + ".resnets." + j + "." + resnet(rest);
            }
            if (rest.startsWith("conv.")) { // the upsampler, after the attention if the level has one
                return at + ".upsamplers.0." + rest;
            }
            return at + ".attentions." + j + "." + rest;
        }
        return key;
    }

    private static String resnet(String rest) {
        for (Map.Entry<String, String> e : RESNET.entrySet()) {
            if (rest.startsWith(e.getKey() + ".")) {
                return e.getValue() + rest.substring(e.getKey().length());
            }
        }
        return rest;
    }

    /**
     * A VAE key without {@code first_stage_model.} as diffusers names it; {@code levels} is the number of
     * resolution levels (diffusers numbers the decoder's the other way round). {@code oldAttention} uses
     * diffusers' names before 0.14 (query, key, value, proj_attn) for the middle attention.
     */
    static String vae(String key, int levels, boolean oldAttention) {
        int dot = key.indexOf('.');
        String half = key.substring(0, dot);
        if (!half.equals("encoder") && !half.equals("decoder")) {
            return key; // quant_conv, post_quant_conv
        }
        String rest = key.substring(dot + 1).replace("nin_shortcut.", "conv_shortcut.");
        String[] p = rest.split("\\.", 5);
        String mapped;
        if (rest.startsWith("norm_out.")) {
            mapped = "conv_norm_out." + rest.substring("norm_out.".length());
        } else if (rest.startsWith("mid.block_1.")) {
            mapped = "mid_block.resnets.0." + rest.substring("mid.block_1.".length());
        } else if (rest.startsWith("mid.block_2.")) {
            mapped = "mid_block.resnets.1." + rest.substring("mid.block_2.".length());
        } else if (rest.startsWith("mid.attn_1.")) {
            mapped = "mid_block.attentions.0." + attention(rest.substring("mid.attn_1.".length()), oldAttention);
        } else if ((p[0].equals("down") || p[0].equals("up")) && p.length >= 4) {
            int level = Integer.parseInt(p[1]);
            String blocks = p[0].equals("down") ? "down_blocks." + level : "up_blocks." + (levels - 1 - level);
            if (p[2].equals("block")) {
                mapped = blocks + ".resnets." + p[3] + "." + rest.substring(String.join(".", p[0], p[1], p[2], p[3]).length() + 1);
            } else {
                mapped = blocks + (p[2].equals("downsample") ? ".downsamplers.0." : ".upsamplers.0.")
                        + rest.substring(String.join(".", p[0], p[1], p[2]).length() + 1);
            }
        } else {
            mapped = rest;
        }
        return half + "." + mapped;
    }

    private static String attention(String rest, boolean old) {
        String[][] names = old
                ? new String[][]{{"norm.", "group_norm."}, {"q.", "query."}, {"k.", "key."}, {"v.", "value."}, {"proj_out.", "proj_attn."}}
                : new String[][]{{"norm.", "group_norm."}, {"q.", "to_q."}, {"k.", "to_k."}, {"v.", "to_v."}, {"proj_out.", "to_out.0."}};
        for (String[] n : names) {
            if (rest.startsWith(n[0])) {
                return n[1] + rest.substring(n[0].length());
            }
        }
        return rest;
    }
}
