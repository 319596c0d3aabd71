package org.sandpaint.engine.random;

/** Anything that hands out standard normal floats in a reproducible order. */
public interface NoiseSource {
    /** The next {@code count} standard normal values, drawn as one {@code torch.randn([count])} call would. */
    float[] randn(int count);
}
