package org.sandpaint.engine.image;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Source pictures have the colours an image viewer shows: grey+alpha PNGs and CMYK JPEGs against what
 * ImageMagick shows for them (src/test/resources/viewer-colors/make.sh made both the files and
 * expected.csv).
 */
class ImageLoaderColorTest {

    private static final Path DIR = Path.of("src/test/resources/viewer-colors");

    static Stream<Arguments> pictures() throws Exception {
        return Files.readAllLines(DIR.resolve("expected.csv")).stream().filter(l -> !l.isBlank()).map(line -> {
            String[] f = line.split(",");
            return Arguments.of(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pictures")
    void colourIsWhatAViewerShows(String file, int r, int g, int b) throws Exception {
        BufferedImage image = ImageLoader.loadRgb(DIR.resolve(file));
        int rgb = image.getRGB(2, 2);
        String seen = ((rgb >> 16) & 255) + "," + ((rgb >> 8) & 255) + "," + (rgb & 255);
        // JPEG's YCbCr rounding may differ by one between decoders.
        int tolerance = file.endsWith(".jpg") ? 1 : 0;
        assertEquals(r, (rgb >> 16) & 255, tolerance, seen);
        assertEquals(g, (rgb >> 8) & 255, tolerance, seen);
        assertEquals(b, rgb & 255, tolerance, seen);
    }
}
