package org.sandpaint.engine;

import org.sandpaint.engine.image.ImageLoader;
import org.sandpaint.engine.image.Npy;
import org.sandpaint.engine.image.OutputFiles;
import org.sandpaint.engine.image.PngText;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The files a front end reads and writes: source pictures, PNGs with their parameters (the WebUI's
 * {@code parameters} text chunk) at names that never overwrite, and latents as NumPy files.
 */
public final class ImageFiles {

    /** The PNG text key the WebUI stores its infotext under. */
    private static final String PARAMETERS = "parameters";

    private ImageFiles() {
    }

    /**
     * A source picture (PNG, JPEG, BMP, GIF) as opaque RGB; the message of the exception says what is wrong
     * with the file and what to do.
     */
    public static BufferedImage loadPicture(Path file) throws IOException {
        return ImageLoader.loadRgb(file);
    }

    /**
     * Saves a PNG with its parameters at {@code wanted}, or at {@code name-1.png}, {@code name-2.png}, ... when
     * that is taken (missing folders are created). The file is written to a temporary name and renamed, so
     * it is never seen half-written, and nothing stays behind when saving fails (a full disk).
     *
     * @param parameters the infotext to store, or null for a picture without parameters (previews)
     * @return the path written
     */
    public static Path savePng(BufferedImage image, Infotext parameters, Path wanted) throws IOException {
        return savePng(image, parameters, wanted, 0).path();
    }

    /** A saved file and its number: 0 for the wanted name itself, N for {@code name-N.png}. */
    public record Saved(Path path, int number) {
    }

    /**
     * {@link #savePng(BufferedImage, Infotext, Path)} trying the numbers from {@code from} on: a job that saves
     * many pictures under one name passes the number after its last instead of trying every taken name again.
     */
    public static Saved savePng(BufferedImage image, Infotext parameters, Path wanted, int from) throws IOException {
        Map<String, String> text = parameters == null ? Map.of() : Map.of(PARAMETERS, parameters.format());
        OutputFiles.Claimed claimed = OutputFiles.save(wanted, from, stream -> PngText.encode(image, text, stream));
        return new Saved(claimed.path(), claimed.number());
    }

    /**
     * A PNG's bytes with these text chunks (the infotext under {@code "parameters"}), for front ends that send
     * pictures rather than save them.
     */
    public static byte[] pngBytes(BufferedImage image, Map<String, String> text) throws IOException {
        return PngText.encode(image, text);
    }

    /** Every text chunk of a PNG in memory; the exception's message names {@code what} when it is no PNG. */
    public static Map<String, String> pngText(byte[] png, String what) throws IOException {
        return PngText.read(png, what);
    }

    /** The parameters text stored in a PNG (ours or the WebUI's); empty when it has none. */
    public static Optional<String> readParameters(Path png) throws IOException {
        return Optional.ofNullable(PngText.read(png).get(PARAMETERS));
    }

    /**
     * Saves final latents ({@link GeneratedImage#latents()} of a {@code width} x {@code height} request) as a
     * float32 {@code .npy} of shape [1, 4, height/8, width/8], at a name that never overwrites.
     */
    public static Path saveLatents(float[] latents, int width, int height, Path wanted) throws IOException {
        return OutputFiles.save(wanted, stream -> Npy.writeFloat32(stream, latents, 1, 4, height / 8, width / 8));
    }
}
