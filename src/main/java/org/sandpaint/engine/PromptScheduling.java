package org.sandpaint.engine;

import org.sandpaint.engine.text.ComposablePrompt;
import org.sandpaint.engine.text.PromptPart;
import org.sandpaint.engine.text.PromptSchedule;
import org.sandpaint.engine.text.ScheduleTiming;

import java.util.ArrayList;
import java.util.List;

/**
 * How a prompt changes step by step, as the WebUI schedules it: one part per {@code AND}, each with its
 * weight and the texts it switches between (prompt editing {@code [from:to:when]}, alternation {@code [a|b]}).
 * For front ends that show or print the schedule; the pipeline reads the same schedule.
 */
public final class PromptScheduling {

    /** Until step {@code endStep} (inclusive, counted from 1) the part reads {@code text}. */
    public record Entry(int endStep, String text) {
    }

    /** One AND-part: its text as typed, its weight and its schedule; warnings for syntax kept as text. */
    public record Part(String text, double weight, List<Entry> schedule, List<String> warnings) {
        public Part {
            schedule = List.copyOf(schedule);
            warnings = List.copyOf(warnings);
        }
    }

    private PromptScheduling() {
    }

    /**
     * The schedule of every AND-part of {@code prompt} over {@code steps} steps, or over a hires pass of
     * {@code hiresSteps} after them when that is positive (the WebUI's hires timing).
     */
    public static List<Part> of(String prompt, int steps, int hiresSteps) {
        Parameters.STEPS.check(steps);
        if (hiresSteps != 0) {
            Parameters.STEPS.check(hiresSteps); // a negative count is refused here too
        }
        ScheduleTiming timing = hiresSteps > 0 ? ScheduleTiming.hires(steps, hiresSteps) : ScheduleTiming.of(steps);
        List<Part> parts = new ArrayList<>();
        for (PromptPart part : ComposablePrompt.split(prompt)) {
            PromptSchedule schedule = PromptSchedule.of(part.text(), timing);
            parts.add(new Part(part.text(), part.weight(),
                    schedule.entries().stream().map(e -> new Entry(e.endStep(), e.text())).toList(),
                    schedule.warnings()));
        }
        return parts;
    }
}
