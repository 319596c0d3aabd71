package org.sandpaint.engine;

/**
 * A whole-number parameter. Its step is a rule, not only the controls' increment: values must be
 * multiples of it (sizes are multiples of 8 because the VAE works on 8x8 pixel blocks).
 *
 * @param hint a short reading of special values ("0 = never"), or ""
 */
public record IntParameter(String name, String label, String infotextKey, int defaultValue, int min, int max,
                           int step, String hint) implements Parameter {

    public IntParameter {
        if (min > max || defaultValue < min || defaultValue > max || step < 1 || defaultValue % step != 0) {
            throw new IllegalArgumentException("Inconsistent limits for " + name);
        }
    }

    public boolean accepts(int value) {
        return value >= min && value <= max && value % step == 0;
    }

    /** The value when it is accepted, else an exception whose message says what is allowed. */
    public int check(int value) {
        if (!accepts(value)) {
            throw Parameter.outOfRange(label, (step > 1 ? "a multiple of " + step + " " : "") + "between " + min
                    + " and " + max, hint, Integer.toString(value));
        }
        return value;
    }

    @Override
    public String defaultText() {
        return Integer.toString(defaultValue);
    }

    @Override
    public String rangeText() {
        return min + "-" + max + (step > 1 ? ", a multiple of " + step : "");
    }
}
