package org.sandpaint.studio;

/** What the Generate button does. */
public enum Mode {
    TEXT_TO_IMAGE("Text to image"), IMAGE_TO_IMAGE("Image to image"), INPAINT("Inpaint");

    private final String displayName;

    Mode(String displayName) {
        this.displayName = displayName;
    }

    @Override
    public String toString() {
        return displayName;
    }
}
