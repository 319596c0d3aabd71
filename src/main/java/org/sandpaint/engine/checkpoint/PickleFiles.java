package org.sandpaint.engine.checkpoint;

import org.sandpaint.engine.ModelException;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Pickle files ({@code .ckpt}, {@code .pt}, {@code .bin}, {@code .pth}) are Python programs as much as data:
 * loading one with Python's pickle can run any code its author wrote. Sandpaint never does that. Checkpoints
 * and VAEs must be {@code .safetensors}; only textual-inversion embeddings, which are tiny and common as
 * {@code .pt}, are read, and then only through {@link org.sandpaint.engine.checkpoint.embedding.RestrictedUnpickler}.
 */
public final class PickleFiles {

    private PickleFiles() {
    }

    /** True for the file names PyTorch writes pickles under. */
    public static boolean isPickle(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".ckpt") || name.endsWith(".pt") || name.endsWith(".pth") || name.endsWith(".bin");
    }

    /** The refusal for a pickle checkpoint, to throw where a model file is opened. */
    public static ModelException refuseCheckpoint(Path file) {
        return new ModelException(file.getFileName() + " is a pickle checkpoint. Sandpaint does not run pickle "
                + "checkpoints (loading one can run any code in it); use the .safetensors version of this model.");
    }

    /** The refusal for a pickle VAE file. */
    public static ModelException refuseVae(Path file) {
        return new ModelException("Sandpaint does not load pickle VAE files (" + extension(file) + "): they can run "
                + "code. Use the .safetensors version of this VAE (" + file.getFileName() + ").");
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(dot).toLowerCase(Locale.ROOT);
    }
}
