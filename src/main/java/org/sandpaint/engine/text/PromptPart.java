package org.sandpaint.engine.text;

/** One part of a prompt split at {@code AND}: its text and the weight written after it ({@code :1.2}). */
public record PromptPart(String text, double weight) {
}
