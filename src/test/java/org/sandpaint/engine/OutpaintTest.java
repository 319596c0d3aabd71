package org.sandpaint.engine;

import org.junit.jupiter.api.Test;
import org.sandpaint.testing.TestModels;

import java.awt.image.BufferedImage;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Outpainting on the tiny 4- and 9-channel models: the source outside the seam is kept, the new area painted. */
class OutpaintTest {

    private static final int BLUR = 4;
    /** How far into the source the repainted seam reaches: the mask's inset (2 x blur) plus the blur's reach (2.5 sigma). */
    private static final int SEAM = 2 * BLUR + (int) Math.ceil(2.5 * BLUR);

    private static BufferedImage source() throws Exception {
        return ImageFiles.loadPicture(Path.of("src/test/models/img2img_source.png"));
    }

    private static GenerationRequest img2img(BufferedImage source) {
        return GenerationRequest.builder("a blue square").seed(5).steps(4).size(64, 64)
                .initImage(new InitImage(source, 0.9, ResizeMode.JUST_RESIZE)).build();
    }

    @Test
    void keepsTheSourceOutsideTheSeamAndPaintsTheNewAreaOnBothKindsOfModel() throws Exception {
        BufferedImage src = source();
        Outpaint outpaint = new Outpaint(16, 8, 0, 24);
        for (String model : new String[] {"tiny-optimum", "tiny-inpaint"}) {
            try (Engine engine = Engine.open(TestModels.folder(model), EngineOptions.defaults().withDevice(Device.CPU))) {
                for (Inpaint.MaskedContent content : new Inpaint.MaskedContent[] {Inpaint.MaskedContent.FILL,
                        Inpaint.MaskedContent.ORIGINAL, Inpaint.MaskedContent.LATENT_NOISE}) {
                    GenerationRequest request = outpaint.applyTo(img2img(src), BLUR, content);
                    assertEquals(64 + 24, request.width());
                    assertEquals(64 + 24, request.height());
                    BufferedImage canvas = request.initImage().image();
                    BufferedImage out = engine.generate(request, null, null).images().get(0).image();
                    assertEquals(88, out.getWidth());
                    int keptChanged = 0;
                    int newChanged = 0;
                    int newPixels = 0;
                    for (int y = 0; y < 88; y++) {
                        for (int x = 0; x < 88; x++) {
                            boolean inSource = x >= 16 && x < 80 && y < 64;
                            boolean kept = x >= 16 + SEAM && x < 80 - SEAM && y < 64 - SEAM;
                            if (kept && out.getRGB(x, y) != src.getRGB(x - 16, y)) {
                                keptChanged++;
                            }
                            if (!inSource) {
                                newPixels++;
                                newChanged += out.getRGB(x, y) != canvas.getRGB(x, y) ? 1 : 0;
                            }
                        }
                    }
                    String what = model + ", " + content;
                    assertEquals(0, keptChanged, what + ": source pixels outside the seam changed");
                    assertTrue(newChanged > newPixels * 9 / 10, what + ": only " + newChanged + " of " + newPixels
                            + " new pixels were painted");
                }
            }
        }
    }

    @Test
    void theCanvasHoldsTheSourceAtItsOffsetAndRoundsToMultiplesOfEight() {
        BufferedImage odd = new BufferedImage(60, 76, BufferedImage.TYPE_INT_RGB);
        odd.setRGB(0, 0, 0x123456);
        odd.setRGB(59, 75, 0x654321);
        GenerationRequest request = new Outpaint(8, 0, 0, 0).applyTo(img2img(odd), BLUR, Inpaint.MaskedContent.FILL);
        // 60 + 8 = 68 rounds up to 72: the WebUI gives the 12 pixels to the side that grows; 76 gets 4 at the bottom.
        assertEquals(72, request.width());
        assertEquals(80, request.height());
        BufferedImage canvas = request.initImage().image();
        assertEquals(0x123456, canvas.getRGB(12, 0) & 0xffffff);
        assertEquals(0x654321, canvas.getRGB(71, 75) & 0xffffff);
        assertNull(img2img(odd).initImage().inpaint());
        assertEquals(Inpaint.Area.WHOLE_PICTURE, request.initImage().inpaint().area());
        BufferedImage mask = request.initImage().inpaint().mask();
        assertEquals(0xffffff, mask.getRGB(0, 40) & 0xffffff, "new area repainted");
        assertEquals(0xffffff, mask.getRGB(12 + 2 * BLUR - 1, 40) & 0xffffff, "seam repainted");
        assertEquals(0, mask.getRGB(12 + 2 * BLUR, 40) & 0xffffff, "source kept");
        assertEquals(0xffffff, mask.getRGB(40, 77) & 0xffffff, "the rounding's extra rows are new area");
    }

    @Test
    void badValuesSayWhatIsWrong() throws Exception {
        assertEquals("Outpainting left must be 0 or more pixels in steps of 8, got -8.",
                assertThrows(IllegalArgumentException.class, () -> new Outpaint(-8, 0, 0, 0)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Outpaint.parse("10,0,0,0"))
                .getMessage().contains("in steps of 8, got 10"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Outpaint.parse("0,0,0,0"))
                .getMessage().contains("at least one side"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Outpaint.parse("64,64"))
                .getMessage().contains("four numbers"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Outpaint.parse("a,0,0,0"))
                .getMessage().contains("'a' is not one"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Outpaint(0, 0, 0, 4096))
                .getMessage().contains("more than a picture can have (2048)"));
        IllegalArgumentException large = assertThrows(IllegalArgumentException.class,
                () -> new Outpaint(1024, 1024, 0, 0).applyTo(img2img(source()), BLUR, Inpaint.MaskedContent.FILL));
        assertTrue(large.getMessage().contains("2112 pixels wide (the source is 64); at most 2048"), large.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Outpaint(8, 0, 0, 0)
                .applyTo(GenerationRequest.builder("x").build(), BLUR, Inpaint.MaskedContent.FILL))
                .getMessage().contains("needs a source picture"));
        GenerationRequest masked = GenerationRequest.builder("x").size(64, 64).initImage(new InitImage(source(), 0.5,
                ResizeMode.JUST_RESIZE, Inpaint.of(source()))).build();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Outpaint(8, 0, 0, 0)
                .applyTo(masked, BLUR, Inpaint.MaskedContent.FILL)).getMessage().contains("makes its own mask"));
    }
}
