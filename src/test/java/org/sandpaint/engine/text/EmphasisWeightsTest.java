package org.sandpaint.engine.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EmphasisWeightsTest {

    @Test
    void weightsThenRestoreTheMean() {
        // Two tokens of dimension 2. Mean 10/4; weighted [1, 2, 6, 8] has mean 17/4, so everything is
        // scaled by 10/17 after weighting.
        float[] z = {1, 2, 3, 4};
        float[] out = EmphasisWeights.apply(z, new float[] {1, 2});
        float[] expected = {10f / 17, 20f / 17, 60f / 17, 80f / 17};
        assertArrayEquals(expected, out, 1e-6f);
        assertArrayEquals(new float[] {1, 2, 3, 4}, z, 0f, "the input must not be modified");
    }

    @Test
    void meanIsPreserved() {
        Random random = new Random(7);
        int dim = 768;
        float[] z = new float[77 * dim];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) random.nextGaussian() + 0.1f;
        }
        float[] weights = new float[77];
        Arrays.fill(weights, 1f);
        weights[3] = 1.1f;
        weights[4] = 1.21f;
        weights[9] = 0.5f;
        float[] out = EmphasisWeights.apply(z, weights);
        assertEquals(mean(z), mean(out), 1e-6 * Math.abs(mean(z)));
        // Relative to each other, tokens keep their weights' ratio.
        assertEquals(1.21 / 0.5, out[4 * dim] / z[4 * dim] / (out[9 * dim] / z[9 * dim]), 1e-5);
    }

    private static double mean(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    @Test
    void allWeightsOneLeavesTheOutputBitIdentical() {
        Random random = new Random(3);
        float[] z = new float[77 * 16];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) random.nextGaussian();
        }
        float[] copy = z.clone();
        float[] ones = new float[77];
        Arrays.fill(ones, 1f);
        float[] out = EmphasisWeights.apply(z, ones);
        assertSame(z, out);
        assertArrayEquals(copy, out, 0f);
    }

    @Test
    void weightOneWrittenOutGivesTheSameChunksAndEncoding() {
        PromptChunker chunker = new PromptChunker(text -> text.chars().filter(c -> c != ' ').toArray(),
                PromptChunker.SpecialIds.CLIP);
        PromptChunks plain = chunker.chunk("a red circle");
        PromptChunks written = chunker.chunk("a (red:1.0) circle");
        assertArrayEquals(plain.ids().get(0), written.ids().get(0));
        assertArrayEquals(plain.weights().get(0), written.weights().get(0), 0f);

        float[] z = new float[77 * 2];
        Arrays.fill(z, 0.25f);
        assertSame(z, EmphasisWeights.apply(z, written.weights().get(0)));
    }

    @Test
    void zeroWeightsGiveNoNaN() {
        float[] out = EmphasisWeights.apply(new float[] {1, 2, 3, 4}, new float[] {0, 0});
        for (float v : out) {
            assertTrue(Float.isFinite(v));
        }
    }

    @Test
    void mismatchedSizesAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EmphasisWeights.apply(new float[10], new float[3]));
        assertTrue(e.getMessage().contains("10 values"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EmphasisWeights.apply(new float[10], new float[0]));
    }
}
