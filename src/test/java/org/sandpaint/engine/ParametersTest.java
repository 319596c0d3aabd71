package org.sandpaint.engine;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParametersTest {

    @Test
    void namesAreUniqueAndInfotextKeysTooExceptTheSharedSize() {
        Set<String> names = new HashSet<>();
        Set<String> keys = new HashSet<>();
        for (Parameter p : Parameters.ALL) {
            assertTrue(names.add(p.name()), "name " + p.name() + " twice");
            if (!p.infotextKey().isEmpty() && p != Parameters.HEIGHT && p != Parameters.SEED_RESIZE_FROM_HEIGHT) {
                assertTrue(keys.add(p.infotextKey()), "key " + p.infotextKey() + " twice");
            }
            assertEquals(p, Parameters.byName(p.name()).orElseThrow());
        }
        assertEquals(Parameters.WIDTH.infotextKey(), Parameters.HEIGHT.infotextKey());
        assertEquals(Parameters.SEED_RESIZE_FROM_WIDTH.infotextKey(), Parameters.SEED_RESIZE_FROM_HEIGHT.infotextKey());
    }

    @Test
    void theRequestsDefaultsAreTheSpecifications() {
        GenerationRequest r = GenerationRequest.builder(null).build();
        assertEquals(Parameters.PROMPT.defaultValue(), r.prompt());
        assertEquals(Parameters.STEPS.defaultValue(), r.steps());
        assertEquals(Parameters.CFG_SCALE.defaultValue(), r.cfgScale());
        assertEquals(Parameters.SEED.defaultValue(), r.seed());
        assertEquals(Parameters.SAMPLER.defaultValue(), r.sampler());
        assertEquals(Parameters.CLIP_SKIP.defaultValue(), r.clipSkip());
        assertEquals(Parameters.WIDTH.defaultValue(), r.width());
        assertEquals(Parameters.HEIGHT.defaultValue(), r.height());
        assertEquals(Parameters.BATCH_SIZE.defaultValue(), r.batchSize());
        assertEquals(Parameters.BATCH_COUNT.defaultValue(), r.batchCount());
        assertEquals(Parameters.PREVIEW_EVERY.defaultValue(), r.previewEvery());
        assertEquals(Parameters.PREVIEW_METHOD.defaultValue(), r.previewMethod());
        assertEquals(Parameters.SCHEDULE_TYPE.defaultValue(), r.scheduleType());
        assertEquals(new SeedVariation(Parameters.SUBSEED.defaultValue(), Parameters.SUBSEED_STRENGTH.defaultValue(),
                Parameters.SEED_RESIZE_FROM_WIDTH.defaultValue(), Parameters.SEED_RESIZE_FROM_HEIGHT.defaultValue()),
                r.variation());
        assertFalse(r.variation().varies() || r.variation().resizes(), "no variation by default");
        Inpaint inpaint = Inpaint.of(new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB));
        assertEquals(Parameters.MASK_BLUR.defaultValue(), inpaint.maskBlur());
        assertEquals(Parameters.INPAINT_PADDING.defaultValue(), inpaint.padding());
        assertEquals(Parameters.MASKED_CONTENT.defaultValue(), inpaint.maskedContent());
        assertEquals(Parameters.INPAINT_AREA.defaultValue(), inpaint.area());
        assertEquals(Parameters.INVERT_MASK.defaultValue(), inpaint.invertMask());
    }

    /** Each limit is enforced exactly where the specification puts it, and the message says so. */
    @Test
    void theRequestRefusesJustPastEachLimitWithTheSpecificationsRange() {
        GenerationRequest.Builder ok = GenerationRequest.builder("x");
        assertRefused("CLIP skip must be between 1 and 12 (1 = last layer), got 24.", () -> ok.clipSkip(24).build());
        ok.clipSkip(12).build();
        ok.clipSkip(1);
        assertRefused("Steps must be between 1 and 150, got 151.", () -> ok.steps(151).build());
        ok.steps(150).build();
        ok.steps(20);
        assertRefused("CFG scale must be between 1 and 30 (1 = no guidance), got 30.5.", () -> ok.cfgScale(30.5).build());
        ok.cfgScale(30).build();
        ok.cfgScale(7);
        assertRefused("Width must be a multiple of 8 between 64 and 2048, got 2056.", () -> ok.size(2056, 512).build());
        assertRefused("Height must be a multiple of 8 between 64 and 2048, got 56.", () -> ok.size(512, 56).build());
        ok.size(2048, 64).build();
        ok.size(512, 512);
        assertRefused("Batch size must be between 1 and 8, got 9.", () -> ok.batchSize(9).build());
        assertRefused("Batch count must be between 1 and 100, got 101.", () -> ok.batchSize(1).batchCount(101).build());
        assertRefused("Seed must be -1 or more (-1 = random), got -2.", () -> ok.batchCount(1).seed(-2).build());
        var picture = new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB);
        assertRefused("Denoising strength must be between 0 and 1 (0 keeps the source, 1 ignores it), got 1.01.",
                () -> new InitImage(picture, 1.01, null));
        assertRefused("Mask blur must be between 0 and 64, got 65.",
                () -> new Inpaint(picture, 65, false, null, null, 32));
    }

    @Test
    void rangesReadAsAPersonWritesThem() {
        assertEquals("1-150", Parameters.STEPS.rangeText());
        assertEquals("1-30", Parameters.CFG_SCALE.rangeText());
        assertEquals("64-2048, a multiple of 8", Parameters.WIDTH.rangeText());
        assertEquals("-1 or more", Parameters.SEED.rangeText());
        assertEquals("7", Parameters.CFG_SCALE.defaultText());
        assertEquals("Euler a", Parameters.SAMPLER.defaultText());
        assertEquals(List.of(Sampler.values()), Parameters.SAMPLER.choices());
        assertFalse(Parameters.WIDTH.accepts(100));
    }

    @Test
    void inconsistentLimitsCannotBeDeclared() {
        assertThrows(IllegalArgumentException.class, () -> new IntParameter("x", "X", "", 5, 10, 20, 1, ""));
        assertThrows(IllegalArgumentException.class, () -> new IntParameter("x", "X", "", 12, 8, 16, 8, ""));
        assertThrows(IllegalArgumentException.class, () -> new DecimalParameter("x", "X", "", 1, 0, 2, 0, ""));
    }

    private static void assertRefused(String message, Runnable r) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, r::run).getMessage());
    }
}
