package org.sandpaint.engine.pipeline;

import org.sandpaint.engine.image.Mask;

import java.awt.image.BufferedImage;

/**
 * The WebUI's "fill" masked content: the hole is painted with blurred colours of its surroundings, coarse
 * to fine, so the model starts from the right palette instead of the old content. Each pass takes a
 * weighted average of the kept pixels (a normalised Gaussian blur) and fills the pixels it reaches.
 */
final class MaskFill {

    private static final double[] SIGMAS = {64, 16, 4, 2};

    private MaskFill() {
    }

    static BufferedImage fill(BufferedImage image, Mask hole) {
        int w = image.getWidth();
        int h = image.getHeight();
        float[][] premultiplied = new float[4][w * h];
        for (int i = 0; i < w * h; i++) {
            float keep = hole.values()[i] >= 0.5f ? 0f : 1f;
            int rgb = image.getRGB(i % w, i / w);
            premultiplied[0][i] = keep * ((rgb >> 16) & 255);
            premultiplied[1][i] = keep * ((rgb >> 8) & 255);
            premultiplied[2][i] = keep * (rgb & 255);
            premultiplied[3][i] = keep;
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < w * h; i++) {
            out.setRGB(i % w, i / w, image.getRGB(i % w, i / w));
        }
        for (double sigma : SIGMAS) {
            float[][] blurred = new float[4][];
            for (int c = 0; c < 4; c++) {
                blurred[c] = new Mask(premultiplied[c], w, h).blurredUnclamped(sigma);
            }
            for (int i = 0; i < w * h; i++) {
                float weight = blurred[3][i];
                if (hole.values()[i] >= 0.5f && weight > 1e-3f) {
                    int r = Math.round(Math.min(255f, blurred[0][i] / weight));
                    int g = Math.round(Math.min(255f, blurred[1][i] / weight));
                    int b = Math.round(Math.min(255f, blurred[2][i] / weight));
                    out.setRGB(i % w, i / w, (r << 16) | (g << 8) | b);
                }
            }
        }
        return out;
    }
}
