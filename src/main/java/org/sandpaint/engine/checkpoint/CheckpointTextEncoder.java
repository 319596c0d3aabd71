package org.sandpaint.engine.checkpoint;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.sandpaint.engine.checkpoint.graph.ClipTextGraph;
import org.sandpaint.engine.model.ExternalWeights;
import org.sandpaint.engine.ModelException;
import org.sandpaint.engine.model.TextEncoding;

import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Set;

/**
 * A checkpoint's text encoder: token ids are turned into embeddings here, from the checkpoint's table, and
 * the built graph ({@link ClipTextGraph}) does the rest. A chunk may carry replacement vectors for some
 * positions (textual-inversion embeddings); those positions skip the table.
 */
public final class CheckpointTextEncoder implements TextEncoding {

    private final OrtSession session;
    private final ExternalWeights weights;
    private final TokenEmbeddings table;
    private final TextEncoderConfig config;
    private final OrtEnvironment env;

    CheckpointTextEncoder(OrtSession session, ExternalWeights weights, TokenEmbeddings table,
                          TextEncoderConfig config, OrtEnvironment env) {
        this.session = session;
        this.weights = weights;
        this.table = table;
        this.config = config;
        this.env = env;
    }

    @Override
    public int hiddenSize() {
        return config.hiddenSize();
    }

    @Override
    public boolean takesVectors() {
        return true;
    }

    @Override
    public float[] encode(int[][] rows, int clipSkip) throws ModelException {
        return encode(rows, null, clipSkip);
    }

    /** One 77-token chunk with the family's conditioning layer; {@code replacementVectors} may be null. */
    public float[] encode(int[] ids, float[][] replacementVectors) throws ModelException {
        return encode(new int[][]{ids}, new float[][][]{replacementVectors}, 1);
    }

    /**
     * Rows of 77 ids to hidden states [rows, 77, D]. {@code replacements[r][p]}, when present, is the
     * D-wide vector used instead of token {@code rows[r][p]}'s embedding; null entries (or a null array)
     * keep the token's own.
     */
    @Override
    public synchronized float[] encode(int[][] rows, float[][][] replacements, int clipSkip) throws ModelException {
        int length = config.positions();
        int d = config.hiddenSize();
        float[] embeds = new float[rows.length * length * d];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != length) {
                throw new IllegalArgumentException("a text encoder row has " + rows[r].length + " ids, not " + length);
            }
            float[][] vectors = replacements == null ? null : replacements[r];
            for (int p = 0; p < length; p++) {
                int offset = (r * length + p) * d;
                float[] vector = vectors == null ? null : vectors[p];
                if (vector == null) {
                    table.copyRow(rows[r][p], embeds, offset);
                } else if (vector.length != d) {
                    throw new ModelException("An embedding vector is " + vector.length + " wide but this model's "
                            + "text encoder needs " + d + ": the embedding was made for another model family.");
                } else {
                    System.arraycopy(vector, 0, embeds, offset, d);
                }
            }
        }
        String output = ClipTextGraph.outputName(layer(clipSkip));
        try (OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(embeds), new long[]{rows.length, length, d});
             OrtSession.Result result = session.run(Map.of(ClipTextGraph.INPUT, input), Set.of(output))) {
            FloatBuffer out = ((OnnxTensor) result.get(0)).getFloatBuffer();
            float[] hidden = new float[out.remaining()];
            out.get(hidden);
            return hidden;
        } catch (OrtException e) {
            throw new ModelException("The text encoder failed: " + e.getMessage(), e);
        }
    }

    /**
     * The hidden state to condition on. SD 1.x follows CLIP skip; SD 2.x always uses its penultimate layer,
     * as the WebUI does (its OpenCLIP wrapper ignores the CLIP skip setting).
     */
    private int layer(int clipSkip) throws ModelException {
        if (config.defaultLayer() > 1) {
            return config.defaultLayer();
        }
        if (clipSkip < 1 || clipSkip > config.layers()) {
            throw new ModelException("CLIP skip " + clipSkip + " is out of range: this text encoder has "
                    + config.layers() + " layers, so CLIP skip can be 1 to " + config.layers() + ".");
        }
        return clipSkip;
    }

    @Override
    public synchronized void close() {
        try {
            session.close();
        } catch (OrtException e) {
            // Only frees native memory.
        }
        weights.close();
    }
}
