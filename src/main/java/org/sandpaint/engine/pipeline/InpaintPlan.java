package org.sandpaint.engine.pipeline;

import org.sandpaint.engine.Inpaint;
import org.sandpaint.engine.InitImage;
import org.sandpaint.engine.image.Mask;
import org.sandpaint.engine.ResizeMode;
import org.sandpaint.engine.image.Resizer;

import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * What an inpainting run works on, following the WebUI: the picture and mask the model sees (the whole
 * source fitted to the target size, or only the masked region cropped with padding and scaled up), the
 * mask at latent size, and how the generated picture goes back: composited through the blurred mask so
 * that every pixel outside it is the source's own, pasted back into the full source for "only masked".
 */
final class InpaintPlan {

    private final BufferedImage source;
    private final BufferedImage picture;
    private final Mask modelMask;
    private final Mask overlay;
    private final Rectangle crop;

    private InpaintPlan(BufferedImage source, BufferedImage picture, Mask modelMask, Mask overlay, Rectangle crop) {
        this.source = source;
        this.picture = picture;
        this.modelMask = modelMask;
        this.overlay = overlay;
        this.crop = crop;
    }

    static InpaintPlan prepare(InitImage init, int width, int height, List<String> warnings) {
        Inpaint settings = init.inpaint();
        BufferedImage original = init.image();
        Mask mask = Mask.fromImage(settings.mask());
        if (mask.width() != original.getWidth() || mask.height() != original.getHeight()) {
            warnings.add("The mask is " + mask.width() + "x" + mask.height() + " but the image is "
                    + original.getWidth() + "x" + original.getHeight() + ": the mask was resized to fit.");
            mask = mask.resized(original.getWidth(), original.getHeight());
        }
        mask = mask.thresholded();
        if (settings.invertMask()) {
            mask = mask.inverted();
        }
        if (mask.isEmpty()) {
            throw new IllegalArgumentException("The mask is empty, so there is nothing to repaint: paint the area "
                    + "to change in white" + (settings.invertMask() ? " (or turn off \"inpaint not masked\")." : "."));
        }
        if (settings.area() == Inpaint.Area.ONLY_MASKED) {
            Mask blurred = mask.blurred(settings.maskBlur());
            Rectangle crop = expandToAspect(padded(blurred.bounds(), settings.padding(), original), width, height, original);
            BufferedImage picture = Resizer.fit(original.getSubimage(crop.x, crop.y, crop.width, crop.height),
                    width, height, ResizeMode.RESIZE_AND_FILL);
            Mask modelMask = Mask.fromImage(Resizer.fit(toImage(blurred.cropped(crop)), width, height,
                    ResizeMode.RESIZE_AND_FILL));
            return new InpaintPlan(original, picture, modelMask, blurred, crop);
        }
        BufferedImage picture = Resizer.fit(original, width, height, init.resizeMode());
        Mask fitted = Mask.fromImage(Resizer.fit(toImage(mask), width, height, init.resizeMode())).thresholded();
        Mask blurred = fitted.blurred(settings.maskBlur());
        return new InpaintPlan(picture, picture, blurred, blurred, null);
    }

    /** The picture at the target size that the model works on. */
    BufferedImage picture() {
        return picture;
    }

    /** The (soft) mask at the target size. */
    Mask modelMask() {
        return modelMask;
    }

    /** 1 for each latent pixel that is repainted, 0 for each that is kept. */
    float[] latentMask() {
        return modelMask.latent();
    }

    /** The picture with its masked part filled from the surroundings ("fill" masked content). */
    BufferedImage filledPicture() {
        return MaskFill.fill(picture, modelMask.thresholded());
    }

    /** The final picture: the generated one put back into the source through the blurred mask. */
    BufferedImage finish(BufferedImage generated) {
        if (crop == null) {
            return overlay.composite(source, generated);
        }
        BufferedImage pasted = copy(source);
        Graphics2D g = pasted.createGraphics();
        g.drawImage(Resizer.fit(generated, crop.width, crop.height, ResizeMode.CROP_AND_RESIZE), crop.x, crop.y, null);
        g.dispose();
        return overlay.composite(source, pasted);
    }

    /** The mask's bounds grown by {@code padding} on each side, kept inside the picture. */
    static Rectangle padded(Rectangle bounds, int padding, BufferedImage image) {
        int x1 = Math.max(bounds.x - padding, 0);
        int y1 = Math.max(bounds.y - padding, 0);
        int x2 = Math.min(bounds.x + bounds.width + padding, image.getWidth());
        int y2 = Math.min(bounds.y + bounds.height + padding, image.getHeight());
        return new Rectangle(x1, y1, x2 - x1, y2 - y1);
    }

    /** Grows the region to the target's aspect ratio, shifting it back inside the picture at the borders. */
    static Rectangle expandToAspect(Rectangle r, int width, int height, BufferedImage image) {
        int x1 = r.x;
        int y1 = r.y;
        int x2 = r.x + r.width;
        int y2 = r.y + r.height;
        double target = (double) width / height;
        if ((double) r.width / r.height > target) {
            int grow = (int) (r.width / target - r.height);
            y1 -= grow / 2;
            y2 += grow - grow / 2;
            if (y2 >= image.getHeight()) {
                int shift = y2 - image.getHeight();
                y2 -= shift;
                y1 -= shift;
            }
            if (y1 < 0) {
                y2 -= y1;
                y1 = 0;
            }
            y2 = Math.min(y2, image.getHeight());
        } else {
            int grow = (int) (r.height * target - r.width);
            x1 -= grow / 2;
            x2 += grow - grow / 2;
            if (x2 >= image.getWidth()) {
                int shift = x2 - image.getWidth();
                x2 -= shift;
                x1 -= shift;
            }
            if (x1 < 0) {
                x2 -= x1;
                x1 = 0;
            }
            x2 = Math.min(x2, image.getWidth());
        }
        return new Rectangle(x1, y1, x2 - x1, y2 - y1);
    }

    private static BufferedImage toImage(Mask mask) {
        BufferedImage out = new BufferedImage(mask.width(), mask.height(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < mask.height(); y++) {
            for (int x = 0; x < mask.width(); x++) {
                int v = Math.round(mask.values()[y * mask.width() + x] * 255f);
                out.setRGB(x, y, (v << 16) | (v << 8) | v);
            }
        }
        return out;
    }

    private static BufferedImage copy(BufferedImage image) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return out;
    }
}
