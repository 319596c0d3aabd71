package org.sandpaint.engine.checkpoint.lora;

import java.util.Objects;

/**
 * A LoRA applied with its multipliers, as {@code <lora:NAME:TE:UNET>} asks (one number sets both).
 * Negative multipliers are allowed: they push the model away from what the LoRA learned.
 */
public record LoraUse(LoraFile lora, double textEncoderWeight, double unetWeight) {

    public LoraUse {
        Objects.requireNonNull(lora, "lora");
    }

    public static LoraUse of(LoraFile lora, double weight) {
        return new LoraUse(lora, weight, weight);
    }
}
