package org.sandpaint.engine.checkpoint;

import ai.onnxruntime.platform.Fp16Conversions;
import org.sandpaint.engine.ModelException;

import java.nio.ByteBuffer;

/**
 * The text encoder's token embedding table, read row by row from the mapped checkpoint: SD 1.5's table is
 * 150 MB as float32, and a prompt needs 77 rows of it.
 */
public final class TokenEmbeddings {

    private final ByteBuffer table;
    private final DType dtype;
    private final int rows;
    private final int width;
    private final String key;

    TokenEmbeddings(SafetensorsFile file, String key) throws ModelException {
        TensorEntry entry = file.require(key);
        if (entry.rank() != 2 || !entry.dtype().isFloat()) {
            throw new ModelException(file.file() + ": the token embedding " + entry + " should be a 2-D table of "
                    + "floating-point values.");
        }
        this.table = file.bytes(entry);
        this.dtype = entry.dtype();
        this.rows = (int) entry.dim(0);
        this.width = (int) entry.dim(1);
        this.key = key;
    }

    int width() {
        return width;
    }

    /** Copies token {@code id}'s embedding into {@code out} at {@code offset}. */
    void copyRow(int id, float[] out, int offset) throws ModelException {
        if (id < 0 || id >= rows) {
            throw new ModelException("Token id " + id + " is outside the text encoder's vocabulary of " + rows
                    + " tokens (" + key + ").");
        }
        long base = (long) id * width;
        for (int i = 0; i < width; i++) {
            int index = (int) (base + i);
            out[offset + i] = switch (dtype) {
                case F32 -> table.getFloat(index * 4);
                case F16 -> Fp16Conversions.fp16ToFloat(table.getShort(index * 2));
                case BF16 -> Float.intBitsToFloat((table.getShort(index * 2) & 0xFFFF) << 16);
                case F64 -> (float) table.getDouble(index * 8);
                default -> throw new IllegalStateException("not a float type: " + dtype);
            };
        }
    }
}
