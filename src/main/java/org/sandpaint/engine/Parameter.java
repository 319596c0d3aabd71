package org.sandpaint.engine;

/**
 * One generation parameter as every front end and the infotext see it. The instances live in
 * {@link Parameters}; nothing else states a parameter's default or limits.
 */
public sealed interface Parameter
        permits IntParameter, LongParameter, DecimalParameter, TextParameter, ChoiceParameter, FlagParameter {

    /** Machine name, also the command line option ({@code --name}). */
    String name();

    /** What a person reads next to the control. */
    String label();

    /** The key in the WebUI's parameters text, or "" when the WebUI writes none. */
    String infotextKey();

    /** The default as text, as the command line shows and parses it. */
    String defaultText();

    /** The accepted values as a person reads them ("1-150"), or "" when any value goes. */
    default String rangeText() {
        return "";
    }

    /** A short reading of special values ("1 = last layer"), or "". */
    default String hint() {
        return "";
    }

    /** "CLIP skip must be between 1 and 12 (1 = last layer), got 24." */
    static IllegalArgumentException outOfRange(String label, String range, String hint, String got) {
        return new IllegalArgumentException(label + " must be " + range + (hint.isEmpty() ? "" : " (" + hint + ")")
                + ", got " + got + ".");
    }
}
