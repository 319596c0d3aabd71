package org.sandpaint.engine.checkpoint.lora;

import org.sandpaint.engine.checkpoint.TensorEntry;

/**
 * The checkpoint weight a LoRA module patches. Usually the whole weight; for OpenCLIP's fused attention
 * input projection ({@code in_proj_weight}, q, k and v stacked) a block of rows.
 *
 * @param weight    the checkpoint's tensor
 * @param firstRow  the first output row the module patches
 * @param rows      how many output rows it patches
 */
record LoraTarget(TensorEntry weight, int firstRow, int rows) {

    static LoraTarget whole(TensorEntry weight) {
        return new LoraTarget(weight, 0, (int) weight.dim(0));
    }

    String key() {
        return weight.name();
    }

    /** Values per output row: the product of every dimension after the first. */
    long rowLength() {
        return weight.elementCount() / weight.dim(0);
    }
}
