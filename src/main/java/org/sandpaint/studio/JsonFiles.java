package org.sandpaint.studio;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

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
            JSON.readValue("[{\"file\":\"\",\"parameters\":\"\",\"createdMillis\":0}]", History.ENTRIES);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // cannot happen with these constants
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
