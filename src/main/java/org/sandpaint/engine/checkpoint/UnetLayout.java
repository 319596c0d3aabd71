package org.sandpaint.engine.checkpoint;

import org.sandpaint.engine.ModelException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads an LDM UNet's architecture from its weight names and shapes. The input blocks tell nearly
 * everything: {@code input_blocks.0.0} is the first convolution ([model channels, in channels, 3, 3]);
 * then each level is a run of res blocks ({@code input_blocks.N.0.in_layers}), some followed by a spatial
 * transformer ({@code input_blocks.N.1.transformer_blocks}), and a downsampler ({@code input_blocks.N.0.op})
 * between levels.
 */
final class UnetLayout {

    /** SD 2.x's text encoder width; every other width is taken for SD 1.x's head convention. */
    static final int SD2_CONTEXT = 1024;
    static final int SD1_HEADS = 8;
    static final int SD2_HEAD_CHANNELS = 64;

    private final Map<String, TensorEntry> tensors;
    private final String prefix;
    private final String source;

    private UnetLayout(Map<String, TensorEntry> tensors, String prefix, String source) {
        this.tensors = tensors;
        this.prefix = prefix;
        this.source = source;
    }

    static UnetConfig detect(Map<String, TensorEntry> tensors, String prefix, String source) throws ModelException {
        return new UnetLayout(tensors, prefix, source).detect();
    }

    private UnetConfig detect() throws ModelException {
        TensorEntry convIn = require("input_blocks.0.0.weight", 4);
        if (has("label_emb.0.0.weight")) {
            throw unrecognised("it has a class/size embedding (label_emb), as SDXL UNets do; SDXL is not supported "
                    + "yet");
        }
        int modelChannels = (int) convIn.dim(0);
        int inChannels = (int) convIn.dim(1);
        int outChannels = (int) require("out.2.weight", 4).dim(0);

        List<Integer> mult = new ArrayList<>();
        List<Integer> resBlocks = new ArrayList<>();
        List<Integer> attentionLevels = new ArrayList<>();
        List<String> transformers = new ArrayList<>();
        int block = 1;
        while (true) {
            int level = mult.size();
            int width = -1;
            int count = 0;
            Boolean attention = null;
            while (has(resBlock("input_blocks." + block))) {
                String name = "input_blocks." + block;
                int w = (int) require(resBlock(name), 4).dim(0);
                if (width != -1 && w != width) {
                    throw unrecognised(name + " is " + w + " channels wide where level " + level + " is " + width);
                }
                width = w;
                boolean hasTransformer = has(name + ".1.norm.weight");
                if (attention != null && attention != hasTransformer) {
                    throw unrecognised("level " + level + " has attention in some of its res blocks only");
                }
                attention = hasTransformer;
                if (hasTransformer) {
                    transformers.add(name + ".1.");
                }
                count++;
                block++;
            }
            if (count == 0) {
                break;
            }
            if (width % modelChannels != 0) {
                throw unrecognised("level " + level + " is " + width + " channels wide, not a multiple of the "
                        + modelChannels + " model channels");
            }
            mult.add(width / modelChannels);
            resBlocks.add(count);
            if (attention) {
                attentionLevels.add(level);
            }
            if (!has("input_blocks." + block + ".0.op.weight")) {
                break;
            }
            block++;
        }
        if (mult.isEmpty()) {
            throw unrecognised("no res blocks follow input_blocks.0 (expected input_blocks.1.0.in_layers.2.weight)");
        }
        if (has("input_blocks." + block + ".0.op.weight") || has("input_blocks." + block + ".0.weight")
                || has(resBlock("input_blocks." + block))) {
            throw unrecognised("input_blocks." + block + " does not fit the levels before it");
        }
        for (int count : resBlocks) {
            if (count != resBlocks.get(0)) {
                throw unrecognised("its levels have different numbers of res blocks " + resBlocks);
            }
        }
        if (!has("middle_block.1.norm.weight")) {
            throw unrecognised("its middle block has no spatial transformer (middle_block.1)");
        }
        transformers.add("middle_block.1.");

        String middle = "middle_block.1.";
        int contextDim = (int) require(middle + "transformer_blocks.0.attn2.to_k.weight", 2).dim(1);
        boolean linear = require(middle + "proj_in.weight", -1).rank() == 2;
        int depth = depth(middle);
        for (String t : transformers) {
            if (depth(t) != depth) {
                throw unrecognised(t + " has " + depth(t) + " transformer blocks where the middle block has " + depth
                        + " (per-level depths, as in SDXL, are not supported)");
            }
        }
        int numHeads = contextDim == SD2_CONTEXT ? -1 : SD1_HEADS;
        int numHeadChannels = contextDim == SD2_CONTEXT ? SD2_HEAD_CHANNELS : -1;
        try {
            return new UnetConfig(inChannels, outChannels, modelChannels,
                    mult.stream().mapToInt(Integer::intValue).toArray(), resBlocks.get(0),
                    attentionLevels.stream().mapToInt(Integer::intValue).toArray(), contextDim, numHeads,
                    numHeadChannels, depth, linear, 0);
        } catch (IllegalArgumentException e) {
            throw unrecognised(e.getMessage());
        }
    }

    private static String resBlock(String block) {
        return block + ".0.in_layers.2.weight";
    }

    private int depth(String transformer) {
        int n = 0;
        while (has(transformer + "transformer_blocks." + n + ".attn1.to_q.weight")) {
            n++;
        }
        return n;
    }

    private boolean has(String key) {
        return tensors.containsKey(prefix + key);
    }

    /** The entry of {@code key}, of the given rank (-1: any). */
    private TensorEntry require(String key, int rank) throws ModelException {
        TensorEntry entry = tensors.get(prefix + key);
        if (entry == null) {
            throw unrecognised("it has no " + prefix + key);
        }
        if (rank >= 0 && entry.rank() != rank) {
            throw unrecognised(prefix + key + " has shape " + java.util.Arrays.toString(entry.shape())
                    + ", expected " + rank + " dimensions");
        }
        return entry;
    }

    private ModelException unrecognised(String why) {
        return new ModelException(source + ": the UNet under '" + prefix + "' is not a Stable Diffusion 1.x/2.x "
                + "UNet that Sandpaint recognises: " + why + ". If it is a model of another kind, put an LDM "
                + ".yaml config beside it (same name) to say what it is.");
    }
}
