package org.sandpaint.engine.text;

/** The prompt text used up to and including step {@code endStep} (1-based, as the WebUI counts). */
public record ScheduledText(int endStep, String text) {
}
