package org.sandpaint.engine;

import java.awt.image.BufferedImage;
import java.util.Locale;

/**
 * Inpainting settings (the WebUI's names and defaults): which part of the source to repaint and how.
 *
 * @param mask          white = repaint, black = keep; any greyscale or alpha, thresholded at half
 * @param maskBlur      Gaussian blur of the mask edge in pixels (default 4)
 * @param invertMask    "Inpaint not masked": repaint everything except the white part
 * @param maskedContent what the repainted area starts from
 * @param area          the whole picture at the target size, or only the masked part at full resolution
 * @param padding       pixels of context around the mask for {@link Area#ONLY_MASKED} (default 32)
 */
public record Inpaint(BufferedImage mask, int maskBlur, boolean invertMask, MaskedContent maskedContent, Area area,
                      int padding) {

    public Inpaint {
        if (mask == null) {
            throw new IllegalArgumentException("Inpainting needs a mask: paint the area to repaint in white.");
        }
        Parameters.MASK_BLUR.check(maskBlur);
        Parameters.INPAINT_PADDING.check(padding);
        maskedContent = maskedContent == null ? Parameters.MASKED_CONTENT.defaultValue() : maskedContent;
        area = area == null ? Parameters.INPAINT_AREA.defaultValue() : area;
    }

    /** The defaults of {@link Parameters}: blur 4, inpaint masked, original content, whole picture, padding 32. */
    public static Inpaint of(BufferedImage mask) {
        return new Inpaint(mask, Parameters.MASK_BLUR.defaultValue(), Parameters.INVERT_MASK.defaultValue(),
                Parameters.MASKED_CONTENT.defaultValue(), Parameters.INPAINT_AREA.defaultValue(),
                Parameters.INPAINT_PADDING.defaultValue());
    }

    /** What the masked area starts from. */
    public enum MaskedContent {
        FILL("fill"), ORIGINAL("original"), LATENT_NOISE("latent noise"), LATENT_NOTHING("latent nothing");

        private final String displayName;

        MaskedContent(String displayName) {
            this.displayName = displayName;
        }

        public String displayName() {
            return displayName;
        }

        @Override
        public String toString() {
            return displayName;
        }

        public static MaskedContent parse(String text) {
            String s = text.trim().toLowerCase(Locale.ROOT).replace('_', ' ');
            for (MaskedContent c : values()) {
                if (c.displayName.equals(s) || c.displayName.endsWith(" " + s)) {
                    return c;
                }
            }
            throw new IllegalArgumentException("Unknown masked content '" + text + "': use original, fill, noise or nothing.");
        }
    }

    /** Which part of the picture the model sees. */
    public enum Area {
        WHOLE_PICTURE("Whole picture", "whole"), ONLY_MASKED("Only masked", "masked");

        private final String displayName;
        private final String slug;

        Area(String displayName, String slug) {
            this.displayName = displayName;
            this.slug = slug;
        }

        public String displayName() {
            return displayName;
        }

        @Override
        public String toString() {
            return displayName;
        }

        public static Area parse(String text) {
            String s = text.trim().toLowerCase(Locale.ROOT);
            for (Area a : values()) {
                if (a.slug.equals(s) || a.displayName.toLowerCase(Locale.ROOT).equals(s)) {
                    return a;
                }
            }
            throw new IllegalArgumentException("Unknown inpaint area '" + text + "': use whole or masked.");
        }
    }
}
