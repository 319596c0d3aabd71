package org.sandpaint.engine.random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * numpy's SeedSequence and k-diffusion's BrownianTreeNoiseSampler on torchsde's BrownianTree against
 * brownian-tree.json, which src/test/python/brownian_reference.py computed with numpy, torchsde's own
 * brownian_interval.py and Debian's torch (two images, seeds 42 and 2^32 - 1, a 6-step Karras schedule).
 */
class BrownianTreeTest {

    private static JsonNode reference;

    @BeforeAll
    static void read() throws IOException {
        try (InputStream in = BrownianTreeTest.class.getResourceAsStream("brownian-tree.json")) {
            reference = new ObjectMapper().readTree(in);
        }
    }

    @Test
    void seedSequenceIsNumpys() {
        for (JsonNode c : reference.get("seedSequences")) {
            long[] spawnKey = new long[c.get("spawnKey").size()];
            for (int i = 0; i < spawnKey.length; i++) {
                spawnKey[i] = c.get("spawnKey").get(i).asLong();
            }
            long[] expected = new long[4];
            for (int i = 0; i < 4; i++) {
                expected[i] = c.get("state").get(i).asLong();
            }
            assertArrayEquals(expected, new SeedSequence(c.get("entropy").asLong(), spawnKey, 24).generateState(4),
                    c.toString());
        }
    }

    @Test
    void theNoiseOfEachMoveIsTheWebUisBitForBit() {
        List<Long> seeds = new ArrayList<>();
        reference.get("seeds").forEach(s -> seeds.add(s.asLong()));
        JsonNode shape = reference.get("shape");
        int perImage = shape.get(1).asInt() * shape.get(2).asInt() * shape.get(3).asInt();
        BrownianTreeNoise noise = new BrownianTreeNoise(seeds, perImage, (float) reference.get("sigmaMin").asDouble(),
                (float) reference.get("sigmaMax").asDouble());
        int query = 0;
        for (JsonNode q : reference.get("queries")) {
            float[] got = noise.between((float) q.get("from").asDouble(), (float) q.get("to").asDouble());
            JsonNode expected = q.get("noise");
            assertEquals(expected.size(), got.length);
            for (int i = 0; i < got.length; i++) {
                assertEquals(Float.floatToIntBits((float) expected.get(i).asDouble()), Float.floatToIntBits(got[i]),
                        "query " + query + " value " + i + ": " + expected.get(i) + " vs " + got[i]);
            }
            query++;
        }
    }
}
