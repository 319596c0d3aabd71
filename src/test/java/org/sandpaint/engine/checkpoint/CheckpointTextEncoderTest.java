package org.sandpaint.engine.checkpoint;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sandpaint.engine.Device;
import org.sandpaint.engine.ModelException;
import org.sandpaint.engine.model.SessionFactory;
import org.sandpaint.engine.model.StableDiffusionModel;
import org.sandpaint.engine.model.TextEncoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The checkpoint text encoder's own contract: replacement vectors, CLIP skip range, bundled tokenizer. */
class CheckpointTextEncoderTest {

    private static StableDiffusionModel model;
    private static SafetensorsFile file;

    @BeforeAll
    static void load() throws Exception {
        TinySd1Cases fixture = TinySd1Cases.require();
        Checkpoint checkpoint = Checkpoint.open(fixture.checkpoint(), CheckpointOverrides.NONE);
        model = CheckpointLoader.load(checkpoint, checkpoint.weights(), new SessionFactory(Device.CPU));
        file = SafetensorsFile.open(fixture.checkpoint());
    }

    @AfterAll
    static void close() {
        if (model != null) {
            model.close();
            file.close();
        }
    }

    private static int[] ids() {
        return model.tokenizer().encodePadded("a red circle");
    }

    @Test
    void aTokensOwnEmbeddingGivenAsReplacementChangesNothing() throws Exception {
        TextEncoding text = model.textEncoder();
        int[] ids = ids();
        float[][] vectors = new float[ids.length][];
        float[] table = file.floats(TextEncoderConfig.Naming.HF_CLIP.tokenEmbeddingKey());
        int d = text.hiddenSize();
        vectors[2] = java.util.Arrays.copyOfRange(table, ids[2] * d, (ids[2] + 1) * d);
        assertArrayEquals(text.encode(new int[][]{ids}, 1),
                text.encode(new int[][]{ids}, new float[][][]{vectors}, 1), 0f);
    }

    @Test
    void anotherVectorChangesTheLaterPositionsOnly() throws Exception {
        TextEncoding text = model.textEncoder();
        int[] ids = ids();
        int d = text.hiddenSize();
        float[][] vectors = new float[ids.length][];
        vectors[2] = new float[d];
        java.util.Arrays.fill(vectors[2], 0.5f);
        float[] plain = text.encode(new int[][]{ids}, 1);
        float[] replaced = text.encode(new int[][]{ids}, new float[][][]{vectors}, 1);
        // Causal attention: positions before the replaced one cannot see it.
        assertArrayEquals(java.util.Arrays.copyOf(plain, 2 * d), java.util.Arrays.copyOf(replaced, 2 * d), 1e-6f);
        assertTrue(Math.abs(plain[2 * d] - replaced[2 * d]) > 1e-4, "the replaced position changed");
    }

    @Test
    void aVectorOfTheWrongWidthIsRefused() {
        int[] ids = ids();
        float[][] vectors = new float[ids.length][];
        vectors[1] = new float[768];
        ModelException e = assertThrows(ModelException.class,
                () -> model.textEncoder().encode(new int[][]{ids}, new float[][][]{vectors}, 1));
        assertTrue(e.getMessage().contains("768 wide"), e.getMessage());
    }

    @Test
    void clipSkipBeyondTheLayersIsRefused() {
        ModelException e = assertThrows(ModelException.class, () -> model.textEncoder().encode(new int[][]{ids()}, 5));
        assertTrue(e.getMessage().contains("1 to 4"), e.getMessage());
    }

    @Test
    void theBundledTokenizerPadsAsTheFamilyDoes() throws Exception {
        assertEquals(49407, model.tokenizer().padId());
        try (var sd2 = BundledTokenizer.load(CheckpointFamily.SD2)) {
            assertEquals(0, sd2.padId());
            assertArrayEquals(model.tokenizer().encodeRaw("a red circle"), sd2.encodeRaw("a red circle"));
        }
    }
}
