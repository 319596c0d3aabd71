package org.sandpaint.engine.pipeline;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sandpaint.engine.Engine;
import org.sandpaint.engine.EngineOptions;
import org.sandpaint.engine.GenerationRequest;
import org.sandpaint.engine.GenerationResult;
import org.sandpaint.engine.Device;
import org.sandpaint.engine.ModelException;
import org.sandpaint.engine.Sampler;
import org.sandpaint.testing.TestModels;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Prompts as artists write them, through the whole engine (weights, BREAK, long prompts, tags). */
class PromptSyntaxTest {

    private static Engine engine;

    @BeforeAll
    static void open() throws Exception {
        engine = Engine.open(TestModels.folder("tiny-optimum"), EngineOptions.defaults().withDevice(Device.CPU));
    }

    @AfterAll
    static void close() {
        if (engine != null) {
            engine.close();
        }
    }

    private static float[] latents(String prompt) throws Exception {
        return run(prompt).images().get(0).latents();
    }

    private static GenerationResult run(String prompt) throws Exception {
        return engine.generate(GenerationRequest.builder(prompt).negativePrompt("blurry").seed(5).steps(4)
                .sampler(Sampler.EULER).size(64, 64).build(), null, null);
    }

    @Test
    void unitWeightsGiveExactlyThePlainPrompt() throws Exception {
        assertArrayEquals(latents("a red circle"), latents("a (red:1.0) circle"));
        assertFalse(Arrays.equals(latents("a red circle"), latents("a (red:1.5) circle")));
        assertFalse(Arrays.equals(latents("a red circle"), latents("a [red] circle")));
    }

    @Test
    void longPromptsAndBreakUseMoreChunks() throws Exception {
        String longPrompt = "a red circle, ".repeat(30);
        assertEquals("120/150", engine.tokenCounter(longPrompt));
        assertEquals("3/75", engine.tokenCounter("a red circle"));
        float[] two = latents(longPrompt);
        assertEquals(4 * 8 * 8, two.length);
        assertFalse(Arrays.equals(latents("a red circle BREAK a blue square"), latents("a red circle a blue square")));
    }

    @Test
    void loraTagsAreReportedNotEncoded() throws Exception {
        GenerationResult tagged = run("a red circle <lora:pixel-art:0.8>");
        assertEquals(1, tagged.warnings().size());
        assertTrue(tagged.warnings().get(0).contains("<lora:pixel-art:0.8>"), tagged.warnings().get(0));
        assertArrayEquals(latents("a red circle"), tagged.images().get(0).latents());
    }

    @Test
    void fixedLengthUnetsRefuseLongPromptsClearly() throws Exception {
        try (Engine legacy = Engine.open(TestModels.folder("tiny-legacy"), EngineOptions.defaults().withDevice(Device.CPU))) {
            ModelException e = assertThrows(ModelException.class, () -> legacy.generate(
                    GenerationRequest.builder("a BREAK b").seed(1).steps(2).size(64, 64).build(), null, null));
            assertTrue(e.getMessage().contains("75 tokens"), e.getMessage());
        }
    }
}
