package org.sandpaint.engine.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelHashTest {

    /** FIPS 180-2 test vectors. */
    private static final String SHA256_ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    private static final String SHA256_ABD = "a52d159f262b2c6ddb724a61840befc36eb30c88877a4030b65cbe86298449c9";
    private static final String SHA256_EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @TempDir
    Path dir;

    @Test
    void hashesKnownVectors() throws IOException {
        ModelHash hashes = new ModelHash();
        Path abc = Files.writeString(dir.resolve("abc.bin"), "abc");
        assertEquals(SHA256_ABC, hashes.sha256(abc));
        assertEquals("ba7816bf8f", hashes.shortHash(abc));
        assertEquals(SHA256_EMPTY, hashes.sha256(Files.createFile(dir.resolve("empty.bin"))));
    }

    @Test
    void hashesFilesLargerThanTheBuffer() throws IOException {
        // 1,000,000 times 'a': the FIPS 180-2 long test vector, spanning several 1 MiB reads.
        Path file = Files.writeString(dir.resolve("million.bin"), "a".repeat(1_000_000));
        assertEquals("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
                new ModelHash().sha256(file));
    }

    @Test
    void unchangedFileIsHashedOnceAndChangedFileAgain() throws IOException {
        ModelHash hashes = new ModelHash();
        Path file = Files.writeString(dir.resolve("unet.onnx_data"), "abc");
        FileTime time = FileTime.fromMillis(1_700_000_000_000L);
        Files.setLastModifiedTime(file, time);
        assertEquals(SHA256_ABC, hashes.sha256(file));

        // Same size and time but other bytes: only a cache hit can still answer "abc".
        Files.writeString(file, "abd");
        Files.setLastModifiedTime(file, time);
        assertEquals(SHA256_ABC, hashes.sha256(file), "served from the cache");

        Files.setLastModifiedTime(file, FileTime.fromMillis(1_700_000_001_000L));
        assertEquals(SHA256_ABD, hashes.sha256(file), "a new modification time means hashing again");
    }

    @Test
    void cachePersistsAcrossInstances() throws IOException {
        Path cache = dir.resolve("cache/hashes.json");
        Path file = Files.writeString(dir.resolve("model.bin"), "abc");
        FileTime time = FileTime.fromMillis(1_700_000_000_000L);
        Files.setLastModifiedTime(file, time);
        assertEquals(SHA256_ABC, new ModelHash(cache).sha256(file));
        assertTrue(Files.readString(cache).contains(SHA256_ABC));

        Files.writeString(file, "abd");
        Files.setLastModifiedTime(file, time);
        assertEquals(SHA256_ABC, new ModelHash(cache).sha256(file), "a new instance reads the saved cache");
        assertEquals(SHA256_ABD, new ModelHash().sha256(file), "without the cache file the real bytes count");
    }

    @Test
    void unreadableCacheFileIsIgnored() throws IOException {
        Path cache = Files.writeString(dir.resolve("broken.json"), "{ not json");
        Path file = Files.writeString(dir.resolve("model.bin"), "abc");
        assertEquals("ba7816bf8f", new ModelHash(cache).shortHash(file));
        assertTrue(Files.readString(cache).contains(SHA256_ABC), "rewritten with good content");
    }
}
