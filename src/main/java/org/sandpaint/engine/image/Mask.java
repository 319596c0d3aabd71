package org.sandpaint.engine.image;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;

/**
 * A greyscale inpainting mask: 1 = repaint, 0 = keep, values between for soft (blurred) edges.
 *
 * @param values row-major, {@code width * height} values in [0, 1]
 */
public record Mask(float[] values, int width, int height) {

    public Mask {
        if (values.length != width * height) {
            throw new IllegalArgumentException("Mask has " + values.length + " values for " + width + "x" + height);
        }
    }

    /**
     * Reads a mask picture: white repaints, black keeps; any greyscale works, and transparent pixels count
     * as black (so a brush stroke on a transparent layer is a mask too).
     */
    public static Mask fromImage(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        float[] v = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int argb = image.getRGB(x, y);
                float alpha = image.getColorModel().hasAlpha() ? ((argb >>> 24) & 255) / 255f : 1f;
                int r = (argb >> 16) & 255;
                int g = (argb >> 8) & 255;
                int b = argb & 255;
                v[y * w + x] = alpha * (0.299f * r + 0.587f * g + 0.114f * b) / 255f;
            }
        }
        return new Mask(v, w, h);
    }

    /** 1 where the value is at least 0.5, else 0. */
    public Mask thresholded() {
        float[] v = new float[values.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = values[i] >= 0.5f ? 1f : 0f;
        }
        return new Mask(v, width, height);
    }

    public Mask inverted() {
        float[] v = new float[values.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = 1f - values[i];
        }
        return new Mask(v, width, height);
    }

    public boolean isEmpty() {
        for (float value : values) {
            if (value > 0f) {
                return false;
            }
        }
        return true;
    }

    /** Nearest-neighbour resampling: a hard mask stays hard. */
    public Mask resized(int w, int h) {
        float[] v = new float[w * h];
        for (int y = 0; y < h; y++) {
            int sy = Math.min(height - 1, (int) ((y + 0.5) * height / h));
            for (int x = 0; x < w; x++) {
                int sx = Math.min(width - 1, (int) ((x + 0.5) * width / w));
                v[y * w + x] = values[sy * width + sx];
            }
        }
        return new Mask(v, w, h);
    }

    /** The part inside {@code r}. */
    public Mask cropped(Rectangle r) {
        float[] v = new float[r.width * r.height];
        for (int y = 0; y < r.height; y++) {
            System.arraycopy(values, (r.y + y) * width + r.x, v, y * r.width, r.width);
        }
        return new Mask(v, r.width, r.height);
    }

    /** Gaussian blur with standard deviation {@code sigma} pixels (the WebUI's "Mask blur"); 0 = none. */
    public Mask blurred(double sigma) {
        if (sigma <= 0) {
            return this;
        }
        float[] out = blurredUnclamped(sigma);
        for (int i = 0; i < out.length; i++) {
            // Values that are 0 within float noise stay exactly 0, so far pixels are kept bit for bit.
            out[i] = out[i] < 1e-6f ? 0f : Math.min(1f, out[i]);
        }
        return new Mask(out, width, height);
    }

    /** A separable Gaussian blur of the raw values (edges repeat), for any non-negative data. */
    public float[] blurredUnclamped(double sigma) {
        int radius = (int) Math.ceil(2.5 * sigma);
        float[] kernel = new float[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            kernel[i + radius] = (float) Math.exp(-(i * i) / (2 * sigma * sigma));
            sum += kernel[i + radius];
        }
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] /= (float) sum;
        }
        float[] horizontal = new float[values.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                float acc = 0;
                for (int k = -radius; k <= radius; k++) {
                    int sx = Math.min(width - 1, Math.max(0, x + k));
                    acc += kernel[k + radius] * values[y * width + sx];
                }
                horizontal[y * width + x] = acc;
            }
        }
        float[] out = new float[values.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                float acc = 0;
                for (int k = -radius; k <= radius; k++) {
                    int sy = Math.min(height - 1, Math.max(0, y + k));
                    acc += kernel[k + radius] * horizontal[sy * width + x];
                }
                out[y * width + x] = acc;
            }
        }
        return out;
    }

    /** The smallest rectangle holding every non-zero value, or null for an empty mask. */
    public Rectangle bounds() {
        int minX = width;
        int minY = height;
        int maxX = -1;
        int maxY = -1;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (values[y * width + x] > 0f) {
                    minX = Math.min(minX, x);
                    minY = Math.min(minY, y);
                    maxX = Math.max(maxX, x);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        return maxX < 0 ? null : new Rectangle(minX, minY, maxX - minX + 1, maxY - minY + 1);
    }

    /**
     * The mask at latent resolution (1/8 per side), each value the rounded mean of its 8x8 block: what the
     * WebUI uses to decide which latents are repainted.
     */
    public float[] latent() {
        int lw = width / 8;
        int lh = height / 8;
        float[] out = new float[lw * lh];
        for (int y = 0; y < lh; y++) {
            for (int x = 0; x < lw; x++) {
                float sum = 0;
                for (int dy = 0; dy < 8; dy++) {
                    for (int dx = 0; dx < 8; dx++) {
                        sum += values[(y * 8 + dy) * width + x * 8 + dx];
                    }
                }
                out[y * lw + x] = Math.round(sum / 64f);
            }
        }
        return out;
    }

    /** {@code base} with {@code overlay} laid over it where the mask says: base * (1 - m) + overlay * m. */
    public BufferedImage composite(BufferedImage base, BufferedImage overlay) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                float m = values[y * width + x];
                int a = base.getRGB(x, y);
                if (m <= 0f) {
                    out.setRGB(x, y, a);
                    continue;
                }
                int b = overlay.getRGB(x, y);
                int rgb = 0;
                for (int shift = 16; shift >= 0; shift -= 8) {
                    float c = ((a >> shift) & 255) * (1 - m) + ((b >> shift) & 255) * m;
                    rgb |= Math.min(255, Math.round(c)) << shift;
                }
                out.setRGB(x, y, rgb);
            }
        }
        return out;
    }
}
