package org.sandpaint.plot;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The grid's layout without a model: boxes, centring, blanks and label bands. */
class GridImageTest {

    private static BufferedImage solid(int w, int h, int rgb) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        return image;
    }

    @Test
    void cellsOfDifferentSizesAreCentredInTheLargestBoxAndMissingOnesAreBlank() {
        List<BufferedImage> cells = Arrays.asList(solid(64, 64, 0xff0000), solid(32, 48, 0x00ff00), null);
        BufferedImage grid = GridImage.draw(cells, List.of("", "", ""), List.of(""), List.of(""));
        assertEquals(3 * 64, grid.getWidth(), "no labels, no bands");
        assertEquals(64, grid.getHeight());
        assertEquals(0xff0000, grid.getRGB(10, 10) & 0xffffff);
        assertEquals(0x00ff00, grid.getRGB(64 + 16, 8) & 0xffffff, "centred: 16 px in, 8 px down");
        assertEquals(0xffffff, grid.getRGB(64 + 15, 8) & 0xffffff, "around a smaller cell: white");
        assertEquals(0xffffff, grid.getRGB(64 + 16, 7) & 0xffffff);
        int blank = grid.getRGB(2 * 64 + 10, 10) & 0xffffff;
        assertNotEquals(0xffffff, blank, "a cell not rendered is not mistaken for a white picture");
    }

    @Test
    void zTitlesSitAboveSideBySideSubGrids() {
        List<BufferedImage> cells = Arrays.asList(solid(64, 64, 0x0000ff), solid(64, 64, 0x00ffff));
        BufferedImage grid = GridImage.draw(cells, List.of("Steps: 1"), List.of(""), List.of("Euler a", "DDIM"));
        int top = grid.getHeight() - 64;
        assertEquals(2 * 64, grid.getWidth());
        assertEquals(0x0000ff, grid.getRGB(5, top + 5) & 0xffffff);
        assertEquals(0x00ffff, grid.getRGB(64 + 5, top + 5) & 0xffffff);
        // two bands: the Z titles, then the X labels; each at least a 12 px line with its spacing
        org.junit.jupiter.api.Assertions.assertTrue(top >= 2 * (GridImage.MIN_FONT + GridImage.MIN_FONT), "bands " + top);
    }
}
