package org.sandpaint.engine.checkpoint.lora;

import org.sandpaint.engine.checkpoint.TensorEntry;

/**
 * One patched layer of a LoRA: {@code down} [rank, in, (kh, kw)] and {@code up} [out, rank, (1, 1)], scaled by
 * {@code alpha / rank}.
 *
 * @param name  the kohya module name, e.g. {@code lora_unet_mid_block_resnets_0_conv1}
 * @param alpha the stored alpha, or null when the file has none (then alpha = rank)
 */
record LoraModule(String name, TensorEntry down, TensorEntry up, TensorEntry alpha) {

    int rank() {
        return (int) down.dim(0);
    }

    int outputs() {
        return (int) up.dim(0);
    }

    /** Values per output row of the weight this module's delta has: in * kh * kw. */
    long rowLength() {
        return down.elementCount() / down.dim(0);
    }

    /** The weight shape the LoRA implies: [out] followed by down's dimensions after the rank. */
    long[] impliedShape() {
        long[] downShape = down.shape();
        long[] shape = downShape.clone();
        shape[0] = up.dim(0);
        return shape;
    }

    boolean isTextEncoder() {
        return name.startsWith("lora_te_");
    }
}
