package org.sandpaint.engine.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.sandpaint.testing.SharedFixtures;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ../shared/fixtures/tiny-sd1-checkpoint: its files, cases and the README's tolerances. */
public final class TinySd1Cases {

    public static final String DIR = "fixtures/tiny-sd1-checkpoint";

    private final Path dir;
    private final JsonNode cases;

    private TinySd1Cases(Path dir) throws IOException {
        this.dir = dir;
        this.cases = new ObjectMapper().readTree(dir.resolve("reference.json").toFile());
    }

    /** The fixture, or a skipped test when ../shared is absent. */
    public static TinySd1Cases require() throws IOException {
        return new TinySd1Cases(SharedFixtures.require(DIR));
    }

    public Path dir() {
        return dir;
    }

    public Path checkpoint() {
        return dir.resolve("tiny-sd1.safetensors");
    }

    public JsonNode cases() {
        return cases;
    }

    public JsonNode find(String name) {
        for (JsonNode c : cases) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no case " + name);
    }

    public static float[] latents(JsonNode c) {
        JsonNode ref = c.get("latents");
        float[] out = new float[ref.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) ref.get(i).asDouble();
        }
        return out;
    }

    public BufferedImage expectedImage(String name) throws IOException {
        return ImageIO.read(dir.resolve("expected_" + name + ".png").toFile());
    }

    /** The README's criterion: max|ours - ref| / max|ref| < 1e-3. */
    public static void assertLatentsMatch(float[] ref, float[] ours, String what) {
        assertEquals(ref.length, ours.length, what + ": latent count");
        double maxRef = 0;
        double maxDiff = 0;
        for (int i = 0; i < ref.length; i++) {
            maxRef = Math.max(maxRef, Math.abs(ref[i]));
            maxDiff = Math.max(maxDiff, Math.abs(ours[i] - ref[i]));
        }
        double relative = maxDiff / maxRef;
        assertTrue(relative < 1e-3, what + ": relative error " + relative + " (max diff " + maxDiff + ")");
    }

    /** Every 8-bit channel within {@code levels} of the reference picture. */
    public static void assertImageMatches(BufferedImage expected, BufferedImage ours, int levels, String what) {
        assertEquals(expected.getWidth(), ours.getWidth(), what + ": width");
        assertEquals(expected.getHeight(), ours.getHeight(), what + ": height");
        int worst = 0;
        for (int y = 0; y < expected.getHeight(); y++) {
            for (int x = 0; x < expected.getWidth(); x++) {
                int a = expected.getRGB(x, y);
                int b = ours.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    worst = Math.max(worst, Math.abs(((a >> shift) & 0xFF) - ((b >> shift) & 0xFF)));
                }
            }
        }
        assertTrue(worst <= levels, what + ": a channel differs by " + worst + " levels (allowed " + levels + ")");
    }

    /** diffusers' mapping of a decoded [1, 3, H, W] image in [-1, 1] to 8-bit RGB. */
    public static BufferedImage toImage(float[] chw, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int plane = width * height;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = 0;
                for (int c = 0; c < 3; c++) {
                    float v = chw[c * plane + y * width + x] / 2 + 0.5f;
                    int u8 = Math.round(Math.max(0, Math.min(1, v)) * 255);
                    rgb = (rgb << 8) | u8;
                }
                image.setRGB(x, y, rgb);
            }
        }
        return image;
    }
}
