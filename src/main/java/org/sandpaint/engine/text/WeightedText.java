package org.sandpaint.engine.text;

/**
 * One piece of a parsed prompt: text with its attention weight, or a {@code BREAK} marker.
 *
 * <p>The WebUI encodes a BREAK as the pair ("BREAK", -1); here it is a flag instead, so that a real
 * negative weight such as {@code (x:-1)} can never be mistaken for one. A break's weight is always 1
 * and means nothing; its text is "BREAK" so that joining all texts loses no letters of the prompt.
 *
 * @param text    the text to tokenize (may be empty only for the single fragment of an empty prompt)
 * @param weight  the multiplier applied to this text's token encodings
 * @param isBreak whether this fragment ends the current 75-token chunk instead of carrying text
 */
public record WeightedText(String text, double weight, boolean isBreak) {

    public static final WeightedText BREAK = new WeightedText("BREAK", 1.0, true);

    public WeightedText(String text, double weight) {
        this(text, weight, false);
    }
}
