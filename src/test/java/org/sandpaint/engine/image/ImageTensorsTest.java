package org.sandpaint.engine.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ImageTensorsTest {

    @TempDir
    Path dir;

    private static int[] rgb(BufferedImage image, int x, int y) {
        int p = image.getRGB(x, y);
        return new int[] {(p >> 16) & 0xff, (p >> 8) & 0xff, p & 0xff};
    }

    @Test
    void fromNchwMapsMinusOneToOneOntoBytes() {
        // [1, 3, 1, 3]: channel planes R, G, B over three pixels
        float[] data = {
                -1f, 2f, -0.4f,     // R
                1f, -3f, Float.NaN, // G
                0f, 0.5f, 1f,       // B
        };
        BufferedImage image = ImageTensors.fromNchw(data, 0, 1, 3);
        assertEquals(BufferedImage.TYPE_INT_RGB, image.getType());
        // 0 -> 0.5 * 255 = 127.5 -> 128; 0.5 -> 0.75 * 255 = 191.25 -> 191; out of range clamps.
        assertArrayEquals(new int[] {0, 255, 128}, rgb(image, 0, 0));
        assertArrayEquals(new int[] {255, 0, 191}, rgb(image, 1, 0));
        // numpy: ((np.float32(-0.4) / 2 + 0.5) * 255) == 76.5 exactly, and .round() gives 76 (half to even).
        assertArrayEquals(new int[] {76, 0, 255}, rgb(image, 2, 0));
    }

    @Test
    void fromNchwPicksTheBatchEntry() {
        float[] data = new float[2 * 3 * 2 * 2];
        java.util.Arrays.fill(data, 12, 24, 1f); // second image all white
        BufferedImage image = ImageTensors.fromNchw(data, 1, 2, 2);
        assertArrayEquals(new int[] {255, 255, 255}, rgb(image, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> ImageTensors.fromNchw(data, 2, 2, 2));
    }

    @Test
    void toNchwMapsBytesOntoMinusOneToOne() {
        BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, 0x80_00_ff_80); // alpha is dropped
        image.setRGB(1, 0, 0xff_ff_00_33);
        float[] t = ImageTensors.toNchw(image);
        // planes: R(x0, x1), G(x0, x1), B(x0, x1); 128 / 255 * 2 - 1 = 1 / 255; 51 / 255 * 2 - 1 = -0.6
        assertArrayEquals(new float[] {-1f, 1f, 1f, -1f, 1f / 255, -0.6f}, t, 1e-6f);
    }

    @Test
    void toNchwReadsGrayImagesWithoutColorConversion() {
        BufferedImage gray = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSample(0, 0, 0, 0);
        gray.getRaster().setSample(1, 0, 0, 128);
        gray.getRaster().setSample(2, 0, 0, 255);
        float[] t = ImageTensors.toNchw(gray);
        float mid = 1f / 255;
        assertArrayEquals(new float[] {-1f, mid, 1f, -1f, mid, 1f, -1f, mid, 1f}, t, 1e-6f);
    }

    @Test
    void bytesSurviveARoundTrip() {
        BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < 256; i++) {
            image.setRGB(i % 16, i / 16, i << 16 | (255 - i) << 8 | (i * 7) & 0xff);
        }
        BufferedImage back = ImageTensors.fromNchw(ImageTensors.toNchw(image), 0, 16, 16);
        assertArrayEquals(image.getRGB(0, 0, 16, 16, null, 0, 16), back.getRGB(0, 0, 16, 16, null, 0, 16));
    }

    /**
     * Values worked by hand from the SD1 matrix, e.g. latent (1, 0, 0, 0) gives R = 0.298:
     * 0.298 * 0.5 + 0.5 = 0.649, * 255 = 165.495 -> 165; G: 0.6035 * 255 = 153.89 -> 153 (truncated, not
     * rounded, as the WebUI's cast to uint8).
     */
    @Test
    void approxCheapUsesTheWebUiMatrixAndTruncates() {
        int h = 1;
        int w = 3;
        int plane = h * w;
        float[] latents = new float[2 * 4 * plane]; // batch of 2; image 1 is the interesting one
        int base = 4 * plane;
        float[][] pixels = {
                {1, 0, 0, 0},
                {0, 0, 0, 1},
                {4, 4, 4, 4},
        };
        for (int x = 0; x < w; x++) {
            for (int c = 0; c < 4; c++) {
                latents[base + c * plane + x] = pixels[x][c];
            }
        }
        BufferedImage preview = ImageTensors.approxCheap(latents, 1, h, w, ImageTensors.sd1ApproxMatrix());
        assertEquals(w, preview.getWidth());
        assertEquals(h, preview.getHeight());
        assertArrayEquals(new int[] {165, 153, 154}, rgb(preview, 0, 0));
        // (-0.184, -0.271, -0.473) -> 0.408 * 255 = 104.04, 0.3645 * 255 = 92.95, 0.2635 * 255 = 67.19
        assertArrayEquals(new int[] {104, 92, 67}, rgb(preview, 1, 0));
        // 4 * column sums (0.143, 0.411, 0.172) -> 0.786 * 255 = 200.4, 1.322 clamps to 255, 0.844 * 255 = 215.2
        assertArrayEquals(new int[] {200, 255, 215}, rgb(preview, 2, 0));
    }

    @Test
    void approxCheapRejectsBadMatrix() {
        assertThrows(IllegalArgumentException.class,
                () -> ImageTensors.approxCheap(new float[4], 0, 1, 1, new float[3][3]));
        assertThrows(IllegalArgumentException.class,
                () -> ImageTensors.approxCheap(new float[4], 0, 1, 1, new float[4][4]));
    }

    @Test
    void matrixCopiesAreIndependent() {
        ImageTensors.sd1ApproxMatrix()[0][0] = 99f;
        assertEquals(0.298f, ImageTensors.sd1ApproxMatrix()[0][0]);
        assertEquals(0.3448f, ImageTensors.sdxlApproxMatrix()[0][0]);
    }

    /** The exact diffusers formulas evaluated by NumPy in float32. Skipped when numpy is not installed. */
    @Test
    void matchesNumpyBitForBit() throws IOException {
        Optional<PythonRunner> python = PythonRunner.withModule("numpy");
        assumeTrue(python.isPresent(), "numpy is not installed for python3; skipping the cross-check");
        Random random = new Random(7);
        int h = 16;
        int w = 16;
        float[] decoded = new float[3 * h * w];
        for (int i = 0; i < decoded.length; i++) {
            decoded[i] = (float) (random.nextGaussian() * 0.7);
        }
        Path file = dir.resolve("decoded.npy");
        Npy.writeFloat32(file, decoded, 1, 3, h, w);
        String bytes = python.get().run("""
                import sys, numpy as np
                x = np.load(sys.argv[1])
                images = np.clip(x / 2 + 0.5, 0, 1).transpose(0, 2, 3, 1)
                images = (images * 255).round().astype('uint8')
                back = 2.0 * (images.astype(np.float32) / 255.0) - 1.0
                print(' '.join(str(v) for v in images.ravel()))
                print(' '.join(str(v.view(np.int32)) for v in back.astype(np.float32).transpose(0, 3, 1, 2).ravel()))
                """, file.toString());
        String[] lines = bytes.strip().split("\n");
        String[] expectedBytes = lines[0].split(" ");
        String[] expectedBits = lines[1].split(" ");

        BufferedImage image = ImageTensors.fromNchw(decoded, 0, h, w);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int[] got = rgb(image, x, y);
                for (int c = 0; c < 3; c++) {
                    assertEquals(Integer.parseInt(expectedBytes[(y * w + x) * 3 + c]), got[c]);
                }
            }
        }
        float[] back = ImageTensors.toNchw(image);
        for (int i = 0; i < back.length; i++) {
            assertEquals(Integer.parseInt(expectedBits[i]), Float.floatToRawIntBits(back[i]), "value " + i);
        }
    }
}
