package org.sandpaint.engine.image;

import org.sandpaint.engine.ResizeMode;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** Fits a picture to a target size with the WebUI's resize modes (images.resize_image). */
public final class Resizer {

    private Resizer() {
    }

    public static BufferedImage fit(BufferedImage image, int width, int height, ResizeMode mode) {
        int w = image.getWidth();
        int h = image.getHeight();
        double ratio = (double) width / height;
        double sourceRatio = (double) w / h;
        return switch (mode) {
            case JUST_RESIZE -> scale(image, width, height);
            case CROP_AND_RESIZE -> {
                int sw = ratio > sourceRatio ? width : w * height / h;
                int sh = ratio <= sourceRatio ? height : h * width / w;
                yield centred(scale(image, sw, sh), width, height);
            }
            case RESIZE_AND_FILL -> {
                int sw = ratio < sourceRatio ? width : w * height / h;
                int sh = ratio >= sourceRatio ? height : h * width / w;
                yield filled(scale(image, sw, sh), width, height);
            }
        };
    }

    /** High-quality scaling: halves in steps while shrinking by more than 2x, then bicubic. */
    static BufferedImage scale(BufferedImage image, int width, int height) {
        BufferedImage current = image;
        while (current.getWidth() / 2 >= width && current.getHeight() / 2 >= height) {
            current = draw(current, current.getWidth() / 2, current.getHeight() / 2);
        }
        return current.getWidth() == width && current.getHeight() == height && current != image
                ? current : draw(current, width, height);
    }

    private static BufferedImage draw(BufferedImage image, int width, int height) {
        BufferedImage out = new BufferedImage(Math.max(1, width), Math.max(1, height), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(image, 0, 0, out.getWidth(), out.getHeight(), null);
        g.dispose();
        return out;
    }

    /** The picture centred on a canvas of the target size; overflow is cut. */
    private static BufferedImage centred(BufferedImage image, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(image, width / 2 - image.getWidth() / 2, height / 2 - image.getHeight() / 2, null);
        g.dispose();
        return out;
    }

    /** Centred, with the empty bands filled by repeating the picture's outermost rows or columns. */
    private static BufferedImage filled(BufferedImage image, int width, int height) {
        BufferedImage out = centred(image, width, height);
        int x0 = width / 2 - image.getWidth() / 2;
        int y0 = height / 2 - image.getHeight() / 2;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int sx = Math.min(Math.max(x - x0, 0), image.getWidth() - 1);
                int sy = Math.min(Math.max(y - y0, 0), image.getHeight() - 1);
                if (sx != x - x0 || sy != y - y0) {
                    out.setRGB(x, y, image.getRGB(sx, sy));
                }
            }
        }
        return out;
    }
}
