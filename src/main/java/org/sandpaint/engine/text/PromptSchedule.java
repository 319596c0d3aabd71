package org.sandpaint.engine.text;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.TreeSet;

/**
 * A prompt's text step by step after prompt editing ({@code [from:to:when]}) and alternation
 * ({@code [a|b]}): the WebUI's {@code get_learned_conditioning_prompt_schedules} for one prompt.
 *
 * @param entries  one entry per change point, in step order; the last one ends at the last step
 * @param warnings what in the prompt was not understood and kept as text (empty when everything was read)
 */
public record PromptSchedule(List<ScheduledText> entries, List<String> warnings) {

    public PromptSchedule {
        entries = List.copyOf(entries);
        warnings = List.copyOf(warnings);
    }

    /** Schedules {@code prompt} (null counts as empty) for {@code timing}. */
    public static PromptSchedule of(String prompt, ScheduleTiming timing) {
        String text = prompt == null ? "" : prompt;
        PromptEditParser.Result parsed = PromptEditParser.parse(text);
        List<String> warnings = new ArrayList<>();
        int steps = timing.steps();
        if (!parsed.parsed()) {
            if (text.indexOf('[') >= 0) {
                warnings.add("The prompt's [...] editing syntax could not be read (a | outside [a|b], or a \\ at the "
                        + "end or before a line break), so \"" + shorten(text) + "\" is used as written at every "
                        + "step, as the WebUI does. Escape a literal | as \\|.");
            }
            return new PromptSchedule(List.of(new ScheduledText(steps, text)), warnings);
        }
        if (parsed.depthLimit()) {
            warnings.add("Brackets nested deeper than " + PromptEditParser.MAX_DEPTH + " levels were read as text.");
        }
        TreeSet<Integer> ends = new TreeSet<>();
        ends.add(steps);
        collectEnds(parsed.nodes(), timing, ends);
        List<ScheduledText> entries = new ArrayList<>();
        for (int end : ends) {
            entries.add(new ScheduledText(end, textAt(parsed.nodes(), end, timing)));
        }
        for (ScheduledText entry : entries) {
            UnreadBrackets.find(entry.text()).forEach(group -> {
                String warning = "\"" + shorten(group) + "\" is neither prompt editing ([from:to:when], [to:when], "
                        + "[from::when]) nor alternation ([a|b]); it was kept as text, de-emphasized by its [ ].";
                if (!warnings.contains(warning)) {
                    warnings.add(warning);
                }
            });
        }
        return new PromptSchedule(entries, warnings);
    }

    /**
     * The text at sampling step {@code step} as the WebUI's {@code reconstruct_cond_batch} picks it: the
     * first entry whose end is at or after the step (the WebUI counts the first step as 0 there), and the
     * first entry if none is.
     */
    public String textAt(int step) {
        return entries.get(indexAt(step)).text();
    }

    /** The index of the entry {@link #textAt} uses. */
    public int indexAt(int step) {
        for (int i = 0; i < entries.size(); i++) {
            if (step <= entries.get(i).endStep()) {
                return i;
            }
        }
        return 0;
    }

    /** The distinct texts in order of first use. */
    public List<String> texts() {
        LinkedHashSet<String> texts = new LinkedHashSet<>();
        entries.forEach(e -> texts.add(e.text()));
        return List.copyOf(texts);
    }

    private static void collectEnds(List<EditNode> nodes, ScheduleTiming timing, TreeSet<Integer> ends) {
        for (EditNode node : nodes) {
            if (node instanceof EditNode.Scheduled scheduled) {
                long when = timing.stepOf(scheduled.when());
                if (when >= 1) {
                    ends.add((int) when);
                }
                if (scheduled.from() != null) {
                    collectEnds(scheduled.from(), timing, ends);
                }
                collectEnds(scheduled.to(), timing, ends);
            } else if (node instanceof EditNode.Alternation alternation) {
                for (int s = 1; s <= timing.steps(); s++) {
                    ends.add(s);
                }
                alternation.options().forEach(option -> collectEnds(option, timing, ends));
            }
        }
    }

    private static String textAt(List<EditNode> nodes, int step, ScheduleTiming timing) {
        StringBuilder out = new StringBuilder();
        appendAt(nodes, step, timing, out);
        return out.toString();
    }

    private static void appendAt(List<EditNode> nodes, int step, ScheduleTiming timing, StringBuilder out) {
        for (EditNode node : nodes) {
            if (node instanceof EditNode.Text text) {
                out.append(text.text());
            } else if (node instanceof EditNode.Scheduled scheduled) {
                if (step <= timing.stepOf(scheduled.when())) {
                    if (scheduled.from() != null) {
                        appendAt(scheduled.from(), step, timing, out);
                    }
                } else {
                    appendAt(scheduled.to(), step, timing, out);
                }
            } else if (node instanceof EditNode.Alternation alternation) {
                List<List<EditNode>> options = alternation.options();
                appendAt(options.get(Math.floorMod(step - 1, options.size())), step, timing, out);
            }
        }
    }

    private static String shorten(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
