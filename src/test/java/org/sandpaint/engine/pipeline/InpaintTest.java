package org.sandpaint.engine.pipeline;

import org.junit.jupiter.api.Test;
import org.sandpaint.engine.Engine;
import org.sandpaint.engine.EngineOptions;
import org.sandpaint.engine.GeneratedImage;
import org.sandpaint.engine.GenerationRequest;
import org.sandpaint.engine.GenerationResult;
import org.sandpaint.engine.InitImage;
import org.sandpaint.engine.Inpaint;
import org.sandpaint.engine.image.ImageLoader;
import org.sandpaint.engine.image.Mask;
import org.sandpaint.engine.ResizeMode;
import org.sandpaint.engine.Device;
import org.sandpaint.engine.Sampler;
import org.sandpaint.testing.TestModels;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Inpainting on the tiny 4- and 9-channel models: what is kept stays bit for bit, what is masked changes. */
class InpaintTest {

    private static BufferedImage source() throws Exception {
        return ImageLoader.loadRgb(Path.of("src/test/models/img2img_source.png"));
    }

    /** A mask with a white rectangle. */
    private static BufferedImage mask(int width, int height, Rectangle white) {
        BufferedImage mask = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = mask.createGraphics();
        g.setColor(Color.WHITE);
        g.fill(white);
        g.dispose();
        return mask;
    }

    private static GenerationResult run(String model, Inpaint inpaint, Sampler sampler, double strength) throws Exception {
        try (Engine engine = Engine.open(TestModels.folder(model), EngineOptions.defaults().withDevice(Device.CPU))) {
            GenerationRequest r = GenerationRequest.builder("a blue square").seed(21).steps(6).sampler(sampler)
                    .size(64, 64).initImage(new InitImage(source(), strength, ResizeMode.JUST_RESIZE, inpaint)).build();
            return engine.generate(r, null, null);
        }
    }

    /** Counts pixels that differ inside and outside the mask's blurred reach; fails on any change outside. */
    private static int[] changes(BufferedImage result, BufferedImage maskImage, int blur) throws Exception {
        BufferedImage src = source();
        Mask reach = Mask.fromImage(maskImage).thresholded().blurred(blur);
        int inside = 0;
        int outside = 0;
        for (int y = 0; y < src.getHeight(); y++) {
            for (int x = 0; x < src.getWidth(); x++) {
                boolean changed = src.getRGB(x, y) != result.getRGB(x, y);
                if (reach.values()[y * src.getWidth() + x] > 0f) {
                    inside += changed ? 1 : 0;
                } else {
                    outside += changed ? 1 : 0;
                }
            }
        }
        return new int[] {inside, outside};
    }

    @Test
    void fourChannelModelKeepsEveryUnmaskedPixelForEveryMaskedContent() throws Exception {
        BufferedImage maskImage = mask(64, 64, new Rectangle(16, 16, 24, 24));
        for (Inpaint.MaskedContent content : Inpaint.MaskedContent.values()) {
            Inpaint inpaint = new Inpaint(maskImage, 4, false, content, Inpaint.Area.WHOLE_PICTURE, 32);
            GeneratedImage image = run("tiny-optimum", inpaint, Sampler.EULER_A, 0.75).images().get(0);
            int[] c = changes(image.image(), maskImage, 4);
            assertEquals(0, c[1], content + ": pixels outside the mask changed");
            assertTrue(c[0] > 100, content + ": only " + c[0] + " masked pixels changed");
            assertTrue(image.infotext().format().contains("Masked content: " + content.displayName()));
        }
    }

    @Test
    void nineChannelModelKeepsUnmaskedPixels() throws Exception {
        BufferedImage maskImage = mask(64, 64, new Rectangle(8, 24, 40, 16));
        Inpaint inpaint = new Inpaint(maskImage, 2, false, Inpaint.MaskedContent.ORIGINAL, Inpaint.Area.WHOLE_PICTURE, 32);
        GeneratedImage image = run("tiny-inpaint", inpaint, Sampler.DPMPP_2M, 1.0).images().get(0);
        int[] c = changes(image.image(), maskImage, 2);
        assertEquals(0, c[1]);
        assertTrue(c[0] > 100, "only " + c[0] + " masked pixels changed");
    }

    @Test
    void onlyMaskedAtTheBorderPastesBackInPlace() throws Exception {
        // A mask in the bottom-right corner: the crop region must stay inside the picture.
        BufferedImage maskImage = mask(64, 64, new Rectangle(52, 50, 12, 14));
        Inpaint inpaint = new Inpaint(maskImage, 4, false, Inpaint.MaskedContent.ORIGINAL, Inpaint.Area.ONLY_MASKED, 8);
        GeneratedImage image = run("tiny-optimum", inpaint, Sampler.EULER, 0.75).images().get(0);
        assertEquals(64, image.image().getWidth());
        int[] c = changes(image.image(), maskImage, 4);
        assertEquals(0, c[1]);
        assertTrue(c[0] > 20, "only " + c[0] + " masked pixels changed");
        assertTrue(image.infotext().format().contains("Inpaint area: Only masked, Masked area padding: 8"),
                image.infotext().format());
    }

    @Test
    void invertedMaskRepaintsTheRest() throws Exception {
        BufferedImage maskImage = mask(64, 64, new Rectangle(0, 0, 64, 32));
        Inpaint inpaint = new Inpaint(maskImage, 0, true, Inpaint.MaskedContent.ORIGINAL, Inpaint.Area.WHOLE_PICTURE, 32);
        GeneratedImage image = run("tiny-optimum", inpaint, Sampler.DDIM, 0.8).images().get(0);
        BufferedImage src = source();
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 64; x++) {
                assertEquals(src.getRGB(x, y), image.image().getRGB(x, y), "the white half is kept when inverted");
            }
        }
    }

    @Test
    void emptyMaskAndMismatchedMaskAreExplained() throws Exception {
        Inpaint empty = Inpaint.of(mask(64, 64, new Rectangle(0, 0, 0, 0)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run("tiny-optimum", empty, Sampler.EULER, 0.75));
        assertTrue(e.getMessage().contains("mask is empty"), e.getMessage());

        Inpaint small = Inpaint.of(mask(32, 32, new Rectangle(8, 8, 8, 8)));
        GenerationResult result = run("tiny-optimum", small, Sampler.EULER, 0.75);
        assertTrue(result.warnings().stream().anyMatch(w -> w.contains("resized")), result.warnings().toString());
    }

    @Test
    void cropRegionGrowsToTheTargetShapeAndStaysInside() {
        BufferedImage picture = new BufferedImage(200, 100, BufferedImage.TYPE_INT_RGB);
        Rectangle padded = InpaintPlan.padded(new Rectangle(190, 90, 10, 10), 16, picture);
        assertEquals(new Rectangle(174, 74, 26, 26), padded);
        Rectangle wide = InpaintPlan.expandToAspect(padded, 128, 64, picture);
        assertEquals(52, wide.width);
        assertEquals(26, wide.height);
        assertTrue(wide.x >= 0 && wide.x + wide.width <= 200, wide.toString());
        Rectangle tall = InpaintPlan.expandToAspect(new Rectangle(0, 0, 40, 10), 64, 64, picture);
        assertEquals(new Rectangle(0, 0, 40, 40), tall);
    }
}
