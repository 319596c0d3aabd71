package org.sandpaint.engine.checkpoint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The WebUI's LoRA (data after the header) and embedding (whole file) short hashes. */
class NetworkHashesTest {

    @Test
    void loraHashCoversTheTensorDataOnlySoMetadataEditsKeepIt(@TempDir Path tmp) throws Exception {
        Path a = new TestSafetensors().filled("lora_unet_x.alpha", 2f).write(tmp.resolve("a.safetensors"));
        Path b = new TestSafetensors().filled("lora_unet_x.alpha", 2f).metadata("ss_output_name", "renamed")
                .write(tmp.resolve("b.safetensors"));
        byte[] bytes = Files.readAllBytes(a);
        long headerLength = java.nio.ByteBuffer.wrap(bytes, 0, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        String expected = sha256(Arrays.copyOfRange(bytes, (int) (8 + headerLength), bytes.length)).substring(0, 12);
        assertEquals(expected, NetworkHashes.loraShortHash(a, Map.of()));
        assertEquals(expected, NetworkHashes.loraShortHash(b, Map.of()));
        assertNotEquals(sha256(bytes).substring(0, 12), expected);
    }

    @Test
    void aStoredTrainerHashWinsWhenItIsHex(@TempDir Path tmp) throws Exception {
        Path a = new TestSafetensors().filled("w", 1f, 2).write(tmp.resolve("a.safetensors"));
        assertEquals("0123456789ab", NetworkHashes.loraShortHash(a, Map.of("sshs_model_hash", "0123456789ABCDEF")));
        assertEquals(NetworkHashes.loraShortHash(a, Map.of()),
                NetworkHashes.loraShortHash(a, Map.of("sshs_model_hash", "<img src=x onerror=alert(1)>")));
    }

    @Test
    void embeddingHashIsTheWholeFiles() throws Exception {
        Path file = Path.of("src/test/models/tiny-networks/embeddings/tinypt.pt");
        assertEquals(sha256(Files.readAllBytes(file)).substring(0, 12), NetworkHashes.embeddingShortHash(file));
    }

    @Test
    void infotextValueListsNamesWithoutSeparators() {
        Map<String, String> hashes = new LinkedHashMap<>();
        hashes.put("tiny-style", "0123456789ab");
        hashes.put("odd:name,x", "ba9876543210");
        assertEquals("tiny-style: 0123456789ab, oddnamex: ba9876543210", NetworkHashes.infotextValue(hashes));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
