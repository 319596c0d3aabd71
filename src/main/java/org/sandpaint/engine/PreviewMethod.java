package org.sandpaint.engine;

/** How the live preview is made (the WebUI's names). */
public enum PreviewMethod {
    /** Decode the current estimate with the VAE at each checkpoint, the cheap approximation in between. */
    FULL("Full"),
    /** Only the cheap 4-to-3 linear map of the latents: nearly free, blurry and at 1/8 size. */
    APPROX_CHEAP("Approx cheap");

    private final String displayName;

    PreviewMethod(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    @Override
    public String toString() {
        return displayName;
    }
}
