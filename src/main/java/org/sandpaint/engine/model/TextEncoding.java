package org.sandpaint.engine.model;

/**
 * What the prompt encoder needs from a text encoder, whichever way it was loaded: rows of 77 token ids
 * to hidden states [rows, 77, D], with CLIP skip in the WebUI's numbering (1 = last layer).
 */
public interface TextEncoding extends AutoCloseable {

    float[] encode(int[][] rows, int clipSkip) throws ModelException;

    /** Embedding width D (768 for SD 1.x, 1024 for SD 2.x); -1 when an export leaves it symbolic. */
    int hiddenSize();

    @Override
    void close();
}
