package org.sandpaint.engine;

import java.util.Locale;

/** The WebUI's ways of fitting a source picture to the target size. */
public enum ResizeMode {
    /** Stretch to the target size, ignoring the aspect ratio. */
    JUST_RESIZE("Just resize", "just"),
    /** Scale to cover the target, centre it and cut what sticks out. */
    CROP_AND_RESIZE("Crop and resize", "crop"),
    /** Scale to fit inside the target, centre it and fill the bands by stretching the picture's edges. */
    RESIZE_AND_FILL("Resize and fill", "fill");

    private final String displayName;
    private final String slug;

    ResizeMode(String displayName, String slug) {
        this.displayName = displayName;
        this.slug = slug;
    }

    public String displayName() {
        return displayName;
    }

    public static ResizeMode parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        for (ResizeMode m : values()) {
            if (m.slug.equals(s) || m.displayName.toLowerCase(Locale.ROOT).equals(s)) {
                return m;
            }
        }
        throw new IllegalArgumentException("Unknown resize mode '" + text + "': use just, crop or fill.");
    }

    @Override
    public String toString() {
        return displayName;
    }
}
