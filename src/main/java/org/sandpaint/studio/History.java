package org.sandpaint.studio;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Every finished picture with the parameters that made it, newest last, persisted as JSON in the user's
 * data folder. The pictures themselves stay in the output folder; an entry whose file was deleted outside
 * the studio is dropped on reading.
 *
 * <p>Nothing in the file is lost to a bad entry: entries that cannot be read are left out, the damaged
 * file is moved aside ({@code history.json.bad-<time>}) and the good entries are written back; the
 * warnings consumer tells the user. Two studios on one data folder merge: each change takes a file lock
 * ({@code history.json.lock}), reads the file again, applies the one change and writes it back, so
 * neither overwrites the other's pictures.
 */
public final class History {

    /** One picture: its file and its WebUI-style parameters text. */
    public record Entry(String file, String parameters, long createdMillis) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(History.class);

    private final Path store;
    private final Path lockFile;
    private final Consumer<String> warnings;
    private List<Entry> entries = List.of();

    /** @param warnings told (in words for the user) when the file was damaged or cannot be written */
    public History(Path store, Consumer<String> warnings) {
        this.store = store.toAbsolutePath();
        this.lockFile = this.store.resolveSibling(this.store.getFileName() + ".lock");
        this.warnings = warnings;
        if (Files.exists(this.store)) {
            try {
                entries = locked(() -> read(true));
            } catch (IOException e) {
                // No lock (a read-only data folder, say): show what can be read, change nothing.
                warnings.accept("The history in " + store + " cannot be updated (" + e.getMessage()
                        + "); new pictures are still saved in the output folder.");
                try {
                    entries = read(false);
                } catch (IOException unreadable) {
                    entries = List.of();
                }
            }
        }
    }

    /** A history that only logs its warnings (tests, tools). */
    public History(Path store) {
        this(store, warning -> LOG.warn(warning));
    }

    public synchronized List<Entry> entries() {
        return entries;
    }

    /** Adds a picture, keeping whatever another studio added to the file meanwhile. */
    public synchronized void add(Entry entry) throws IOException {
        entries = locked(() -> {
            List<Entry> merged = new ArrayList<>(read(true));
            if (merged.stream().noneMatch(e -> e.file().equals(entry.file()))) {
                merged.add(entry);
            }
            JsonFiles.writeAtomically(store, merged);
            return List.copyOf(merged);
        });
    }

    /** Removes the entry and deletes its picture. */
    public synchronized void delete(Entry entry) throws IOException {
        Files.deleteIfExists(Path.of(entry.file()));
        entries = locked(() -> {
            List<Entry> merged = new ArrayList<>(read(true));
            merged.removeIf(e -> e.file().equals(entry.file()));
            JsonFiles.writeAtomically(store, merged);
            return List.copyOf(merged);
        });
    }

    private interface Work<T> {
        T run() throws IOException;
    }

    /** Runs {@code work} holding the history's file lock, which other studios' writes wait for. */
    private <T> T locked(Work<T> work) throws IOException {
        Files.createDirectories(store.getParent());
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            return work.run();
        } catch (OverlappingFileLockException e) {
            throw new IOException("another window of this program is writing " + store.getFileName(), e);
        }
    }

    /** The entries on disk; with {@code repair}, a damaged file is moved aside and its good entries written back. */
    private List<Entry> read(boolean repair) throws IOException {
        if (!Files.exists(store)) {
            return List.of();
        }
        List<Entry> good = new ArrayList<>();
        int damaged = 0;
        JsonNode root;
        try {
            root = JsonFiles.JSON.readTree(store.toFile());
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            root = null;
        }
        if (root != null && root.isArray()) {
            for (JsonNode node : root) {
                Optional<Entry> entry = entry(node);
                if (entry.isEmpty()) {
                    damaged++;
                } else if (Files.isRegularFile(Path.of(entry.get().file()))) {
                    good.add(entry.get());
                }
            }
        } else if (root != null && root.isMissingNode()) {
            return List.of(); // an empty file: nothing to keep, nothing to repair
        } else {
            damaged = 1;
        }
        if (damaged > 0 && repair) {
            Path aside = JsonFiles.moveAside(store);
            JsonFiles.writeAtomically(store, good);
            warnings.accept("The history file was damaged: " + (root != null && root.isArray()
                    ? damaged + " entr" + (damaged == 1 ? "y" : "ies") + " could not be read"
                    : "it could not be read") + ". Kept " + good.size() + " picture(s); the damaged file is saved as "
                    + aside + ".");
        }
        return List.copyOf(good);
    }

    /** One entry, or empty when a field is missing or of the wrong kind. */
    private static Optional<Entry> entry(JsonNode node) {
        if (node == null || !node.isObject() || !node.path("file").isTextual()) {
            return Optional.empty();
        }
        JsonNode parameters = node.path("parameters");
        JsonNode created = node.path("createdMillis");
        if (!(parameters.isTextual() || parameters.isMissingNode() || parameters.isNull())
                || !(created.isIntegralNumber() || created.isMissingNode())) {
            return Optional.empty();
        }
        return JsonFiles.path(node.path("file").asText())
                .map(file -> new Entry(node.path("file").asText(), parameters.isTextual() ? parameters.asText() : "",
                        created.asLong(0)));
    }
}
