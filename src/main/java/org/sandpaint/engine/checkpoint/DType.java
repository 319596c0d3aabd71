package org.sandpaint.engine.checkpoint;

import java.util.Optional;

/** The element types a {@code .safetensors} header names, with their sizes in bytes. */
public enum DType {
    F64(8), F32(4), F16(2), BF16(2), I64(8), I32(4), I16(2), I8(1), U8(1), BOOL(1);

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    public int bytes() {
        return bytes;
    }

    public boolean isFloat() {
        return this == F64 || this == F32 || this == F16 || this == BF16;
    }

    /** The type for a header's dtype string; empty for types we do not read (e.g. F8_E4M3). */
    public static Optional<DType> parse(String name) {
        for (DType type : values()) {
            if (type.name().equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
