package org.sandpaint.engine.checkpoint;

import org.sandpaint.engine.ModelException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The shape of an LDM {@code UNetModel} (Stable Diffusion 1.x / 2.x), as its inference yaml states it or
 * as its weights show it.
 *
 * @param inChannels       4, or 9 for inpainting models (latents, mask, masked-image latents)
 * @param outChannels      channels predicted (4)
 * @param modelChannels    width of the first level (320 in SD)
 * @param channelMult      width of each level in multiples of {@code modelChannels}
 * @param numResBlocks     res blocks per level on the way down (one more on the way up)
 * @param attentionLevels  indices of the levels that carry spatial transformers (the middle block always does)
 * @param contextDim       width of the text embeddings attended to (768 SD 1.x, 1024 SD 2.x)
 * @param numHeads         attention heads, or -1 when {@code numHeadChannels} defines them
 * @param numHeadChannels  channels per head, or -1 when {@code numHeads} defines them
 * @param transformerDepth transformer blocks per spatial transformer
 * @param linearProjection {@code proj_in}/{@code proj_out} are Linear layers (SD 2.x) instead of 1x1 convolutions
 * @param admInChannels    width of the extra class/size conditioning (SDXL), 0 when there is none
 */
public record UnetConfig(int inChannels, int outChannels, int modelChannels, int[] channelMult, int numResBlocks,
                         int[] attentionLevels, int contextDim, int numHeads, int numHeadChannels,
                         int transformerDepth, boolean linearProjection, int admInChannels) {

    /** LDM's GroupNorm32: every normalised width must split into 32 groups. */
    public static final int GROUPS = 32;

    public UnetConfig {
        channelMult = channelMult.clone();
        attentionLevels = attentionLevels.clone();
        require(inChannels > 0 && outChannels > 0, "in and out channels must be positive");
        require(modelChannels > 0 && modelChannels % GROUPS == 0,
                "model channels must be a positive multiple of " + GROUPS + ", got " + modelChannels);
        require(channelMult.length > 0, "channel_mult is empty");
        for (int m : channelMult) {
            require(m > 0, "channel_mult values must be positive: " + Arrays.toString(channelMult));
        }
        require(numResBlocks > 0, "num_res_blocks must be positive, got " + numResBlocks);
        for (int level : attentionLevels) {
            require(level >= 0 && level < channelMult.length,
                    "attention level " + level + " is outside the " + channelMult.length + " levels");
        }
        require(contextDim > 0, "context_dim must be positive, got " + contextDim);
        require((numHeads == -1) != (numHeadChannels == -1),
                "exactly one of num_heads and num_head_channels defines the heads (the other is -1), got "
                        + numHeads + " and " + numHeadChannels);
        require(numHeads == -1 || numHeads > 0, "num_heads must be positive, got " + numHeads);
        require(numHeadChannels == -1 || numHeadChannels > 0,
                "num_head_channels must be positive, got " + numHeadChannels);
        require(transformerDepth > 0, "transformer_depth must be positive, got " + transformerDepth);
        require(admInChannels >= 0, "adm_in_channels must not be negative, got " + admInChannels);
        for (int level = 0; level < channelMult.length; level++) {
            int width = modelChannels * channelMult[level];
            if (level == channelMult.length - 1 || hasAttention(attentionLevels, level)) {
                int heads = numHeadChannels == -1 ? numHeads : width / numHeadChannels;
                require(heads > 0 && width % heads == 0 && (numHeadChannels == -1 || width % numHeadChannels == 0),
                        "level " + level + " is " + width + " channels wide, which does not split into "
                                + (numHeadChannels == -1 ? numHeads + " heads" : "heads of " + numHeadChannels));
            }
        }
    }

    /** Reads {@code model.params.unet_config.params} of an LDM inference yaml. */
    public static UnetConfig fromLdmParams(Map<String, Object> params) throws ModelException {
        return LdmParams.read(params);
    }

    /**
     * Reads the architecture from the names and shapes of the weights under {@code prefix} (normally
     * {@code model.diffusion_model.}). The heads cannot be seen in the weights, so they follow the family's
     * convention: 8 heads (SD 1.x) unless the context is 1024 wide (SD 2.x: heads of 64 channels).
     */
    public static UnetConfig detect(SafetensorsFile file, String prefix) throws ModelException {
        return UnetLayout.detect(file.tensors(), prefix, file.file().toString());
    }

    /** {@link #detect(SafetensorsFile, String)} on a header's entries; {@code source} names the file in messages. */
    static UnetConfig detect(Map<String, TensorEntry> tensors, String prefix, String source) throws ModelException {
        return UnetLayout.detect(tensors, prefix, source);
    }

    public int levels() {
        return channelMult.length;
    }

    /** Width of the res blocks of {@code level}. */
    public int width(int level) {
        return modelChannels * channelMult[level];
    }

    public boolean hasAttention(int level) {
        return hasAttention(attentionLevels, level);
    }

    /** Heads of a spatial transformer {@code width} channels wide (LDM: fixed count, or fixed head width). */
    public int headsFor(int width) {
        return numHeadChannels == -1 ? numHeads : width / numHeadChannels;
    }

    /** Width of the time embedding: four times the model channels, as LDM builds it. */
    public int timeEmbedDim() {
        return 4 * modelChannels;
    }

    @Override
    public int[] channelMult() {
        return channelMult.clone();
    }

    @Override
    public int[] attentionLevels() {
        return attentionLevels.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnetConfig c && inChannels == c.inChannels && outChannels == c.outChannels
                && modelChannels == c.modelChannels && Arrays.equals(channelMult, c.channelMult)
                && numResBlocks == c.numResBlocks && Arrays.equals(attentionLevels, c.attentionLevels)
                && contextDim == c.contextDim && numHeads == c.numHeads && numHeadChannels == c.numHeadChannels
                && transformerDepth == c.transformerDepth && linearProjection == c.linearProjection
                && admInChannels == c.admInChannels;
    }

    @Override
    public int hashCode() {
        return 31 * List.of(inChannels, outChannels, modelChannels, numResBlocks, contextDim, numHeads,
                        numHeadChannels, transformerDepth, linearProjection, admInChannels).hashCode()
                + 17 * Arrays.hashCode(channelMult) + Arrays.hashCode(attentionLevels);
    }

    @Override
    public String toString() {
        return "UnetConfig[in " + inChannels + ", out " + outChannels + ", model channels " + modelChannels
                + ", mult " + Arrays.toString(channelMult) + ", " + numResBlocks + " res blocks, attention at "
                + Arrays.toString(attentionLevels) + ", context " + contextDim
                + (numHeadChannels == -1 ? ", " + numHeads + " heads" : ", heads of " + numHeadChannels)
                + ", depth " + transformerDepth + (linearProjection ? ", linear projection" : "")
                + (admInChannels > 0 ? ", adm " + admInChannels : "") + "]";
    }

    private static boolean hasAttention(int[] levels, int level) {
        for (int l : levels) {
            if (l == level) {
                return true;
            }
        }
        return false;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("UNet configuration: " + message);
        }
    }

    /** The yaml side: LDM's parameter names, defaults and value types (yaml numbers may arrive in any form). */
    private static final class LdmParams {

        private final Map<String, Object> params;

        private LdmParams(Map<String, Object> params) {
            this.params = params;
        }

        static UnetConfig read(Map<String, Object> params) throws ModelException {
            if (params == null) {
                throw new ModelException("The model config has no unet_config.params.");
            }
            LdmParams p = new LdmParams(params);
            p.refuse("use_spatial_transformer", false, "a UNet without spatial transformers (no text conditioning)");
            p.refuse("use_scale_shift_norm", true, "scale-shift normalisation in the res blocks");
            p.refuse("resblock_updown", true, "res blocks that down- and upsample");
            p.refuse("disable_middle_self_attn", true, "a middle block without self-attention");
            for (String key : List.of("disable_self_attentions", "num_attention_blocks")) {
                if (params.get(key) != null) {
                    throw new ModelException(p.where(key) + " is set: transformers that differ per level or "
                            + "block are not supported (Stable Diffusion 1.x and 2.x UNets only).");
                }
            }
            if (p.integer("dims", 2) != 2) {
                throw new ModelException(p.where("dims") + " must be 2 (images); got " + params.get("dims") + ".");
            }
            int[] channelMult = p.integers("channel_mult", new int[]{1, 2, 4, 8});
            int admInChannels = 0;
            Object numClasses = params.get("num_classes");
            if (numClasses != null) {
                if (!"sequential".equals(numClasses)) {
                    throw new ModelException(p.where("num_classes") + " is " + numClasses
                            + ": class-conditional UNets are not supported; only 'sequential' (SDXL's adm) is.");
                }
                admInChannels = p.integer("adm_in_channels", null);
            }
            int[] resolutions = p.integers("attention_resolutions", null);
            List<Integer> levels = new ArrayList<>();
            for (int level = 0; level < channelMult.length; level++) {
                int factor = 1 << level;
                if (Arrays.stream(resolutions).anyMatch(r -> r == factor)) {
                    levels.add(level);
                }
            }
            int numHeads = p.integer("num_heads", -1);
            int numHeadChannels = p.integer("num_head_channels", -1);
            if (numHeads == -1 && numHeadChannels == -1) {
                throw new ModelException("The model config's unet_config.params set neither num_heads nor "
                        + "num_head_channels; one of them says how the attention heads are formed.");
            }
            if (numHeadChannels != -1) {
                numHeads = -1; // LDM lets the head width win when both are given
            }
            try {
                return new UnetConfig(p.integer("in_channels", null), p.integer("out_channels", null),
                        p.integer("model_channels", null), channelMult,
                        p.uniform("num_res_blocks", null, "per-level res block counts"),
                        levels.stream().mapToInt(Integer::intValue).toArray(),
                        p.uniform("context_dim", null, "per-level context widths"), numHeads, numHeadChannels,
                        p.uniform("transformer_depth", 1, "per-level transformer depths (SDXL)"),
                        p.bool("use_linear_in_transformer", false), admInChannels);
            } catch (IllegalArgumentException e) {
                throw new ModelException("The model config's " + e.getMessage()
                        + ". Check unet_config.params in the .yaml beside the model.");
            }
        }

        private String where(String key) {
            return "unet_config.params." + key;
        }

        private void refuse(String key, boolean unsupported, String what) throws ModelException {
            if (params.containsKey(key) && bool(key, !unsupported) == unsupported) {
                throw new ModelException(where(key) + " is " + unsupported + ": " + what
                        + " is not supported (Stable Diffusion 1.x and 2.x UNets only).");
            }
        }

        /** A whole number; {@code fallback} null makes the key required. */
        private int integer(String key, Integer fallback) throws ModelException {
            Object value = params.get(key);
            if (value == null) {
                if (fallback == null) {
                    throw missing(key);
                }
                return fallback;
            }
            return wholeNumber(key, value);
        }

        /** A list of whole numbers (a single number counts as a list of one). */
        private int[] integers(String key, int[] fallback) throws ModelException {
            Object value = params.get(key);
            if (value == null) {
                if (fallback == null) {
                    throw missing(key);
                }
                return fallback;
            }
            if (!(value instanceof List<?> list)) {
                return new int[]{wholeNumber(key, value)};
            }
            int[] out = new int[list.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = wholeNumber(key, list.get(i));
            }
            return out;
        }

        /** A number LDM also accepts per level; per-level values must all be equal here. */
        private int uniform(String key, Integer fallback, String what) throws ModelException {
            int[] values = integers(key, fallback == null ? null : new int[]{fallback});
            if (values.length == 0) {
                throw new ModelException(where(key) + " is an empty list; expected a whole number.");
            }
            for (int v : values) {
                if (v != values[0]) {
                    throw new ModelException(where(key) + " is " + Arrays.toString(values) + ": " + what
                            + " are not supported; every level must have the same value.");
                }
            }
            return values[0];
        }

        private boolean bool(String key, boolean fallback) throws ModelException {
            Object value = params.get(key);
            if (value == null) {
                return fallback;
            }
            if (value instanceof Boolean b) {
                return b;
            }
            String text = value.toString().trim();
            if (text.equalsIgnoreCase("true")) {
                return true;
            }
            if (text.equalsIgnoreCase("false")) {
                return false;
            }
            throw new ModelException(where(key) + " is '" + value + "'; expected true or false.");
        }

        private int wholeNumber(String key, Object value) throws ModelException {
            double d;
            if (value instanceof Number n) {
                d = n.doubleValue();
            } else if (value instanceof String s) {
                try {
                    d = Double.parseDouble(s.trim());
                } catch (NumberFormatException e) {
                    throw notWhole(key, value);
                }
            } else {
                throw notWhole(key, value);
            }
            if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
                throw notWhole(key, value);
            }
            return (int) d;
        }

        private ModelException notWhole(String key, Object value) {
            return new ModelException(where(key) + " is '" + value + "'; expected a whole number.");
        }

        private ModelException missing(String key) {
            return new ModelException("The model config has no " + where(key)
                    + "; it is needed to build the UNet. Check the .yaml beside the model.");
        }
    }
}
