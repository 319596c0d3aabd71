package org.sandpaint.engine.model;

import org.sandpaint.engine.ModelException;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.TensorInfo;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;

/**
 * The UNet's {@code timestep} input in whatever form the export declares: int64, float32 or float16; a
 * scalar, {@code [1]} or {@code [batch]}. An int64 timestep truncates fractional values toward zero, as
 * diffusers' ONNX pipeline does when it builds {@code np.array([t], dtype=int64)}.
 */
final class TimestepInput implements AutoCloseable {

    private final LongBuffer longs;
    private final FloatTensorBuffer floats;
    private final OnnxTensor tensor;
    private final float[] scratch;

    TimestepInput(OrtEnvironment env, TensorInfo declared, int batch, String file) throws OrtException, ModelException {
        long[] shape = shapeFor(declared.getShape(), batch, file);
        int n = shape.length == 0 ? 1 : (int) shape[0];
        if (declared.type == OnnxJavaType.INT64) {
            longs = ByteBuffer.allocateDirect(8 * n).order(ByteOrder.nativeOrder()).asLongBuffer();
            floats = null;
            tensor = OnnxTensor.createTensor(env, longs, shape);
        } else if (declared.type == OnnxJavaType.FLOAT || declared.type == OnnxJavaType.FLOAT16) {
            longs = null;
            floats = new FloatTensorBuffer(env, declared.type, shape);
            tensor = floats.tensor();
        } else {
            throw new ModelException("The UNet (" + file + ") declares its timestep as " + declared.type
                    + "; expected int64, float32 or float16.");
        }
        scratch = new float[n];
    }

    private static long[] shapeFor(long[] declared, int batch, String file) throws ModelException {
        if (declared.length == 0) {
            return new long[0];
        }
        if (declared.length == 1) {
            return new long[] {declared[0] > 0 ? declared[0] : batch};
        }
        throw new ModelException("The UNet (" + file + ") declares its timestep with " + declared.length
                + " dimensions; expected a scalar or one dimension.");
    }

    OnnxTensor set(double timestep) {
        if (longs != null) {
            long t = (long) timestep; // truncation toward zero, as numpy's astype(int64)
            for (int i = 0; i < longs.capacity(); i++) {
                longs.put(i, t);
            }
        } else {
            java.util.Arrays.fill(scratch, (float) timestep);
            floats.write(scratch, 0);
        }
        return tensor;
    }

    @Override
    public void close() {
        tensor.close();
    }
}
