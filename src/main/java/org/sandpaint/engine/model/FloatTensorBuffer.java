package org.sandpaint.engine.model;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.platform.Fp16Conversions;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;

/**
 * A tensor of fixed shape backed by a direct buffer we own, reused across steps: ONNX Runtime reads inputs
 * from it and writes pinned outputs into it without a copy. The engine works in float32; when the model
 * declares float16 (Olive/AMD "io16" exports) the conversion happens here, at the boundary.
 */
final class FloatTensorBuffer implements AutoCloseable {

    private final OnnxJavaType type;
    private final long[] shape;
    private final int size;
    private final FloatBuffer floats;
    private final ShortBuffer halves;
    private final OnnxTensor tensor;

    FloatTensorBuffer(OrtEnvironment env, OnnxJavaType type, long[] shape) throws OrtException {
        this.type = type;
        this.shape = shape.clone();
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        if (n > Integer.MAX_VALUE / 4) {
            throw new IllegalArgumentException("Tensor too large: " + java.util.Arrays.toString(shape));
        }
        this.size = (int) n;
        if (type == OnnxJavaType.FLOAT) {
            floats = ByteBuffer.allocateDirect(size * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
            halves = null;
            tensor = OnnxTensor.createTensor(env, floats, shape);
        } else if (type == OnnxJavaType.FLOAT16) {
            halves = ByteBuffer.allocateDirect(size * 2).order(ByteOrder.nativeOrder()).asShortBuffer();
            floats = null;
            tensor = OnnxTensor.createTensor(env, halves, shape, OnnxJavaType.FLOAT16);
        } else {
            throw new IllegalArgumentException("Expected a float32 or float16 tensor, the model declares " + type);
        }
    }

    int size() {
        return size;
    }

    long[] shape() {
        return shape.clone();
    }

    OnnxTensor tensor() {
        return tensor;
    }

    /** Copies {@code src[offset .. offset+size)} into the tensor. */
    void write(float[] src, int offset) {
        if (floats != null) {
            floats.clear();
            floats.put(src, offset, size);
            floats.clear();
        } else {
            halves.clear();
            for (int i = 0; i < size; i++) {
                halves.put(i, Fp16Conversions.floatToFp16(src[offset + i]));
            }
        }
    }

    /** Copies the tensor into {@code dst[offset .. offset+size)}. */
    void read(float[] dst, int offset) {
        if (floats != null) {
            floats.clear();
            floats.get(dst, offset, size);
            floats.clear();
        } else {
            for (int i = 0; i < size; i++) {
                dst[offset + i] = Fp16Conversions.fp16ToFloat(halves.get(i));
            }
        }
    }

    @Override
    public void close() {
        tensor.close();
    }
}
