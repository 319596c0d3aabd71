package org.sandpaint.engine.checkpoint.graph;

import org.sandpaint.engine.ModelException;

/** Where a built graph's weights come from: float32 values by checkpoint key, in the stored layout. */
@FunctionalInterface
public interface WeightSource {
    float[] values(String key) throws ModelException;
}
