package org.sandpaint.engine.model;

import org.sandpaint.engine.ModelException;

/**
 * What the prompt encoder needs from a text encoder, whichever way it was loaded: rows of 77 token ids
 * to hidden states [rows, 77, D], with CLIP skip in the WebUI's numbering (1 = last layer).
 */
public interface TextEncoding extends AutoCloseable {

    float[] encode(int[][] rows, int clipSkip) throws ModelException;

    /**
     * True when the encoder can take vectors in place of token embeddings (textual-inversion embeddings):
     * a checkpoint's encoder looks the tokens up itself; an ONNX export takes ids only.
     */
    default boolean takesVectors() {
        return false;
    }

    /**
     * As {@link #encode(int[][], int)}, with {@code replacements[r][p]} (when not null) used in place of
     * token {@code rows[r][p]}'s embedding: textual-inversion vectors. Encoders that only take token ids
     * (ONNX exports) accept no replacements.
     */
    default float[] encode(int[][] rows, float[][][] replacements, int clipSkip) throws ModelException {
        if (replacements != null) {
            for (float[][] row : replacements) {
                if (row != null && java.util.Arrays.stream(row).anyMatch(java.util.Objects::nonNull)) {
                    throw new ModelException("This model's text encoder takes token ids only (an ONNX export), so "
                            + "textual-inversion embeddings cannot be used with it. Use a .safetensors checkpoint.");
                }
            }
        }
        return encode(rows, clipSkip);
    }

    /** Embedding width D (768 for SD 1.x, 1024 for SD 2.x); -1 when an export leaves it symbolic. */
    int hiddenSize();

    @Override
    void close();
}
