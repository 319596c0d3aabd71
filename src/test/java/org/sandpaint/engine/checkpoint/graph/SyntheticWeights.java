package org.sandpaint.engine.checkpoint.graph;

import java.util.Map;

/**
 * Weights computed from their names, bit for bit as {@code src/test/models/make_unet_reference.py}'s
 * {@code synthetic_weights} computes them, so a reference needs no weight file: per key a 32-bit LCG seeded
 * with the key's {@code hashCode} gives u in [0, 1) (24 bits) and c = 2u - 1; matrices and kernels are
 * c * sqrt(3 / fan_in), norm scales 1 + 0.1 c, biases and norm shifts 0.1 c, all in float32.
 */
final class SyntheticWeights implements WeightSource {

    private final Map<String, WeightSlot> slots;

    SyntheticWeights(Map<String, WeightSlot> slots) {
        this.slots = slots;
    }

    @Override
    public float[] values(String key) {
        WeightSlot slot = slots.get(key);
        long[] shape = slot.graphShape();
        int count = (int) slot.elementCount();
        // Stored layout: a transposed slot is [out, in] in the file; norms are declared [C, 1, 1] but are 1-D.
        long fanIn = slot.transposed() ? shape[0] : shape.length == 4 ? shape[1] * shape[2] * shape[3] : 0;
        int x = key.hashCode();
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            x = x * 1664525 + 1013904223;
            float c = 2f * ((x >>> 8) * 0x1p-24f) - 1f;
            if (fanIn > 0) {
                values[i] = c * (float) Math.sqrt(3.0 / fanIn);
            } else if (key.endsWith(".weight")) {
                values[i] = 1f + 0.1f * c;
            } else {
                values[i] = 0.1f * c;
            }
        }
        return values;
    }
}
