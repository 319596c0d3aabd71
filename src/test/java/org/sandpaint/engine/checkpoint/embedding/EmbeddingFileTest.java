package org.sandpaint.engine.checkpoint.embedding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sandpaint.engine.checkpoint.TestSafetensors;
import org.sandpaint.engine.ModelException;
import org.sandpaint.engine.text.TextualInversion;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Embeddings read from .pt (restricted pickle) and .safetensors, against what torch.load reads. */
class EmbeddingFileTest {

    private static final Path DIR = Path.of("src/test/models/tiny-networks/embeddings");

    @TempDir
    Path tmp;

    @Test
    void readsA1111PtFilesAsTorchDoes() throws Exception {
        JsonNode reference = new ObjectMapper().readTree(Path.of("src/test/models/tiny-networks/embeddings_reference.json").toFile());
        for (String name : new String[]{"tinypt", "tinyparam"}) {
            TextualInversion embedding = EmbeddingFile.load(DIR.resolve(name + ".pt"));
            assertEquals(name, embedding.name());
            JsonNode expected = reference.get(name);
            assertEquals(expected.size(), embedding.vectorCount(), name);
            for (int i = 0; i < expected.size(); i++) {
                assertEquals(expected.get(i).size(), embedding.width());
                for (int j = 0; j < embedding.width(); j++) {
                    assertEquals(expected.get(i).get(j).floatValue(), embedding.vector(i)[j], 0f, name + "[" + i + "][" + j + "]");
                }
            }
        }
    }

    @Test
    void refusesPicklesThatCallCodeAndRunsNothing() throws Exception {
        Path marker = Path.of("/tmp/sandpaint-pickle-ran");
        Files.deleteIfExists(marker);
        ModelException system = assertThrows(ModelException.class, () -> EmbeddingFile.load(DIR.resolve("evil.pt")));
        assertTrue(system.getMessage().contains("refused") && system.getMessage().contains("system")
                && system.getMessage().contains("can run code"), system.getMessage());
        ModelException eval = assertThrows(ModelException.class, () -> EmbeddingFile.load(DIR.resolve("evil-eval.pt")));
        assertTrue(eval.getMessage().contains("builtins.eval"), eval.getMessage());
        assertFalse(Files.exists(marker));
    }

    @Test
    void refusesOldPicklesSdxlEmbeddingsAndOtherFilesClearly() throws Exception {
        assertTrue(message(DIR.resolve("legacy.pt")).contains("old (before 1.6)"));
        assertTrue(message(DIR.resolve("sdxl-emb.safetensors")).contains("SDXL"));
        Path notTorch = Files.writeString(tmp.resolve("text.pt"), "hello");
        assertTrue(message(notTorch).contains("not a PyTorch file"));
        Path twoTensors = new TestSafetensors().filled("a", 0, 2, 4).filled("b", 0, 2, 4).write(tmp.resolve("two.safetensors"));
        assertTrue(message(twoTensors).contains("2 tensors"));
        Path noPickle = zip(tmp.resolve("nopickle.pt"), "archive/other", new byte[]{1});
        assertTrue(message(noPickle).contains("no data.pkl"));
        Path truncated = tmp.resolve("truncated.pt");
        byte[] whole = Files.readAllBytes(DIR.resolve("tinypt.pt"));
        Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length / 2));
        String cut = message(truncated);
        assertTrue(cut.contains("damaged") || cut.contains("not a PyTorch file Sandpaint can read"), cut);
    }

    @Test
    void refusesPicklesThatInstantiateClassesOrSetState() throws Exception {
        // protocol 0: (i)nstantiate builtins.object; and a dict with a BUILD
        byte[] inst = "(ibuiltins\nobject\n.".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertTrue(message(zip(tmp.resolve("inst.pt"), "archive/data.pkl", inst)).contains("instantiates a class"));
        byte[] build = "}}b.".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertTrue(message(zip(tmp.resolve("build.pt"), "archive/data.pkl", build)).contains("BUILD"));
    }

    @Test
    void refusesSizeClaimsBeforeAllocatingForThem() throws Exception {
        // BINBYTES claiming 2 GB, then nothing
        byte[] huge = {(byte) 0x80, 2, 'B', (byte) 0xF0, (byte) 0xFF, (byte) 0xFF, 0x7F, '.'};
        assertTrue(message(zip(tmp.resolve("huge.pt"), "archive/data.pkl", huge)).contains("claims a value of"));
        // a persistent id for a FloatStorage of 10^12 elements
        java.io.ByteArrayOutputStream p = new java.io.ByteArrayOutputStream();
        p.write(new byte[]{(byte) 0x80, 2, '('});
        unicode(p, "storage");
        p.write("ctorch\nFloatStorage\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        unicode(p, "0");
        unicode(p, "cpu");
        p.write(new byte[]{(byte) 0x8a, 5, 0, 0x10, (byte) 0xA5, (byte) 0xD4, (byte) 0xE8}); // LONG1 10^12
        p.write(new byte[]{'t', 'Q', '.'});
        String m = message(zip(tmp.resolve("storage.pt"), "archive/data.pkl", p.toByteArray()));
        assertTrue(m.contains("claim more than"), m);
    }

    private static void unicode(java.io.ByteArrayOutputStream out, String text) {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.write((byte) 0x8c); // SHORT_BINUNICODE
        out.write(bytes.length);
        out.writeBytes(bytes);
    }

    @Test
    void readsSafetensorsEmbeddingsWithOneTensor() throws Exception {
        Path file = new TestSafetensors().f32("emb_params", new long[]{2, 3}, 1, 2, 3, 4, 5, 6).write(tmp.resolve("mine.safetensors"));
        TextualInversion embedding = EmbeddingFile.load(file);
        assertEquals("mine", embedding.name());
        assertEquals(2, embedding.vectorCount());
        assertEquals(6f, embedding.vector(1)[2]);
        Path single = new TestSafetensors().f32("<concept>", new long[]{3}, 7, 8, 9).write(tmp.resolve("concept.safetensors"));
        assertEquals(1, EmbeddingFile.load(single).vectorCount());
    }

    @Test
    void readsTheFixtureEmbedding() throws Exception {
        String shared = System.getProperty("sandpaint.shared");
        Path file = shared == null ? null : Path.of(shared, "fixtures/tiny-sd1-checkpoint/embeddings/tinyemb.safetensors");
        assumeTrue(file != null && Files.isRegularFile(file), "../shared/fixtures/tiny-sd1-checkpoint is absent: skipped");
        TextualInversion embedding = EmbeddingFile.load(file);
        assertEquals("tinyemb", embedding.name());
        assertEquals(2, embedding.vectorCount());
        assertEquals(32, embedding.width());
    }

    private static String message(Path file) {
        return assertThrows(ModelException.class, () -> EmbeddingFile.load(file)).getMessage();
    }

    private static Path zip(Path file, String entry, byte[] content) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            out.putNextEntry(new ZipEntry(entry));
            out.write(content);
            out.closeEntry();
        }
        return Files.write(file, bytes.toByteArray());
    }
}
