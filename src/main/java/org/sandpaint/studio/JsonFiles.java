package org.sandpaint.studio;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.InvalidPathException;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Reads and writes the studio's JSON files. Writes go to a temporary file that replaces the target in one
 * atomic move, so a crash mid-write never leaves a half file (and never loses the user's history).
 */
final class JsonFiles {

    static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private JsonFiles() {
    }

    /**
     * Builds Jackson's readers for the settings and history ahead of use. Called on a spare thread while
     * JavaFX starts, it takes ~0.5 s of class loading and introspection off the way to the first window.
     */
    static void warmUp() {
        try {
            JSON.readValue("{}", StudioSettings.class);
            JSON.readTree("[{\"file\":\"\",\"parameters\":\"\",\"createdMillis\":0}]");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // cannot happen with these constants
        }
    }

    /**
     * Moves a damaged file aside as {@code NAME.bad-<time>} so the user keeps it (and can mend it) while the
     * studio starts over with what it could read; returns the new name.
     */
    static Path moveAside(Path file) throws IOException {
        String time = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path aside = file.resolveSibling(file.getFileName() + ".bad-" + time);
        for (int i = 2; Files.exists(aside); i++) {
            aside = file.resolveSibling(file.getFileName() + ".bad-" + time + "-" + i);
        }
        return Files.move(file, aside);
    }

    /** A path from a JSON text field, or empty when it is no path at all (a NUL character, for one). */
    static Optional<Path> path(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(text));
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    static void writeAtomically(Path file, Object value) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), ".tmp");
        try {
            JSON.writeValue(temp.toFile(), value);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
