package org.sandpaint.engine.image;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The WebUI's {@code Model hash}: the first 10 hex digits of the SHA-256 of the model weights file. Hashing a
 * multi-GB file takes seconds, so each file is hashed once per instance and, when a cache file is given,
 * once ever: entries are keyed by absolute path, size and last-modified time, so a replaced file is hashed
 * again.
 *
 * <p>Which file to pass: the UNet weights. For an ONNX model whose weights live in an external data file
 * (models over 2 GB, e.g. {@code unet/model.onnx} with {@code unet/model.onnx_data} or {@code weights.pb}),
 * pass that weights file; the small {@code .onnx} graph alone does not identify the weights.
 *
 * <p>Thread-safe. Two threads asking for the same new file at once may both hash it; the result is the same.
 */
public final class ModelHash {

    private static final Logger LOG = LoggerFactory.getLogger(ModelHash.class);
    private static final int SHORT_LENGTH = 10;
    private static final int BUFFER_BYTES = 1 << 20;

    /** One cached hash; the file is hashed again when its size or modification time changes. */
    record Entry(long size, long lastModified, String sha256) {
    }

    private final Path cacheFile;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Entry> entries = new HashMap<>();

    /** A cache kept in memory only. */
    public ModelHash() {
        this.cacheFile = null;
    }

    /**
     * A cache loaded from and saved to {@code cacheFile} (a small JSON file, created when first needed). An
     * unreadable cache file is ignored with a warning: it only costs hashing again.
     */
    public ModelHash(Path cacheFile) {
        this.cacheFile = cacheFile;
        if (Files.exists(cacheFile)) {
            try {
                entries.putAll(json.readValue(cacheFile.toFile(), new TypeReference<Map<String, Entry>>() { }));
            } catch (IOException e) {
                LOG.warn("Ignoring unreadable model hash cache {}: {}", cacheFile, e.getMessage());
            }
        }
    }

    /** The first 10 hex digits of the file's SHA-256, as the WebUI writes in {@code Model hash}. */
    public String shortHash(Path file) throws IOException {
        return sha256(file).substring(0, SHORT_LENGTH);
    }

    /** The full SHA-256 of the file as 64 lowercase hex digits, from the cache when the file is unchanged. */
    public String sha256(Path file) throws IOException {
        String key = file.toAbsolutePath().normalize().toString();
        long size = Files.size(file);
        long lastModified = Files.getLastModifiedTime(file).toMillis();
        synchronized (this) {
            Entry cached = entries.get(key);
            if (cached != null && cached.size() == size && cached.lastModified() == lastModified) {
                return cached.sha256();
            }
        }
        String hash = hashFile(file); // outside the lock: this can take many seconds
        synchronized (this) {
            entries.put(key, new Entry(size, lastModified, hash));
            save();
        }
        return hash;
    }

    private static String hashFile(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime must provide SHA-256", e);
        }
        byte[] buffer = new byte[BUFFER_BYTES];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Writes to a temporary file and renames it, so a crash never leaves a half-written cache. */
    private void save() {
        if (cacheFile == null) {
            return;
        }
        Path temp = null;
        try {
            Path parent = cacheFile.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            temp = Files.createTempFile(parent, cacheFile.getFileName().toString(), ".tmp");
            json.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), new TreeMap<>(entries));
            Files.move(temp, cacheFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("Could not save model hash cache {}: {}", cacheFile, e.getMessage());
            deleteQuietly(temp);
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            LOG.debug("Could not delete {}", temp, e);
        }
    }
}
