package org.sandpaint.engine;

import org.sandpaint.engine.image.ResizeMode;

import java.awt.image.BufferedImage;

/**
 * The source picture of an img2img run.
 *
 * @param image      the picture as loaded (any size; fitted to the request's size with {@code resizeMode})
 * @param strength   denoising strength: 0 returns the source, 1 ignores it (like text to image)
 * @param resizeMode how the picture is fitted to the target size
 * @param inpaint    the mask and its settings when only part of the picture is repainted, else null
 */
public record InitImage(BufferedImage image, double strength, ResizeMode resizeMode, Inpaint inpaint) {

    public static final double DEFAULT_STRENGTH = 0.75;

    public InitImage {
        if (image == null) {
            throw new IllegalArgumentException("Choose a source image for image to image.");
        }
        if (!Double.isFinite(strength) || strength < 0 || strength > 1) {
            throw new IllegalArgumentException("Denoising strength must be between 0 and 1, got " + strength + ".");
        }
        resizeMode = resizeMode == null ? ResizeMode.JUST_RESIZE : resizeMode;
    }

    /** Image to image without a mask. */
    public InitImage(BufferedImage image, double strength, ResizeMode resizeMode) {
        this(image, strength, resizeMode, null);
    }
}
