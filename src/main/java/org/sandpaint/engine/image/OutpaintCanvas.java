package org.sandpaint.engine.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/**
 * The bigger picture and the mask an outpainting run starts from, as the WebUI's outpainting scripts
 * prepare them: the source pasted at (left, up) on the enlarged canvas, the mask white over the new area
 * and over a seam of {@code seam} pixels reaching into the source on each extended side (black over the
 * rest of the source, which is kept).
 *
 * <p>The new area is not left black as in the WebUI's "poor man's" script: it is pre-filled with the
 * source's border pixels carried outwards and blurred (a blurred original), so that the "original" masked
 * content starts from the picture's own colours, as "Outpainting mk2" does with its matched noise.
 */
public final class OutpaintCanvas {

    /** Box blur passes: three approximate a Gaussian. */
    private static final int PASSES = 3;

    private OutpaintCanvas() {
    }

    /** The canvas and its mask; both {@code source width + left + right} by {@code height + up + down}. */
    public record Canvas(BufferedImage picture, BufferedImage mask) {
    }

    public static Canvas expand(BufferedImage source, int left, int right, int up, int down, int seam) {
        int w = source.getWidth();
        int h = source.getHeight();
        int cw = w + left + right;
        int ch = h + up + down;
        int[] pixels = new int[cw * ch];
        for (int y = 0; y < ch; y++) {
            int sy = Math.min(Math.max(y - up, 0), h - 1);
            for (int x = 0; x < cw; x++) {
                int sx = Math.min(Math.max(x - left, 0), w - 1);
                pixels[y * cw + x] = source.getRGB(sx, sy) & 0xffffff;
            }
        }
        int radius = Math.max(4, Math.max(Math.max(left, right), Math.max(up, down)) / 8);
        int[] blurred = boxBlurred(pixels, cw, ch, radius);
        BufferedImage picture = new BufferedImage(cw, ch, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < ch; y++) {
            for (int x = 0; x < cw; x++) {
                boolean inSource = x >= left && x < left + w && y >= up && y < up + h;
                picture.setRGB(x, y, inSource ? source.getRGB(x - left, y - up) : blurred[y * cw + x]);
            }
        }
        BufferedImage mask = new BufferedImage(cw, ch, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = mask.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, cw, ch);
        g.setColor(Color.BLACK);
        int x1 = left + (left > 0 ? seam : 0);
        int y1 = up + (up > 0 ? seam : 0);
        int x2 = left + w - (right > 0 ? seam : 0);
        int y2 = up + h - (down > 0 ? seam : 0);
        g.fillRect(x1, y1, Math.max(0, x2 - x1), Math.max(0, y2 - y1));
        g.dispose();
        return new Canvas(picture, mask);
    }

    /** A separable running-sum box blur per channel, edges repeated. */
    private static int[] boxBlurred(int[] rgb, int w, int h, int radius) {
        float[][] channels = new float[3][w * h];
        for (int i = 0; i < rgb.length; i++) {
            channels[0][i] = (rgb[i] >> 16) & 255;
            channels[1][i] = (rgb[i] >> 8) & 255;
            channels[2][i] = rgb[i] & 255;
        }
        for (float[] c : channels) {
            for (int pass = 0; pass < PASSES; pass++) {
                blurLines(c, w, h, 1, w, radius);
                blurLines(c, h, w, w, 1, radius);
            }
        }
        int[] out = new int[rgb.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = clamp(channels[0][i]) << 16 | clamp(channels[1][i]) << 8 | clamp(channels[2][i]);
        }
        return out;
    }

    /** Blurs {@code lines} lines of {@code length} values each; {@code step} apart within a line, {@code stride} between lines. */
    private static void blurLines(float[] v, int length, int lines, int step, int stride, int radius) {
        float[] line = new float[length];
        float scale = 1f / (2 * radius + 1);
        for (int l = 0; l < lines; l++) {
            int base = l * stride;
            for (int i = 0; i < length; i++) {
                line[i] = v[base + i * step];
            }
            float sum = 0;
            for (int k = -radius; k <= radius; k++) {
                sum += line[Math.min(Math.max(k, 0), length - 1)];
            }
            for (int i = 0; i < length; i++) {
                v[base + i * step] = sum * scale;
                sum += line[Math.min(i + radius + 1, length - 1)] - line[Math.max(i - radius, 0)];
            }
        }
    }

    private static int clamp(float value) {
        return Math.min(255, Math.max(0, Math.round(value)));
    }
}
