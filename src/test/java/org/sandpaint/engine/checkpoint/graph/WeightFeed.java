package org.sandpaint.engine.checkpoint.graph;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxTensorLike;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.sandpaint.engine.ModelException;
import org.sandpaint.engine.model.ExternalWeights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * For tests, which run small built graphs without writing a weight file (the engine loads through
 * {@link WeightFile}, since ONNX Runtime copies in-memory initializers). The weights of one built graph as native float32 tensors, handed to ONNX Runtime as the graph's
 * external initializers. The tensors live in direct buffers that the session may keep referring to, so
 * a feed must stay open as long as its session and is closed with it.
 */
public final class WeightFeed implements ExternalWeights {

    private final Map<String, OnnxTensor> tensors;

    private WeightFeed(Map<String, OnnxTensor> tensors) {
        this.tensors = tensors;
    }

    /** Reads every weight the graph declared from {@code source}, checking its size. */
    public static WeightFeed of(OrtEnvironment env, Map<String, WeightSlot> slots, WeightSource source)
            throws ModelException {
        Map<String, OnnxTensor> tensors = new LinkedHashMap<>();
        try {
            for (WeightSlot slot : slots.values()) {
                float[] values = source.values(slot.key());
                if (values.length != slot.elementCount()) {
                    throw new ModelException("Weight " + slot.key() + " has " + values.length + " values; the "
                            + "network built for it needs " + slot.elementCount() + ". The file does not match "
                            + "the architecture it was detected as (use a .yaml config beside it to say what it is).");
                }
                tensors.put(slot.key(), OnnxTensor.createTensor(env, direct(values, slot), slot.graphShape()));
            }
            return new WeightFeed(tensors);
        } catch (ModelException | RuntimeException e) {
            tensors.values().forEach(OnnxTensor::close);
            throw e;
        } catch (OrtException e) {
            tensors.values().forEach(OnnxTensor::close);
            throw new ModelException("Cannot hand the weights to ONNX Runtime: " + e.getMessage(), e);
        }
    }

    /** Registers the tensors with a session's options, before the session is created. */
    @Override
    public void addTo(OrtSession.SessionOptions options) throws OrtException {
        options.addExternalInitializers(new LinkedHashMap<String, OnnxTensorLike>(tensors));
    }

    private static FloatBuffer direct(float[] values, WeightSlot slot) {
        FloatBuffer buffer = ByteBuffer.allocateDirect(values.length * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
        if (!slot.transposed()) {
            buffer.put(values);
        } else {
            // Stored [out, in]; the graph reads [in, out].
            long[] shape = slot.graphShape();
            int in = (int) shape[0];
            int out = (int) shape[1];
            for (int i = 0; i < in; i++) {
                for (int o = 0; o < out; o++) {
                    buffer.put(values[o * in + i]);
                }
            }
        }
        return buffer.rewind();
    }

    @Override
    public void close() {
        tensors.values().forEach(OnnxTensor::close);
    }
}
