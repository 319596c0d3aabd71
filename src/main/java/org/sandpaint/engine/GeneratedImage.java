package org.sandpaint.engine;


import java.awt.image.BufferedImage;

/**
 * One finished (or interrupted) picture.
 *
 * @param image       the decoded RGB image
 * @param latents     the final latents [1, 4, h/8, w/8], before the VAE
 * @param seed        the seed this image was drawn with
 * @param infotext    the WebUI-style parameters to store in the PNG
 * @param interrupted true when the run was interrupted and this is the partial result
 */
public record GeneratedImage(BufferedImage image, float[] latents, long seed, Infotext infotext, boolean interrupted) {
}
