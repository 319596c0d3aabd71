package org.sandpaint.studio;

import com.fasterxml.jackson.core.type.TypeReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Every finished picture with the parameters that made it, newest last, persisted as JSON in the user's
 * data folder. The pictures themselves stay in the output folder; an entry whose file was deleted
 * outside the studio is dropped on load.
 */
public final class History {

    /** One picture: its file and its WebUI-style parameters text. */
    public record Entry(String file, String parameters, long createdMillis) {
    }

    static final TypeReference<List<Entry>> ENTRIES = new TypeReference<>() { };

    private static final Logger LOG = LoggerFactory.getLogger(History.class);

    private final Path store;
    private final List<Entry> entries = new ArrayList<>();

    public History(Path store) {
        this.store = store;
        if (Files.isRegularFile(store)) {
            try {
                List<Entry> loaded = JsonFiles.JSON.readValue(store.toFile(), ENTRIES);
                loaded.stream().filter(e -> Files.isRegularFile(Path.of(e.file()))).forEach(entries::add);
            } catch (IOException e) {
                LOG.warn("Ignoring unreadable history {} ({}); it will be rewritten from now on.", store, e.getMessage());
            }
        }
    }

    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    public synchronized void add(Entry entry) throws IOException {
        entries.add(entry);
        JsonFiles.writeAtomically(store, entries);
    }

    /** Removes the entry and deletes its picture. */
    public synchronized void delete(Entry entry) throws IOException {
        entries.remove(entry);
        Files.deleteIfExists(Path.of(entry.file()));
        JsonFiles.writeAtomically(store, entries);
    }
}
