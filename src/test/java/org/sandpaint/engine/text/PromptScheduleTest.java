package org.sandpaint.engine.text;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the reference corpus does not cover: step lookup, warnings, limits, bad arguments. */
class PromptScheduleTest {

    @Test
    void textAtCountsStepsAsTheWebUiDenoiserDoes() {
        PromptSchedule s = PromptSchedule.of("[red:blue:0.5]", ScheduleTiming.of(4));
        assertEquals(List.of(new ScheduledText(2, "red"), new ScheduledText(4, "blue")), s.entries());
        // reconstruct_cond_batch: first entry with step <= end; the first one past the end.
        assertEquals(List.of("red", "red", "red", "blue", "red"),
                List.of(s.textAt(0), s.textAt(1), s.textAt(2), s.textAt(3), s.textAt(5)));
        assertEquals(List.of("red", "blue"), s.texts());
    }

    @Test
    void unreadablePromptsAreWarnedAboutOnlyWhenTheyHoldBrackets() {
        PromptSchedule pipe = PromptSchedule.of("a | b [c:d:1]", ScheduleTiming.of(3));
        assertEquals(List.of(new ScheduledText(3, "a | b [c:d:1]")), pipe.entries());
        assertEquals(1, pipe.warnings().size());
        assertEquals(List.of(), PromptSchedule.of("a | b", ScheduleTiming.of(3)).warnings());
        assertEquals(List.of(), PromptSchedule.of("a [b] (c:1.2) [d:e:1]", ScheduleTiming.of(3)).warnings());
        assertEquals(1, PromptSchedule.of("[a:b]", ScheduleTiming.of(3)).warnings().size());
    }

    @Test
    void deepNestingIsTextWithAWarning() {
        String deep = "[".repeat(150) + "a" + "]".repeat(150) + " [b:c:1]";
        PromptSchedule s = assertTimeoutPreemptively(java.time.Duration.ofSeconds(5),
                () -> PromptSchedule.of(deep, ScheduleTiming.of(2)));
        assertEquals("[".repeat(150) + "a" + "]".repeat(150) + " c", s.textAt(2));
        assertTrue(s.warnings().get(0).contains("nested deeper than"), s.warnings().toString());
    }

    @Test
    void longPromptsScheduleQuickly() {
        String edits = "[cat:dog:0.5] [a|b], ".repeat(300);
        String open = "[(".repeat(3000);
        assertTimeoutPreemptively(java.time.Duration.ofSeconds(5), () -> {
            assertEquals(20, PromptSchedule.of(edits, ScheduleTiming.of(20)).entries().size());
            assertEquals(1, PromptSchedule.of(open, ScheduleTiming.of(20)).entries().size());
        });
    }

    @Test
    void impossibleStepCountsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScheduleTiming.of(0));
        assertTrue(e.getMessage().contains("at least 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ScheduleTiming.hires(10, 0));
    }

    @Test
    void hiresAndOldTimelines() {
        // Doctests: with 10 base and 10 hires steps, [b:1.5] changes half-way through the hires pass.
        assertEquals(List.of(new ScheduledText(5, "a  c"), new ScheduledText(10, "a b c")),
                PromptSchedule.of("a [b:1.5] c", ScheduleTiming.hires(10, 10)).entries());
        assertEquals(List.of(new ScheduledText(10, "a b c")),
                PromptSchedule.of("a [b:.5] c", ScheduleTiming.hires(10, 10)).entries());
        // Old timelines: 0.5 is a fraction, 1.0 a step number.
        assertEquals(List.of(new ScheduledText(1, "a  c"), new ScheduledText(10, "a b c")),
                PromptSchedule.of("a [b:1.0] c", ScheduleTiming.of(10).withOldScheduling()).entries());
    }
}
