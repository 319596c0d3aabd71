package org.sandpaint.engine.pipeline;

/**
 * Text conditioning of one prompt pair, each [seqLen, dim] flat.
 *
 * @param cond   the prompt's embeddings
 * @param uncond the negative prompt's embeddings (null when guidance is off)
 */
record PromptEmbeddings(float[] cond, float[] uncond, int seqLen, int dim) {

    /**
     * The UNet's context for a batch: [uncond x batch; cond x batch] with guidance (diffusers' order),
     * [cond x batch] without.
     */
    float[] forBatch(int batch) {
        int row = seqLen * dim;
        boolean guided = uncond != null;
        float[] out = new float[row * batch * (guided ? 2 : 1)];
        int offset = 0;
        if (guided) {
            for (int i = 0; i < batch; i++, offset += row) {
                System.arraycopy(uncond, 0, out, offset, row);
            }
        }
        for (int i = 0; i < batch; i++, offset += row) {
            System.arraycopy(cond, 0, out, offset, row);
        }
        return out;
    }
}
