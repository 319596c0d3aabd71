package org.sandpaint.engine.checkpoint.vae;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Which VAE decodes a checkpoint's pictures, as the WebUI's setting offers it: Automatic (a VAE named
 * after the checkpoint if there is one, else the checkpoint's own), None (always the checkpoint's own),
 * or a chosen file.
 */
public record VaeChoice(Kind kind, Path file) {

    public enum Kind { AUTOMATIC, MODELS_OWN, FILE }

    public static final VaeChoice AUTOMATIC = new VaeChoice(Kind.AUTOMATIC, null);
    public static final VaeChoice MODELS_OWN = new VaeChoice(Kind.MODELS_OWN, null);

    public VaeChoice {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.FILE) != (file != null)) {
            throw new IllegalArgumentException("A VAE file choice needs a file, and only it has one");
        }
    }

    public static VaeChoice file(Path file) {
        return new VaeChoice(Kind.FILE, file);
    }
}
