package org.sandpaint.engine.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;

/**
 * Conversions between images and NCHW float tensors, with the same float32 arithmetic as diffusers (and the
 * WebUI for previews) so that pixels come out identical.
 */
public final class ImageTensors {

    private static final int RGB = 3;
    private static final int LATENT_CHANNELS = 4;

    private ImageTensors() {
    }

    /**
     * The SD1.x "Approx cheap" matrix of the WebUI: rows are latent channels 0..3, columns R, G, B. A fresh
     * copy each call, so nobody can change it for everybody else.
     */
    public static float[][] sd1ApproxMatrix() {
        return new float[][] {
                {0.298f, 0.207f, 0.208f},
                {0.187f, 0.286f, 0.173f},
                {-0.158f, 0.189f, 0.264f},
                {-0.184f, -0.271f, -0.473f},
        };
    }

    /** The SDXL "Approx cheap" matrix, laid out as {@link #sd1ApproxMatrix()}. */
    public static float[][] sdxlApproxMatrix() {
        return new float[][] {
                {0.3448f, 0.4168f, 0.4395f},
                {-0.1953f, -0.0290f, 0.0250f},
                {0.1074f, 0.0886f, -0.0163f},
                {-0.3730f, -0.2499f, -0.2088f},
        };
    }

    /**
     * Image {@code batchIndex} of a decoded VAE output {@code [N, 3, height, width]} with values in [-1, 1],
     * as diffusers turns it into a picture: {@code (x / 2 + 0.5).clamp(0, 1)}, then {@code round(v * 255)}
     * (NumPy rounds halves to even). NaN becomes 0.
     */
    public static BufferedImage fromNchw(float[] data, int batchIndex, int height, int width) {
        int plane = height * width;
        int offset = checkedOffset(data.length, batchIndex, RGB, plane, "image tensor");
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = offset + y * width + x;
                int r = toByteRounded(data[i]);
                int g = toByteRounded(data[i + plane]);
                int b = toByteRounded(data[i + 2 * plane]);
                image.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return image;
    }

    /**
     * The image as a {@code [1, 3, height, width]} tensor in [-1, 1], as diffusers' preprocessing does:
     * {@code v / 255} then {@code 2 * v - 1}, in float32 and in that order. Alpha is dropped (as Pillow's
     * {@code convert("RGB")} does). 8-bit grayscale images are read from their samples: going through
     * {@code getRGB} would apply Java's linear-to-sRGB conversion and brighten them.
     */
    public static float[] toNchw(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        int plane = width * height;
        float[] out = new float[RGB * plane];
        boolean gray = isEightBitGray(image);
        Raster raster = image.getRaster();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                if (gray) {
                    float v = toUnit(raster.getSample(x, y, 0));
                    out[i] = v;
                    out[i + plane] = v;
                    out[i + 2 * plane] = v;
                } else {
                    int rgb = image.getRGB(x, y);
                    out[i] = toUnit((rgb >> 16) & 0xff);
                    out[i + plane] = toUnit((rgb >> 8) & 0xff);
                    out[i + 2 * plane] = toUnit(rgb & 0xff);
                }
            }
        }
        return out;
    }

    /**
     * The WebUI's "Approx cheap" live preview: each pixel's 4 latent values times {@code matrix} (4 rows x
     * 3 columns) gives R, G, B in about [-1, 1]; then {@code v * 0.5 + 0.5}, clamp to [0, 1] and
     * {@code (int) (255 * v)}, truncating as the WebUI's cast to uint8 does. The result has the latent size
     * ({@code h x w}, 1/8 of the image); the caller may scale it up.
     *
     * @param latents UNet-space latents {@code [N, 4, h, w]} (not divided by the VAE scaling factor)
     */
    public static BufferedImage approxCheap(float[] latents, int batchIndex, int h, int w, float[][] matrix) {
        if (matrix.length != LATENT_CHANNELS) {
            throw new IllegalArgumentException("Approx matrix needs 4 rows (one per latent channel), got "
                    + matrix.length);
        }
        for (float[] row : matrix) {
            if (row.length != RGB) {
                throw new IllegalArgumentException("Each approx matrix row needs 3 values (R, G, B), got "
                        + row.length);
            }
        }
        int plane = h * w;
        int offset = checkedOffset(latents.length, batchIndex, LATENT_CHANNELS, plane, "latent tensor");
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] rgb = new int[RGB];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = offset + y * w + x;
                for (int c = 0; c < RGB; c++) {
                    float sum = 0f;
                    for (int l = 0; l < LATENT_CHANNELS; l++) {
                        sum += latents[i + l * plane] * matrix[l][c];
                    }
                    float v = Math.min(Math.max(sum * 0.5f + 0.5f, 0f), 1f);
                    rgb[c] = (int) (255f * v);
                }
                image.setRGB(x, y, (rgb[0] << 16) | (rgb[1] << 8) | rgb[2]);
            }
        }
        return image;
    }

    private static int toByteRounded(float x) {
        float v = Math.min(Math.max(x / 2f + 0.5f, 0f), 1f);
        return (int) Math.rint(v * 255f); // rint rounds halves to even, like numpy.round; NaN gives 0
    }

    private static float toUnit(int byteValue) {
        float v = byteValue / 255f;
        return 2f * v - 1f;
    }

    private static boolean isEightBitGray(BufferedImage image) {
        return image.getRaster().getNumBands() == 1
                && image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY
                && image.getColorModel().getComponentSize(0) == 8;
    }

    /** The start of image {@code batchIndex}, after checking the array is big enough to hold it. */
    private static int checkedOffset(int length, int batchIndex, int channels, int plane, String what) {
        long perImage = (long) channels * plane;
        if (batchIndex < 0 || (batchIndex + 1L) * perImage > length) {
            throw new IllegalArgumentException("The " + what + " has " + length + " values, too few for image "
                    + batchIndex + " of shape [" + channels + ", " + plane + " pixels]; check batch index and size");
        }
        return (int) (batchIndex * perImage);
    }
}
