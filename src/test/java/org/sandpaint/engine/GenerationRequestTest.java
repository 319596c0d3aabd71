package org.sandpaint.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GenerationRequestTest {

    @Test
    void defaultsAreTheWebUis() {
        GenerationRequest r = GenerationRequest.builder("a cat").build();
        assertEquals(20, r.steps());
        assertEquals(7.0, r.cfgScale());
        assertEquals(-1, r.seed());
        assertEquals(512, r.width());
        assertEquals("", r.negativePrompt());
        assertTrue(r.usesGuidance());
        assertFalse(r.toBuilder().cfgScale(1).build().usesGuidance());
    }

    @Test
    void nonsenseIsRefusedWithAReason() {
        assertMessage("multiple of 8", () -> GenerationRequest.builder("x").size(500, 512).build());
        assertMessage("Height", () -> GenerationRequest.builder("x").size(512, 0).build());
        assertMessage("Steps", () -> GenerationRequest.builder("x").steps(0).build());
        assertMessage("CFG", () -> GenerationRequest.builder("x").cfgScale(Double.NaN).build());
        assertMessage("Seed", () -> GenerationRequest.builder("x").seed(-5).build());
        assertMessage("Batch size", () -> GenerationRequest.builder("x").batchSize(0).build());
        assertMessage("CLIP skip", () -> GenerationRequest.builder("x").clipSkip(0).build());
        assertMessage("sampler", () -> GenerationRequest.builder("x").sampler(null).build());
    }

    @Test
    void randomSeedsAreDrawnForMinusOneOnly() {
        assertEquals(42, Engine.resolveSeed(42));
        long random = Engine.resolveSeed(-1);
        assertTrue(random >= 0 && random < Engine.MAX_RANDOM_SEED);
    }

    private static void assertMessage(String fragment, Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    /** Image i of a job uses seed + i: that must not wrap around to a negative seed. */
    @Test
    void seedPlusImageIndexNeverOverflows() {
        var ok = GenerationRequest.builder("x").seed(Long.MAX_VALUE - 5).batchSize(2).batchCount(3).build();
        org.junit.jupiter.api.Assertions.assertEquals(Long.MAX_VALUE - 5, ok.seed());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> GenerationRequest.builder("x").seed(Long.MAX_VALUE - 4).batchSize(2).batchCount(3).build());
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("at most " + (Long.MAX_VALUE - 5)), e.getMessage());
    }
}
