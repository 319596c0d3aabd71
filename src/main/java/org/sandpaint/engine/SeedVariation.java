package org.sandpaint.engine;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The WebUI's variation seed options. With a strength above 0 the seed's noise is blended (slerp) toward
 * the noise of a second seed, so nearby pictures can be explored; "resize seed from" draws the seed's
 * noise as if the picture had another size and centres it, so a picture keeps its look at a new size.
 * As in the WebUI, a job with a strength above 0 gives every image the same seed and image k the
 * variation seed {@code subseed + k}.
 *
 * @param subseed          the variation seed, or -1 for a random one
 * @param strength         0 = the seed's own noise (off), 1 = the variation seed's noise
 * @param resizeFromWidth  the width to draw the seed's noise at, or 0 (off); needs a height too
 * @param resizeFromHeight the height to draw the seed's noise at, or 0 (off); needs a width too
 */
public record SeedVariation(long subseed, double strength, int resizeFromWidth, int resizeFromHeight) {

    private static final Pattern SIZE = Pattern.compile("(-?\\d{1,5})\\s*[xX]\\s*(-?\\d{1,5})");

    /** No variation: the seed's own noise at the picture's size. */
    public static final SeedVariation NONE = new SeedVariation(Parameters.SUBSEED.defaultValue(),
            Parameters.SUBSEED_STRENGTH.defaultValue(), Parameters.SEED_RESIZE_FROM_WIDTH.defaultValue(),
            Parameters.SEED_RESIZE_FROM_HEIGHT.defaultValue());

    public SeedVariation {
        Parameters.SUBSEED.check(subseed);
        Parameters.SUBSEED_STRENGTH.check(strength);
        Parameters.SEED_RESIZE_FROM_WIDTH.check(resizeFromWidth);
        Parameters.SEED_RESIZE_FROM_HEIGHT.check(resizeFromHeight);
        if ((resizeFromWidth == 0) != (resizeFromHeight == 0)) {
            throw new IllegalArgumentException("Resize seed from needs both a width and a height (or neither), got "
                    + resizeFromWidth + "x" + resizeFromHeight + ".");
        }
    }

    /** A strength above 0: the noise is blended toward the variation seed's. */
    public boolean varies() {
        return strength != 0;
    }

    /** The seed's noise is drawn at another size. */
    public boolean resizes() {
        return resizeFromWidth > 0 && resizeFromHeight > 0;
    }

    public SeedVariation withSubseed(long value) {
        return new SeedVariation(value, strength, resizeFromWidth, resizeFromHeight);
    }

    /**
     * Reads {@code WxH} as the WebUI writes "Seed resize from" ({@code 512x768}); "", "0x0" and the
     * {@code -1x-1} that WebUI versions before 1.6 wrote for its API's default are off ({0, 0}).
     */
    public static int[] parseSize(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            return new int[] {0, 0};
        }
        Matcher m = SIZE.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("Seed resize from must be WIDTHxHEIGHT, e.g. 512x768, got '" + text + "'.");
        }
        int width = Integer.parseInt(m.group(1));
        int height = Integer.parseInt(m.group(2));
        return width <= 0 || height <= 0 ? new int[] {0, 0} : new int[] {width, height};
    }
}
