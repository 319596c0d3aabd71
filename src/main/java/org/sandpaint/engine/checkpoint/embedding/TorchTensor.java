package org.sandpaint.engine.checkpoint.embedding;

import org.sandpaint.engine.checkpoint.DType;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A tensor read from a PyTorch pickle: a view (offset, sizes, strides, in elements) into a storage's raw
 * little-endian bytes.
 */
record TorchTensor(DType dtype, ByteBuffer storage, long offset, long[] size, long[] stride) {

    TorchTensor {
        size = size.clone();
        stride = stride.clone();
    }

    @Override
    public long[] size() {
        return size.clone();
    }

    long elementCount() {
        long n = 1;
        for (long d : size) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** The values in row-major order as float32, whatever the strides (a transposed view is common). */
    float[] floats() {
        float[] out = new float[Math.toIntExact(elementCount())];
        long[] index = new long[size.length];
        for (int i = 0; i < out.length; i++) {
            long element = offset;
            for (int d = 0; d < size.length; d++) {
                element += index[d] * stride[d];
            }
            out[i] = read(element);
            for (int d = size.length - 1; d >= 0 && ++index[d] == size[d]; d--) {
                index[d] = 0;
            }
        }
        return out;
    }

    private float read(long element) {
        int at = Math.toIntExact(element * dtype.bytes());
        return switch (dtype) {
            case F32 -> storage.getFloat(at);
            case F64 -> (float) storage.getDouble(at);
            case F16 -> ai.onnxruntime.platform.Fp16Conversions.fp16ToFloat(storage.getShort(at));
            case BF16 -> Float.intBitsToFloat((storage.getShort(at) & 0xFFFF) << 16);
            default -> throw new IllegalStateException("not a float type: " + dtype);
        };
    }

    @Override
    public String toString() {
        return dtype + Arrays.toString(size);
    }
}
