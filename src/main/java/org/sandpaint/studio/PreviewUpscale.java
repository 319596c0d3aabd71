package org.sandpaint.studio;

import java.awt.image.BufferedImage;

/**
 * Enlarges the engine's cheap preview (1/8 of the picture: one pixel per latent) to the picture's size.
 *
 * <p>Left to the window, the tiny picture was stretched by JavaFX's linear texture filter, which samples the
 * texture's edge against its transparent padding: a dark seam along the top and left edges. Here every
 * output pixel samples the source at its own centre, clamped to the edge, so the border rows repeat the
 * preview's border colours instead of fading out.
 */
final class PreviewUpscale {

    private PreviewUpscale() {
    }

    /** Bilinear, pixel-centre aligned, edges clamped. */
    static BufferedImage toSize(BufferedImage small, int width, int height) {
        int sw = small.getWidth();
        int sh = small.getHeight();
        int[] src = small.getRGB(0, 0, sw, sh, null, 0, sw);
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            double fy = clamp((y + 0.5) * sh / height - 0.5, sh - 1);
            int y0 = (int) fy;
            int y1 = Math.min(y0 + 1, sh - 1);
            double wy = fy - y0;
            for (int x = 0; x < width; x++) {
                double fx = clamp((x + 0.5) * sw / width - 0.5, sw - 1);
                int x0 = (int) fx;
                int x1 = Math.min(x0 + 1, sw - 1);
                double wx = fx - x0;
                int rgb = 0;
                for (int shift = 16; shift >= 0; shift -= 8) {
                    double top = channel(src[y0 * sw + x0], shift) * (1 - wx) + channel(src[y0 * sw + x1], shift) * wx;
                    double bottom = channel(src[y1 * sw + x0], shift) * (1 - wx) + channel(src[y1 * sw + x1], shift) * wx;
                    rgb |= (int) Math.round(top * (1 - wy) + bottom * wy) << shift;
                }
                row[x] = rgb;
            }
            out.setRGB(0, y, width, 1, row, 0, width);
        }
        return out;
    }

    private static double clamp(double v, int max) {
        return Math.min(Math.max(v, 0), max);
    }

    private static int channel(int rgb, int shift) {
        return (rgb >> shift) & 0xFF;
    }
}
