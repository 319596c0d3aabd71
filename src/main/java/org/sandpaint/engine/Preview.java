package org.sandpaint.engine;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A look at the images while they form.
 *
 * @param batchIndex which batch of the job
 * @param step       sampling steps finished
 * @param totalSteps sampling steps of a batch
 * @param full       true for a VAE decode of the current estimate, false for the cheap approximation
 *                   (1/8 of the final size)
 * @param images     one picture per image of the batch
 */
public record Preview(int batchIndex, int step, int totalSteps, boolean full, List<BufferedImage> images) {
}
