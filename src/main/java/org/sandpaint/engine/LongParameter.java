package org.sandpaint.engine;

/** A whole-number parameter too large for an int: the seed (the WebUI's seeds are unsigned 32-bit and more). */
public record LongParameter(String name, String label, String infotextKey, long defaultValue, long min, long max,
                            String hint) implements Parameter {

    public LongParameter {
        if (min > max || defaultValue < min || defaultValue > max) {
            throw new IllegalArgumentException("Inconsistent limits for " + name);
        }
    }

    public boolean accepts(long value) {
        return value >= min && value <= max;
    }

    public long check(long value) {
        if (!accepts(value)) {
            throw Parameter.outOfRange(label, max == Long.MAX_VALUE ? min + " or more" : "between " + min + " and " + max,
                    hint, Long.toString(value));
        }
        return value;
    }

    @Override
    public String defaultText() {
        return Long.toString(defaultValue);
    }

    @Override
    public String rangeText() {
        return max == Long.MAX_VALUE ? min + " or more" : min + "-" + max;
    }
}
