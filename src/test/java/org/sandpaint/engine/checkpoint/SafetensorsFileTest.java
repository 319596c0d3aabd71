package org.sandpaint.engine.checkpoint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sandpaint.engine.ModelException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class SafetensorsFileTest {

    @TempDir
    Path dir;

    @Test
    void readsEveryFloatTypeAsFloat32() throws Exception {
        Path file = new SafetensorsWriter()
                .f32("a.f32", new long[]{2, 2}, 1f, -2f, 0.5f, 3.25f)
                .f16("b.f16", new long[]{3}, 1f, -0.5f, 65504f)
                .bf16("c.bf16", new long[]{2}, 2f, -1.5f)
                .metadata("format", "pt")
                .write(dir.resolve("m.safetensors"));
        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            assertArrayEquals(new float[]{1f, -2f, 0.5f, 3.25f}, st.floats("a.f32"));
            assertArrayEquals(new float[]{1f, -0.5f, 65504f}, st.floats("b.f16"));
            assertArrayEquals(new float[]{2f, -1.5f}, st.floats("c.bf16"));
            assertArrayEquals(new long[]{2, 2}, st.require("a.f32").shape());
            assertEquals("pt", st.metadata().get("format"));
            assertEquals(3, st.tensors().size());
        }
    }

    @Test
    void readsTheSharedCheckpointFixture() throws Exception {
        String shared = System.getProperty("sandpaint.shared");
        Path file = shared == null ? null : Path.of(shared, "fixtures/tiny-sd1-checkpoint/tiny-sd1.safetensors");
        assumeTrue(file != null && Files.isRegularFile(file), "../shared/fixtures/tiny-sd1-checkpoint is absent: skipped");
        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            TensorEntry ids = st.require("cond_stage_model.transformer.text_model.embeddings.position_ids");
            assertEquals(DType.I64, ids.dtype());
            ByteBuffer bytes = st.bytes(ids);
            assertEquals(76, bytes.getLong(76 * 8));
            float[] alphas = st.floats("alphas_cumprod");
            assertEquals(1000, alphas.length);
            assertTrue(alphas[0] > alphas[999] && alphas[0] < 1f);
            assertEquals("stable-diffusion-v1", st.metadata().get("modelspec.architecture"));
        }
    }

    @Test
    void refusesATruncatedFile() throws Exception {
        byte[] whole = new SafetensorsWriter().f32("w", new long[]{4}, 1, 2, 3, 4).bytes();
        Path file = Files.write(dir.resolve("t.safetensors"), Arrays.copyOf(whole, whole.length - 3));
        assertMessage(file, "'w'", "truncated");
    }

    @Test
    void refusesAFileShorterThanTheLength() throws Exception {
        assertMessage(Files.write(dir.resolve("s.safetensors"), new byte[]{1, 2, 3}), "only 3 bytes");
    }

    @Test
    void refusesAHeaderLengthBeyondTheFile() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40).putLong(0);
        assertMessage(Files.write(dir.resolve("h.safetensors"), b.array()), "header claims");
        ByteBuffer negative = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(-5).putLong(0);
        assertMessage(Files.write(dir.resolve("n.safetensors"), negative.array()), "header claims");
    }

    @Test
    void refusesOffsetsOutsideTheData() throws Exception {
        Path file = new SafetensorsWriter().f32("w", new long[]{1}, 1).entry("x", "F32", new long[]{4}, 4, 20)
                .write(dir.resolve("o.safetensors"));
        assertMessage(file, "'x'", "4-20");
    }

    @Test
    void refusesOverlappingTensors() throws Exception {
        Path file = new SafetensorsWriter().f32("a", new long[]{2}, 1, 2).entry("b", "F32", new long[]{1}, 4, 8)
                .write(dir.resolve("ov.safetensors"));
        assertMessage(file, "'a'", "'b'", "overlap");
    }

    @Test
    void refusesAShapeThatDisagreesWithTheByteCount() throws Exception {
        Path file = new SafetensorsWriter().raw("w", "F32", new long[]{3, 2}, new byte[16])
                .write(dir.resolve("sh.safetensors"));
        assertMessage(file, "'w'".replace("'", ""), "needs 24 bytes", "holds 16");
        Path f16 = new SafetensorsWriter().raw("h", "F16", new long[]{3}, new byte[12])
                .write(dir.resolve("dt.safetensors"));
        assertMessage(f16, "needs 6 bytes");
    }

    @Test
    void refusesAnImpossibleShape() throws Exception {
        Path file = new SafetensorsWriter().raw("w", "F32", new long[]{1L << 40, 1L << 40}, new byte[4])
                .write(dir.resolve("big.safetensors"));
        assertMessage(file, "impossible shape");
    }

    @Test
    void refusesADeeplyNestedHeader() throws Exception {
        String deep = "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        Path file = Files.write(dir.resolve("deep.safetensors"), new SafetensorsWriter().withHeader(deep));
        assertMessage(file, "not valid JSON");
    }

    @Test
    void refusesHeadersThatAreNotJsonObjects() throws Exception {
        assertMessage(Files.write(dir.resolve("j.safetensors"), new SafetensorsWriter().withHeader("[1, 2]")),
                "not a JSON object");
        assertMessage(Files.write(dir.resolve("g.safetensors"), new SafetensorsWriter().withHeader("{\"w\": 3")),
                "not valid JSON");
        assertMessage(Files.write(dir.resolve("e.safetensors"),
                new SafetensorsWriter().withHeader("{\"w\": {\"dtype\": \"F32\"}}")), "lacks dtype");
        assertMessage(Files.write(dir.resolve("neg.safetensors"), new SafetensorsWriter().withHeader(
                "{\"w\": {\"dtype\": \"F32\", \"shape\": [-1], \"data_offsets\": [0, 0]}}")), "whole number");
    }

    @Test
    void refusesUnknownTypesByName() throws Exception {
        Path file = new SafetensorsWriter().raw("w", "F8_E4M3", new long[]{2}, new byte[2])
                .write(dir.resolve("f8.safetensors"));
        assertMessage(file, "F8_E4M3", "'w'");
    }

    @Test
    void aMissingTensorIsNamed() throws Exception {
        Path file = new SafetensorsWriter().f32("w", new long[]{1}, 1).write(dir.resolve("m.safetensors"));
        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            assertFalse(st.has("v"));
            ModelException e = assertThrows(ModelException.class, () -> st.require("v"));
            assertTrue(e.getMessage().contains("'v'"), e.getMessage());
        }
    }

    @Test
    void aMissingFileSaysSo() {
        ModelException e = assertThrows(ModelException.class,
                () -> SafetensorsFile.open(dir.resolve("nothing.safetensors")));
        assertTrue(e.getMessage().contains("There is no file"), e.getMessage());
    }

    private static void assertMessage(Path file, String... parts) throws IOException {
        ModelException e = assertThrows(ModelException.class, () -> SafetensorsFile.open(file).close());
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' not in: " + e.getMessage());
        }
        assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
    }
}
