package org.sandpaint.engine.text;

import java.util.List;

/** A piece of a prompt as the WebUI's prompt-editing grammar reads it. */
sealed interface EditNode {

    /** Text kept as written at every step (plain words, emphasis brackets, stray brackets). */
    record Text(String text) implements EditNode {
    }

    /**
     * {@code [from:to:when]}, {@code [to:when]} ({@code from} is null) or {@code [from::when]}.
     *
     * @param when the number as written; {@link ScheduleTiming} turns it into a step
     */
    record Scheduled(List<EditNode> from, List<EditNode> to, String when) implements EditNode {
    }

    /** {@code [a|b|c]}: option {@code (step - 1) mod n} at each step; an empty option is empty text. */
    record Alternation(List<List<EditNode>> options) implements EditNode {
    }
}
