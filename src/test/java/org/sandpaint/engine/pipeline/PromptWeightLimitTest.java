package org.sandpaint.engine.pipeline;

import org.junit.jupiter.api.Test;
import org.sandpaint.engine.text.PromptParser;
import org.sandpaint.engine.text.WeightedText;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Absurd attention weights are limited with a warning instead of turning the picture black. */
class PromptWeightLimitTest {

    @Test
    void overflowingWeightsAreLimitedWithAWarning() {
        String huge = "1" + "0".repeat(300);
        List<String> warnings = new ArrayList<>();
        List<WeightedText> parsed = PromptParser.parse("a ((cat:" + huge + "):" + huge + ") (dog:1" + "0".repeat(40) + ")");
        assertTrue(parsed.stream().anyMatch(p -> Double.isInfinite(p.weight())), "the parser's product overflows");

        List<WeightedText> limited = PromptEncoder.limitWeights(parsed, "prompt", warnings);
        assertEquals(List.of(new WeightedText("a ", 1.0), new WeightedText("cat", 100.0),
                new WeightedText(" ", 1.0), new WeightedText("dog", 100.0)), limited);
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("\"cat\" in the prompt was limited to 100.0"), warnings.get(0));
    }

    @Test
    void ordinaryWeightsAreUntouched() {
        List<String> warnings = new ArrayList<>();
        List<WeightedText> parsed = PromptParser.parse("(a:1.3) [b] (c:-2) (d:100)");
        assertEquals(parsed, PromptEncoder.limitWeights(parsed, "prompt", warnings));
        assertEquals(List.of(), warnings);
    }
}
