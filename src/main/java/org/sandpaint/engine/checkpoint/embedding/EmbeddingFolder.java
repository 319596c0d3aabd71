package org.sandpaint.engine.checkpoint.embedding;

import org.sandpaint.engine.ModelException;
import org.sandpaint.engine.text.TextualInversion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The embeddings folder, read as the WebUI reads it: every {@code .safetensors}, {@code .pt} and
 * {@code .bin} file below it (empty files skipped), named by file stem. A file that cannot be read, and one
 * made for a text encoder of another width (another model family), is left out and listed in
 * {@link Loaded#problems()}; the others still load.
 */
public final class EmbeddingFolder {

    /**
     * @param embeddings by name, sorted
     * @param files      where each came from (for its hash in the infotext)
     * @param problems   one sentence per file left out
     */
    public record Loaded(Map<String, TextualInversion> embeddings, Map<String, Path> files, List<String> problems) {
        public Loaded {
            embeddings = Map.copyOf(embeddings);
            files = Map.copyOf(files);
            problems = List.copyOf(problems);
        }

        public static final Loaded NONE = new Loaded(Map.of(), Map.of(), List.of());
    }

    private EmbeddingFolder() {
    }

    /**
     * @param expectedWidth the model's token width (768 for SD 1.x, 1024 for SD 2.x); 0 accepts any
     */
    public static Loaded load(Path dir, int expectedWidth) throws ModelException {
        if (!Files.isDirectory(dir)) {
            return Loaded.NONE;
        }
        Map<String, TextualInversion> embeddings = new TreeMap<>();
        Map<String, Path> files = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (Path file : candidates(dir)) {
            try {
                TextualInversion embedding = EmbeddingFile.load(file);
                if (expectedWidth > 0 && embedding.width() != expectedWidth) {
                    problems.add("The embedding " + file.getFileName() + " was skipped: its vectors are "
                            + embedding.width() + " wide, this model's are " + expectedWidth
                            + " (it was made for another model family).");
                    continue;
                }
                embeddings.put(embedding.name(), embedding);
                files.put(embedding.name(), file);
            } catch (ModelException e) {
                problems.add(e.getMessage());
            }
        }
        return new Loaded(embeddings, files, problems);
    }

    private static List<Path> candidates(Path dir) throws ModelException {
        try (Stream<Path> walk = Files.walk(dir, FileVisitOption.FOLLOW_LINKS)) {
            return walk.filter(Files::isRegularFile).filter(EmbeddingFolder::isEmbeddingFile).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new ModelException("Cannot read the embeddings folder " + dir + ": " + e.getMessage(), e);
        }
    }

    private static boolean isEmbeddingFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            return (name.endsWith(".safetensors") || name.endsWith(".pt") || name.endsWith(".bin")) && Files.size(file) > 0;
        } catch (IOException e) {
            return false;
        }
    }
}
