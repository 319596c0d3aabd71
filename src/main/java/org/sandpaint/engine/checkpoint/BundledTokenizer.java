package org.sandpaint.engine.checkpoint;

import org.sandpaint.engine.ModelException;
import org.sandpaint.engine.text.ClipTokenizer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The CLIP BPE tokenizer that ships inside Sandpaint, for checkpoints (single files carry none). SD 1.x
 * and 2.x share the vocabulary; they differ in the padding token: SD 1.x pads with
 * {@code <|endoftext|>}, SD 2.x with {@code !} (id 0), as the WebUI's OpenCLIP wrapper does.
 */
public final class BundledTokenizer {

    private static final String RESOURCES = "clip-tokenizer/";

    private BundledTokenizer() {
    }

    public static ClipTokenizer load(CheckpointFamily family) throws ModelException {
        Path dir = null;
        try {
            // The tokenizer reads a folder; a temporary one is removed as soon as it has been read.
            dir = Files.createTempDirectory("sandpaint-tokenizer");
            copy("vocab.json", dir);
            copy("merges.txt", dir);
            String pad = family == CheckpointFamily.SD2 ? "!" : "<|endoftext|>";
            Files.writeString(dir.resolve("special_tokens_map.json"), "{\"pad_token\": \"" + pad + "\"}");
            return ClipTokenizer.load(dir);
        } catch (IOException e) {
            throw new ModelException("Cannot load Sandpaint's bundled CLIP tokenizer: " + e.getMessage()
                    + ". The installation may be damaged: reinstall Sandpaint.", e);
        } finally {
            deleteQuietly(dir);
        }
    }

    private static void copy(String name, Path dir) throws IOException {
        try (InputStream in = BundledTokenizer.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IOException(name + " is missing from the application");
            }
            Files.copy(in, dir.resolve(name));
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary folder is harmless.
        }
    }
}
