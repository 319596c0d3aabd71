package org.sandpaint.plot;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One axis of a plot: its type, the values as the user wrote them (the infotext's {@code X Values}) and the
 * values read from them.
 */
public record Axis(AxisType type, String text, List<AxisValue> values) {

    /** The WebUI's "Nothing": one value that changes nothing and has no label. */
    public static final Axis NONE = new Axis(new AxisType("Nothing", List.of(), 0, t -> List.of()), "",
            List.of(new AxisValue("", "", UnaryOperator.identity())));

    public Axis {
        values = List.copyOf(values);
    }

    /**
     * Reads {@code "steps: 10,20"} (a type, a colon, the values).
     *
     * @param letter "X", "Y" or "Z", to name the axis in messages
     */
    public static Axis parse(String letter, String spec) {
        int colon = spec.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException(letter + " axis '" + spec + "': write TYPE: VALUES, e.g. \"steps: 10,20\""
                    + " (types: " + AxisTypes.names() + ").");
        }
        String name = spec.substring(0, colon);
        AxisType type = AxisTypes.byName(name).orElseThrow(() -> new IllegalArgumentException(letter + " axis: unknown "
                + "type '" + name.strip() + "'. Choose one of: " + AxisTypes.names() + "."));
        return of(letter, type, spec.substring(colon + 1).strip());
    }

    /** Reads the values of a type; a bad value gives a message naming the axis. */
    public static Axis of(String letter, AxisType type, String text) {
        List<AxisValue> values;
        try {
            values = type.reader().read(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(letter + " axis (" + type.label() + "): " + sentence(e.getMessage()), e);
        }
        if (values.isEmpty()) {
            throw new IllegalArgumentException(letter + " axis (" + type.label() + ") has no values: list them "
                    + "after the colon, e.g. \"" + type.names().get(0) + ": 1,2\".");
        }
        return new Axis(type, text, values);
    }

    public boolean isNone() {
        return this == NONE;
    }

    public int size() {
        return values.size();
    }

    static String sentence(String message) {
        return message.endsWith(".") ? message : message + ".";
    }
}
