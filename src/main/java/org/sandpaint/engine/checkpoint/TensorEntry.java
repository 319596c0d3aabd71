package org.sandpaint.engine.checkpoint;

import java.util.Arrays;

/**
 * One tensor as a {@code .safetensors} header describes it: its type, shape and where its bytes lie,
 * counted from the start of the data section.
 */
public record TensorEntry(String name, DType dtype, long[] shape, long begin, long end) {

    public TensorEntry {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    public long elementCount() {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    public long byteCount() {
        return end - begin;
    }

    public int rank() {
        return shape.length;
    }

    /** Size of dimension {@code i}; negative {@code i} counts from the end, as in Python. */
    public long dim(int i) {
        return shape[i < 0 ? shape.length + i : i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorEntry t && name.equals(t.name) && dtype == t.dtype && Arrays.equals(shape, t.shape)
                && begin == t.begin && end == t.end;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + " " + dtype + Arrays.toString(shape);
    }
}
