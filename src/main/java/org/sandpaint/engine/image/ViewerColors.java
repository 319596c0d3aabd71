package org.sandpaint.engine.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;

/**
 * Pixels as an image viewer shows them, where Java's own conversion differs.
 *
 * <ul>
 *   <li>Grey PNGs: Java gives grey (with alpha) a linear colour space, so drawing it as sRGB brightens
 *       it (grey 150 became 202). Viewers take grey samples as already in display encoding, like RGB.
 *   <li>CMYK JPEGs (Adobe, as Photoshop and ImageMagick write them): Java's reader converts them through a
 *       profile of its own and the colours come out washed out. Here the ink values are converted the
 *       way viewers without a colour profile do: {@code R = 255 (1 - C)(1 - K)}, and so on.
 * </ul>
 * Transparency is composited on white, as everywhere in {@link ImageLoader}.
 */
final class ViewerColors {

    private ViewerColors() {
    }

    static boolean isGrey(BufferedImage image) {
        return image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY;
    }

    /** A grey or grey+alpha picture (8 or 16 bits) as opaque RGB on white, samples taken as display values. */
    static BufferedImage greyToRgb(BufferedImage image) {
        Raster raster = image.getRaster();
        boolean alpha = raster.getNumBands() > 1;
        double greyMax = (1 << raster.getSampleModel().getSampleSize(0)) - 1;
        double alphaMax = alpha ? (1 << raster.getSampleModel().getSampleSize(1)) - 1 : 1;
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                double v = raster.getSample(x, y, 0) / greyMax * 255;
                double a = alpha ? raster.getSample(x, y, 1) / alphaMax : 1;
                int g = (int) Math.round(v * a + 255 * (1 - a));
                out.setRGB(x, y, (g << 16) | (g << 8) | g);
            }
        }
        return out;
    }

    /**
     * A 4-channel JPEG's raw samples as RGB.
     *
     * @param ycck Adobe transform 2: the first three channels are YCbCr-encoded; otherwise plain CMYK
     * Both as Adobe stores them: inverted (255 = no ink).
     */
    static BufferedImage cmykToRgb(Raster raster, boolean ycck) {
        BufferedImage out = new BufferedImage(raster.getWidth(), raster.getHeight(), BufferedImage.TYPE_INT_RGB);
        int[] px = new int[4];
        for (int y = 0; y < raster.getHeight(); y++) {
            for (int x = 0; x < raster.getWidth(); x++) {
                raster.getPixel(raster.getMinX() + x, raster.getMinY() + y, px);
                double c;
                double m;
                double ye;
                if (ycck) {
                    // JPEG's YCbCr to RGB gives 255 - the stored (inverted) C, M, Y.
                    double luma = px[0];
                    double cb = px[1] - 128.0;
                    double cr = px[2] - 128.0;
                    c = 255 - clamp(luma + 1.402 * cr);
                    m = 255 - clamp(luma - 0.344136 * cb - 0.714136 * cr);
                    ye = 255 - clamp(luma + 1.772 * cb);
                } else {
                    c = px[0];
                    m = px[1];
                    ye = px[2];
                }
                double k = px[3] / 255.0; // stored inverted: (1 - ink) already
                int r = (int) Math.round(c * k);
                int g = (int) Math.round(m * k);
                int b = (int) Math.round(ye * k);
                out.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return out;
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(255, v));
    }
}
