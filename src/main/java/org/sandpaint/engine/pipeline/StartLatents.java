package org.sandpaint.engine.pipeline;

import java.awt.image.BufferedImage;

/**
 * A batch's starting point.
 *
 * @param latents    scaled latents [batch, 4, h, w] at the first remaining timestep; for {@link #finished}
 *                   starts the clean latents of the source
 * @param source     the source picture as fitted to the output size; null for text to image
 * @param plan       the inpainting plan (mask, crop, composite); null without a mask
 * @param constraint applied to the latents after every step
 * @param finished   non-null when nothing is left to denoise (strength 0): the picture to return as is
 */
record StartLatents(float[] latents, BufferedImage source, InpaintPlan plan, StepConstraint constraint,
                    BufferedImage finished) {

    static StartLatents denoise(float[] latents, BufferedImage source, InpaintPlan plan, StepConstraint constraint) {
        return new StartLatents(latents, source, plan, constraint, null);
    }

    static StartLatents finished(BufferedImage picture, float[] clean) {
        return new StartLatents(clean, null, null, StepConstraint.NONE, picture);
    }

    /** A decoded picture as the user gets it: composited into the source through the mask when inpainting. */
    BufferedImage finish(BufferedImage decoded) {
        return plan != null ? plan.finish(decoded) : decoded;
    }

    /** Changes the latents after a scheduler step (inpainting with a 4-channel UNet keeps the unmasked part). */
    @FunctionalInterface
    interface StepConstraint {
        StepConstraint NONE = (latents, index) -> latents;

        /** @param index the timestep index just stepped from */
        float[] apply(float[] latents, int index);
    }
}
