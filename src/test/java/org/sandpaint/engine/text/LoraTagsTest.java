package org.sandpaint.engine.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LoraTagsTest {

    @Test
    void loraTagIsRemovedAndReported() {
        LoraTags.Stripped result = LoraTags.strip("a cat <lora:foo:0.8>, smiling");
        assertEquals("a cat , smiling", result.prompt());
        assertEquals(List.of(new LoraTags.Tag("lora", "foo", "<lora:foo:0.8>")), result.tags());
    }

    @Test
    void allKindsInOrder() {
        LoraTags.Stripped result = LoraTags.strip("<hypernet:agm:1.1>1girl<lyco:bar_v2:0.5:0.7> <lora:baz>");
        assertEquals("1girl ", result.prompt());
        assertEquals(List.of(
                new LoraTags.Tag("hypernet", "agm", "<hypernet:agm:1.1>"),
                new LoraTags.Tag("lyco", "bar_v2", "<lyco:bar_v2:0.5:0.7>"),
                new LoraTags.Tag("lora", "baz", "<lora:baz>")), result.tags());
    }

    @Test
    void unknownKindsAreRemovedToo() {
        // The WebUI removes every <word:args> tag, known or not, before encoding the prompt.
        LoraTags.Stripped result = LoraTags.strip("x <extrasupernet:master:12:13:14> y");
        assertEquals("x  y", result.prompt());
        assertEquals("extrasupernet", result.tags().get(0).kind());
        assertEquals("master", result.tags().get(0).name());
    }

    @Test
    void textThatIsNotATagIsKept() {
        for (String prompt : List.of("", "a <b", "<lora>", "<lora:>", "< lora:x>", "<lora:foo:0.8", "a > b", "(x:1.2)")) {
            LoraTags.Stripped result = LoraTags.strip(prompt);
            assertEquals(prompt, result.prompt());
            assertTrue(result.tags().isEmpty(), prompt);
        }
    }

    @Test
    void nullIsAnEmptyPrompt() {
        assertEquals("", LoraTags.strip(null).prompt());
    }
}
