package org.sandpaint.engine.model;

import org.sandpaint.engine.ModelException;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.Map;
import java.util.Set;

/**
 * The CLIP text encoder: token ids [B, 77] to embeddings [B, 77, D]. Accepts int32 (diffusers script,
 * Optimum up to 1.23) and int64 (newer Optimum) ids, and exports whose batch is fixed to 1.
 *
 * <p>CLIP skip n > 1 needs {@code final_layer_norm(hidden_states[-n])}, which standard exports do not
 * output. The first such request derives a graph that does ({@link ClipSkipGraph}), opens it in place of
 * the original session and keeps it for the model's lifetime; it serves CLIP skip 1 as well.
 */
public final class TextEncoder implements TextEncoding {

    static final String INPUT = "input_ids";
    static final String OUTPUT = "last_hidden_state";

    private final SessionFactory sessions;
    private final OrtEnvironment env;
    private OnnxPart part;
    private int layers = -1; // known once the CLIP skip graph is derived
    private final OnnxJavaType idType;
    private final int fixedBatch;
    private final int hiddenSize;

    TextEncoder(OnnxPart part, SessionFactory sessions) throws ModelException {
        this.part = part;
        this.sessions = sessions;
        this.env = sessions.environment();
        TensorInfo ids = part.input(INPUT);
        part.requireRank(ids, INPUT, 2);
        if (ids.type != OnnxJavaType.INT32 && ids.type != OnnxJavaType.INT64) {
            throw new ModelException("The text encoder (" + part.file() + ") declares input_ids as " + ids.type
                    + "; expected int32 or int64.");
        }
        this.idType = ids.type;
        this.fixedBatch = (int) ids.getShape()[0];
        TensorInfo out = part.output(OUTPUT);
        part.requireRank(out, OUTPUT, 3);
        part.floatType(out, OUTPUT);
        this.hiddenSize = (int) out.getShape()[2];
    }

    @Override
    public int hiddenSize() {
        return hiddenSize;
    }

    /**
     * Encodes rows of token ids with CLIP skip (WebUI numbering: 1 = last layer) and returns
     * [rows, 77, D] flat.
     */
    @Override
    public synchronized float[] encode(int[][] rows, int clipSkip) throws ModelException {
        String output = OUTPUT;
        if (clipSkip > 1) {
            deriveClipSkipGraph();
            if (clipSkip > layers) {
                throw new ModelException("CLIP skip " + clipSkip + " is too large: this text encoder has " + layers
                        + " layers, so CLIP skip can be 1 to " + layers + ".");
            }
            output = ClipSkipGraph.outputName(clipSkip);
        }
        int batch = fixedBatch > 0 ? fixedBatch : rows.length;
        if (rows.length % batch != 0) {
            throw new ModelException("The text encoder (" + part.file() + ") only accepts batches of " + fixedBatch
                    + " prompts.");
        }
        float[] out = null;
        int rowSize = 0;
        for (int start = 0; start < rows.length; start += batch) {
            float[] chunk = run(rows, start, batch, output);
            if (out == null) {
                rowSize = chunk.length / batch;
                out = new float[rowSize * rows.length];
            }
            System.arraycopy(chunk, 0, out, start * rowSize, chunk.length);
        }
        return out;
    }

    private void deriveClipSkipGraph() throws ModelException {
        if (layers >= 0) {
            return;
        }
        ClipSkipGraph graph = ClipSkipGraph.derive(part.file(), OUTPUT);
        OnnxPart derived = OnnxPart.wrap(
                sessions.openDerived(graph.model().toByteArray(), part.file(), "text encoder"),
                part.file(), "text encoder");
        part.close();
        part = derived;
        layers = graph.layers();
    }

    private float[] run(int[][] rows, int start, int count, String output) throws ModelException {
        int length = rows[start].length;
        long[] shape = {count, length};
        try (OnnxTensor ids = idTensor(rows, start, count, length, shape);
             OrtSession.Result result = part.run(Map.of(INPUT, ids), Set.of(output))) {
            return OnnxPart.floats(result.get(0));
        } catch (OrtException e) {
            throw part.runFailure("text encoder", e);
        }
    }

    private OnnxTensor idTensor(int[][] rows, int start, int count, int length, long[] shape) throws OrtException {
        if (idType == OnnxJavaType.INT32) {
            IntBuffer buffer = IntBuffer.allocate(count * length);
            for (int r = start; r < start + count; r++) {
                buffer.put(rows[r]);
            }
            buffer.flip();
            return OnnxTensor.createTensor(env, buffer, shape);
        }
        LongBuffer buffer = LongBuffer.allocate(count * length);
        for (int r = start; r < start + count; r++) {
            for (int id : rows[r]) {
                buffer.put(id);
            }
        }
        buffer.flip();
        return OnnxTensor.createTensor(env, buffer, shape);
    }

    @Override
    public synchronized void close() {
        part.close();
    }
}
