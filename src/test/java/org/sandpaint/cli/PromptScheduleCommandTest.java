package org.sandpaint.cli;

import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code sandpaint prompt-schedule}: the WebUI's schedules as one line of JSON. */
class PromptScheduleCommandTest {


    @Test
    void printsTheWebUiDoctestSchedules() {
        // Doctests of get_learned_conditioning_prompt_schedules (10 steps).
        CliRun r = CliRun.of("prompt-schedule", "--steps", "10", "a[b:[c:d:2]:1]e");
        assertEquals(0, r.code(), r.err());
        assertEquals("[{\"text\":\"a[b:[c:d:2]:1]e\",\"weight\":1.0,\"schedule\":[[1,\"abe\"],[2,\"ace\"],[10,\"ade\"]]}]\n",
                r.out());
        assertEquals("[{\"text\":\"a [b:.5] c\",\"weight\":1.0,\"schedule\":[[10,\"a b c\"]]}]\n",
                CliRun.of("prompt-schedule", "--steps", "10", "--hires-steps", "10", "a [b:.5] c").out());
        assertEquals("[{\"text\":\"[fe|||]male\",\"weight\":1.0,\"schedule\":[[1,\"female\"],[2,\"male\"],[3,\"male\"],"
                + "[4,\"male\"],[5,\"female\"]]}]\n", CliRun.of("prompt-schedule", "--steps", "5", "[fe|||]male").out());
    }

    @Test
    void oneElementPerAndPart() {
        CliRun r = CliRun.of("prompt-schedule", "--steps", "4", "a cat :1.2 AND a [dog:fox:0.5] :0.8");
        assertEquals(0, r.code(), r.err());
        assertEquals("[{\"text\":\"a cat\",\"weight\":1.2,\"schedule\":[[4,\"a cat\"]]},"
                + "{\"text\":\" a [dog:fox:0.5]\",\"weight\":0.8,\"schedule\":[[2,\" a dog\"],[4,\" a fox\"]]}]\n", r.out());
        assertEquals(1, r.out().lines().count());
    }

    @Test
    void nonAsciiIsEscapedAndLineBreaksStayInTheString() {
        CliRun r = CliRun.of("prompt-schedule", "--steps", "2", "[猫|犬]\nx");
        assertEquals("[{\"text\":\"[\\u732B|\\u72AC]\\nx\",\"weight\":1.0,\"schedule\":[[1,\"\\u732B\\nx\"],"
                + "[2,\"\\u72AC\\nx\"]]}]\n", r.out());
    }

    @Test
    void badInputIsKeptAndWarnedAbout() {
        CliRun unbalanced = CliRun.of("prompt-schedule", "--steps", "3", "a [b");
        assertEquals(0, unbalanced.code());
        assertTrue(unbalanced.out().contains("\"schedule\":[[3,\"a [b\"]]"), unbalanced.out());

        CliRun unread = CliRun.of("prompt-schedule", "--steps", "3", "[a:b:1x]");
        assertEquals(0, unread.code());
        assertTrue(unread.err().contains("warning:") && unread.err().contains("kept as text"), unread.err());

        CliRun huge = CliRun.of("prompt-schedule", "--steps", "3", "[a:b:1e999]");
        assertEquals(0, huge.code(), huge.err());
        assertTrue(huge.out().contains("\"schedule\":[[3,\"a\"]]"), huge.out());

        CliRun pipe = CliRun.of("prompt-schedule", "--steps", "3", "a | [b:c:1]");
        assertTrue(pipe.out().contains("[[3,\"a | [b:c:1]\"]]") && pipe.err().contains("used as written"), pipe.err());
    }

    @Test
    void refusesImpossibleStepCounts() {
        CliRun r = CliRun.of("prompt-schedule", "--steps", "0", "a");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Steps must be between 1 and 150, got 0."), r.err());
        assertEquals(2, CliRun.of("prompt-schedule", "--steps", "151", "a").code());
        assertEquals(2, CliRun.of("prompt-schedule", "--steps", "20", "--hires-steps", "-1", "a").code());
        assertEquals(2, CliRun.of("prompt-schedule", "--steps", "x", "a").code());
    }
}
