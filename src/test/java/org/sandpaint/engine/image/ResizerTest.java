package org.sandpaint.engine.image;

import org.sandpaint.engine.ResizeMode;
import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The WebUI's three resize modes on a picture twice as wide as the target's shape. */
class ResizerTest {

    /** 200 x 100: left half red, right half blue. */
    private static BufferedImage wide() {
        BufferedImage image = new BufferedImage(200, 100, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 100, 100);
        g.setColor(Color.BLUE);
        g.fillRect(100, 0, 100, 100);
        g.dispose();
        return image;
    }

    private static int rgb(BufferedImage image, int x, int y) {
        return image.getRGB(x, y) & 0xFFFFFF;
    }

    @Test
    void justResizeStretches() {
        BufferedImage out = Resizer.fit(wide(), 64, 64, ResizeMode.JUST_RESIZE);
        assertEquals(64, out.getWidth());
        assertEquals(0xFF0000, rgb(out, 2, 32));
        assertEquals(0x0000FF, rgb(out, 61, 32));
    }

    @Test
    void cropAndResizeCutsTheSides() {
        // Scaled to 128 x 64 and centred: columns 32..95 of it survive, half red, half blue.
        BufferedImage out = Resizer.fit(wide(), 64, 64, ResizeMode.CROP_AND_RESIZE);
        assertEquals(64, out.getHeight());
        assertEquals(0xFF0000, rgb(out, 2, 2));
        assertEquals(0x0000FF, rgb(out, 61, 61));
    }

    @Test
    void resizeAndFillStretchesTheEdgesIntoTheBands() {
        // Scaled to 64 x 32, centred at rows 16..47; the bands repeat the first and last rows.
        BufferedImage out = Resizer.fit(wide(), 64, 64, ResizeMode.RESIZE_AND_FILL);
        assertEquals(0xFF0000, rgb(out, 2, 0));
        assertEquals(0x0000FF, rgb(out, 61, 63));
        assertEquals(rgb(out, 10, 16), rgb(out, 10, 3));
    }

    @Test
    void parsesCliNames() {
        assertEquals(ResizeMode.CROP_AND_RESIZE, ResizeMode.parse("crop"));
        assertEquals(ResizeMode.RESIZE_AND_FILL, ResizeMode.parse("Resize and fill"));
        assertThrows(IllegalArgumentException.class, () -> ResizeMode.parse("zoom"));
    }
}
