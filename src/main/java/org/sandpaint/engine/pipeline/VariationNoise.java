package org.sandpaint.engine.pipeline;

import org.sandpaint.engine.SeedVariation;
import org.sandpaint.engine.random.NoiseSource;
import org.sandpaint.engine.random.TorchGenerator;

/**
 * The first noise of one image with the WebUI's variation seed options, drawn in the WebUI's order
 * ({@code ImageRNG.first} in its modules/rng.py, RNG source CPU):
 * <ol>
 *   <li>with a strength above 0, the variation seed's noise from a fresh generator (at the "resize from"
 *       size when that is set);</li>
 *   <li>the seed's noise: from the image's own generator, or at the other size from a fresh generator;</li>
 *   <li>the two blended by spherical interpolation;</li>
 *   <li>at another size, the image's generator then draws noise at the real size and the blended noise is
 *       pasted over its centre (cropped where it is larger).</li>
 * </ol>
 * Either way the image's generator has drawn exactly one tensor of the picture's size, so the noise that
 * follows (ancestral steps) is the same as without variation.
 */
final class VariationNoise {

    /** Above this mean cosine the WebUI blends linearly (and with the weights swapped, as it does). */
    private static final double NEARLY_PARALLEL = 0.9995;

    private VariationNoise() {
    }

    /**
     * @param image   the image's generator, seeded with {@code seed} and not drawn from yet in text to image
     * @param seed    the image's seed
     * @param subseed the image's variation seed (used when the strength is above 0)
     * @return noise of {@code channels * height * width} values, layout [C, H, W]
     */
    static float[] first(NoiseSource image, long seed, long subseed, SeedVariation variation, int channels,
                         int height, int width) {
        int drawnH = variation.resizes() ? variation.resizeFromHeight() / 8 : height;
        int drawnW = variation.resizes() ? variation.resizeFromWidth() / 8 : width;
        boolean otherSize = drawnH != height || drawnW != width;
        int drawnCount = channels * drawnH * drawnW;

        float[] sub = variation.varies() ? new TorchGenerator(subseed).randn(drawnCount) : null;
        float[] noise = otherSize ? new TorchGenerator(seed).randn(drawnCount) : image.randn(channels * height * width);
        if (sub != null) {
            noise = slerp(variation.strength(), noise, sub, channels, drawnH, drawnW);
        }
        if (!otherSize) {
            return noise;
        }
        float[] canvas = image.randn(channels * height * width);
        pasteCentred(noise, drawnH, drawnW, canvas, height, width, channels);
        return canvas;
    }

    /**
     * The WebUI's slerp: it normalises along dimension 1 of the [C, H, W] tensor, so each (channel, column)
     * pair of H values is interpolated with its own angle.
     */
    static float[] slerp(double t, float[] low, float[] high, int channels, int height, int width) {
        int columns = channels * width;
        double[] dot = new double[columns];
        double dotSum = 0;
        for (int c = 0; c < channels; c++) {
            for (int x = 0; x < width; x++) {
                double lowNorm = 0;
                double highNorm = 0;
                double product = 0;
                for (int y = 0; y < height; y++) {
                    int k = (c * height + y) * width + x;
                    lowNorm += (double) low[k] * low[k];
                    highNorm += (double) high[k] * high[k];
                    product += (double) low[k] * high[k];
                }
                double d = product / (Math.sqrt(lowNorm) * Math.sqrt(highNorm));
                dot[c * width + x] = d;
                dotSum += d;
            }
        }
        float[] out = new float[low.length];
        if (dotSum / columns > NEARLY_PARALLEL) {
            for (int k = 0; k < out.length; k++) {
                out[k] = (float) (low[k] * t + high[k] * (1 - t));
            }
            return out;
        }
        for (int c = 0; c < channels; c++) {
            for (int x = 0; x < width; x++) {
                // Clamped: rounding can put a cosine a hair above 1, where acos has no value.
                double omega = Math.acos(Math.max(-1, Math.min(1, dot[c * width + x])));
                double so = Math.sin(omega);
                double lowWeight = Math.sin((1 - t) * omega) / so;
                double highWeight = Math.sin(t * omega) / so;
                for (int y = 0; y < height; y++) {
                    int k = (c * height + y) * width + x;
                    out[k] = (float) (lowWeight * low[k] + highWeight * high[k]);
                }
            }
        }
        return out;
    }

    /**
     * Puts {@code small} over the centre of {@code canvas}; where it is larger, its centre is cropped. Offsets
     * round down as Python's {@code //} does, also when negative.
     */
    private static void pasteCentred(float[] small, int smallH, int smallW, float[] canvas, int height, int width,
                                     int channels) {
        int dx = Math.floorDiv(width - smallW, 2);
        int dy = Math.floorDiv(height - smallH, 2);
        int w = dx >= 0 ? smallW : smallW + 2 * dx;
        int h = dy >= 0 ? smallH : smallH + 2 * dy;
        int toX = Math.max(dx, 0);
        int toY = Math.max(dy, 0);
        int fromX = Math.max(-dx, 0);
        int fromY = Math.max(-dy, 0);
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < h; y++) {
                System.arraycopy(small, (c * smallH + fromY + y) * smallW + fromX,
                        canvas, (c * height + toY + y) * width + toX, w);
            }
        }
    }
}
