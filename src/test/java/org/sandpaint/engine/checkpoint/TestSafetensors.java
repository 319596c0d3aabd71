package org.sandpaint.engine.checkpoint;

import java.io.IOException;
import java.nio.file.Path;

/** {@link SafetensorsWriter} for tests in other packages (LoRA, embeddings, VAE files). */
public final class TestSafetensors {

    private final SafetensorsWriter writer = new SafetensorsWriter();

    public TestSafetensors f32(String name, long[] shape, float... values) {
        writer.f32(name, shape, values);
        return this;
    }

    public TestSafetensors f16(String name, long[] shape, float... values) {
        writer.f16(name, shape, values);
        return this;
    }

    /** A tensor of the given shape filled with {@code value}. */
    public TestSafetensors filled(String name, float value, long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        float[] values = new float[(int) n];
        java.util.Arrays.fill(values, value);
        return f32(name, shape, values);
    }

    public TestSafetensors metadata(String key, String value) {
        writer.metadata(key, value);
        return this;
    }

    public Path write(Path file) throws IOException {
        return writer.write(file);
    }
}
