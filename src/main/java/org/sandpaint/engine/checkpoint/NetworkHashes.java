package org.sandpaint.engine.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The short hashes the WebUI writes in {@code Lora hashes} and {@code TI hashes}: 12 hex digits each.
 * <ul>
 *   <li>A LoRA: the {@code sshs_model_hash} its trainer stored in the metadata when there is one, otherwise
 *       the kohya/additional-networks hash of a {@code .safetensors} file, the SHA-256 of everything after
 *       the header (so editing the metadata does not change it).</li>
 *   <li>An embedding: the SHA-256 of the whole file.</li>
 * </ul>
 * LoRA and embedding files are small, so they are hashed when used, without a cache.
 */
public final class NetworkHashes {

    private static final int SHORT = 12;
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{12,128}");

    private NetworkHashes() {
    }

    public static String loraShortHash(Path file, Map<String, String> metadata) throws IOException {
        String stored = metadata.getOrDefault("sshs_model_hash", "");
        if (HEX.matcher(stored).matches()) {
            return stored.substring(0, SHORT).toLowerCase(java.util.Locale.ROOT);
        }
        return sha256(file, dataOffset(file)).substring(0, SHORT);
    }

    public static String embeddingShortHash(Path file) throws IOException {
        return sha256(file, 0).substring(0, SHORT);
    }

    /**
     * The infotext value for names and hashes, {@code name: hash, name2: hash2}, with ':' and ',' taken out
     * of the names as the WebUI does so the value reads back.
     */
    public static String infotextValue(Map<String, String> hashesByName) {
        return hashesByName.entrySet().stream()
                .map(e -> e.getKey().replace(":", "").replace(",", "") + ": " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    /** 8 + the header length for a .safetensors file; 0 (the whole file) for anything else. */
    private static long dataOffset(Path file) throws IOException {
        if (!file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".safetensors")) {
            return 0;
        }
        try (FileChannel channel = FileChannel.open(file)) {
            ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            channel.read(length, 0);
            long offset = 8 + length.flip().getLong();
            if (length.limit() < 8 || offset < 8 || offset > channel.size()) {
                throw new IOException(file + " is not a .safetensors file (its header length is out of range)");
            }
            return offset;
        }
    }

    private static String sha256(Path file, long offset) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(offset);
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
