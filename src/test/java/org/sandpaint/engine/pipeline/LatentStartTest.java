package org.sandpaint.engine.pipeline;

import org.junit.jupiter.api.Test;
import org.sandpaint.engine.GenerationRequest;
import org.sandpaint.engine.InitImage;
import org.sandpaint.engine.Inpaint;
import org.sandpaint.engine.ResizeMode;

import java.awt.image.BufferedImage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** The mode of a request picks its latent start; the pictures themselves are checked by the conformance tests. */
class LatentStartTest {

    private static final BufferedImage PICTURE = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);

    @Test
    void eachModeHasItsStart() {
        GenerationRequest text = GenerationRequest.builder("a cat").size(64, 64).build();
        InitImage source = new InitImage(PICTURE, 0.6, ResizeMode.JUST_RESIZE);
        InitImage masked = new InitImage(PICTURE, 0.6, ResizeMode.JUST_RESIZE, new Inpaint(PICTURE, 4, false,
                Inpaint.MaskedContent.ORIGINAL, Inpaint.Area.WHOLE_PICTURE, 32));
        assertInstanceOf(TextStart.class, LatentStart.forRequest(text, 4));
        assertInstanceOf(ImageStart.class, LatentStart.forRequest(text.toBuilder().initImage(source).build(), 4));
        assertInstanceOf(InpaintStart.class, LatentStart.forRequest(text.toBuilder().initImage(masked).build(), 9));
    }

    /** diffusers' img2img: {@code init_timestep = min(int(steps * strength), steps)}, the rest skipped. */
    @Test
    void strengthSkipsTheFirstSteps() {
        InitImage source = new InitImage(PICTURE, 0.6, ResizeMode.JUST_RESIZE);
        assertEquals(0, new TextStart().skippedSteps(20));
        assertEquals(8, new ImageStart(source).skippedSteps(20)); // int(20 * 0.6) = 12 run
        assertEquals(20, ImageStart.skipped(20, 0.0));
        assertEquals(0, ImageStart.skipped(20, 1.0));
        assertEquals(7, ImageStart.skipped(10, 0.3)); // 10 * 0.3 = 3.0000000000000004 in doubles: 3 run
    }
}
