package org.sandpaint.engine;


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

    public InitImage {
        if (image == null) {
            throw new IllegalArgumentException("Choose a source image for image to image.");
        }
        Parameters.DENOISING_STRENGTH.check(strength);
        resizeMode = resizeMode == null ? Parameters.RESIZE_MODE.defaultValue() : resizeMode;
    }

    /** Image to image without a mask. */
    public InitImage(BufferedImage image, double strength, ResizeMode resizeMode) {
        this(image, strength, resizeMode, null);
    }
}
