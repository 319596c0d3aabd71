package org.sandpaint.engine;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * A decimal parameter. Its step is the controls' increment only: any finite value in range is accepted,
 * as the WebUI's API accepts it.
 *
 * @param hint a short reading of special values ("1 = no guidance"), or ""
 */
public record DecimalParameter(String name, String label, String infotextKey, double defaultValue, double min,
                               double max, double step, String hint) implements Parameter {

    /** Enough digits for any value a person types, few enough to drop binary noise (0.6, not 0.5999999999999999). */
    private static final MathContext WRITTEN = new MathContext(12);

    public DecimalParameter {
        if (!(min <= defaultValue && defaultValue <= max) || !(step > 0)) {
            throw new IllegalArgumentException("Inconsistent limits for " + name);
        }
    }

    public boolean accepts(double value) {
        return Double.isFinite(value) && value >= min && value <= max;
    }

    public double check(double value) {
        if (!accepts(value)) {
            throw Parameter.outOfRange(label, "between " + format(min) + " and " + format(max), hint, format(value));
        }
        return value;
    }

    /** A number as the WebUI writes it: {@code 7}, {@code 7.5}, {@code 0.6}. */
    public static String format(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        String text = new BigDecimal(Double.toString(value)).round(WRITTEN).stripTrailingZeros().toPlainString();
        return text.equals("-0") ? "0" : text;
    }

    @Override
    public String defaultText() {
        return format(defaultValue);
    }

    @Override
    public String rangeText() {
        return format(min) + "-" + format(max);
    }
}
