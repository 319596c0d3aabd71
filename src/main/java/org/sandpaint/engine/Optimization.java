package org.sandpaint.engine;

/**
 * ONNX Runtime graph optimisation levels offered to users. EXTENDED is the default: ALL is ~15% faster
 * per CPU step but loads ~10x slower and doubles peak memory on SD 1.5 (docs/architecture.md).
 */
public enum Optimization {
    BASIC, EXTENDED, ALL
}
