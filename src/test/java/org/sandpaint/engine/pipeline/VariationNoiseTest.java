package org.sandpaint.engine.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.sandpaint.engine.SeedVariation;
import org.sandpaint.engine.random.TorchGenerator;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The first noise of the WebUI's variation seed options against variation-noise.json, which
 * src/test/python/variation_noise_reference.py computed with torch's CPU generator by re-expressing the
 * WebUI's ImageRNG.first(). Plain and pasted noise must be bit-exact; blended noise within 1e-6.
 */
class VariationNoiseTest {

    private static JsonNode cases() throws IOException {
        try (InputStream in = VariationNoiseTest.class.getResourceAsStream("variation-noise.json")) {
            return new ObjectMapper().readTree(in).get("cases");
        }
    }

    @TestFactory
    List<DynamicTest> matchesTheWebUisNoiseAndLeavesTheImageGeneratorWhereItWouldBe() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : cases()) {
            tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> check(c)));
        }
        return tests;
    }

    private static void check(JsonNode c) {
        int channels = c.get("shape").get(0).asInt();
        int height = c.get("shape").get(1).asInt();
        int width = c.get("shape").get(2).asInt();
        long seed = c.get("seed").asLong();
        SeedVariation variation = new SeedVariation(c.get("subseed").asLong(), c.get("strength").asDouble(),
                c.get("resizeFromWidth").asInt(), c.get("resizeFromHeight").asInt());
        TorchGenerator image = new TorchGenerator(seed);

        float[] noise = VariationNoise.first(image, seed, variation.subseed(), variation, channels, height, width);

        float[] expected = floats(c.get("noise"));
        boolean exact = !variation.varies();
        assertEquals(expected.length, noise.length);
        for (int i = 0; i < expected.length; i++) {
            if (exact) {
                assertEquals(Float.floatToIntBits(expected[i]), Float.floatToIntBits(noise[i]),
                        c.get("name").asText() + " value " + i + ": " + expected[i] + " vs " + noise[i]);
            } else {
                assertEquals(expected[i], noise[i], 1e-6, c.get("name").asText() + " value " + i);
            }
        }
        assertArrayEquals(floats(c.get("next")), image.randn(channels * height * width),
                "the image's generator continues as in the WebUI");
    }

    @Test
    void aBatchDrawsEachImageFromItsOwnGeneratorsWithItsOwnVariationSeed() throws IOException {
        JsonNode c = null;
        for (JsonNode candidate : cases()) {
            if (candidate.get("name").asText().equals("variation")) {
                c = candidate;
            }
        }
        SeedVariation variation = new SeedVariation(7, c.get("strength").asDouble(), 0, 0);
        long seed = c.get("seed").asLong();
        BatchNoise batch = new BatchNoise(List.of(seed, seed));
        float[] both = batch.first(variation, List.of(7L, 8L), 4, 5, 6);
        float[] first = VariationNoise.first(new TorchGenerator(seed), seed, 7, variation, 4, 5, 6);
        float[] second = VariationNoise.first(new TorchGenerator(seed), seed, 8, variation, 4, 5, 6);
        float[] expectedFirst = floats(c.get("noise"));
        for (int i = 0; i < 120; i++) {
            assertEquals(expectedFirst[i], both[i], 1e-6);
            assertEquals(first[i], both[i]);
            assertEquals(second[i], both[120 + i]);
        }
    }

    @Test
    void withoutVariationTheFirstNoiseIsPlainRandn() {
        BatchNoise batch = new BatchNoise(List.of(5L, 6L));
        float[] noise = batch.first(SeedVariation.NONE, List.of(-1L, 0L), 4, 8, 8);
        float[] a = new TorchGenerator(5).randn(256);
        float[] b = new TorchGenerator(6).randn(256);
        for (int i = 0; i < 256; i++) {
            assertEquals(a[i], noise[i]);
            assertEquals(b[i], noise[256 + i]);
        }
    }

    @Test
    void seedResizeNeedsBothSidesAndReadsWxH() {
        assertThrows(IllegalArgumentException.class, () -> new SeedVariation(1, 0.5, 512, 0));
        assertArrayEquals(new int[] {512, 768}, SeedVariation.parseSize("512x768"));
        assertArrayEquals(new int[] {0, 0}, SeedVariation.parseSize(""));
        assertArrayEquals(new int[] {0, 0}, SeedVariation.parseSize("-1x-1"), "older WebUIs wrote their API's default");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SeedVariation.parseSize("512"));
        assertEquals("Seed resize from must be WIDTHxHEIGHT, e.g. 512x768, got '512'.", e.getMessage());
    }

    private static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) array.get(i).asDouble();
        }
        return out;
    }
}
