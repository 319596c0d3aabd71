package org.sandpaint.plot;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The X/Y/Z plot's value lists as the WebUI's {@code scripts/xyz_grid.py} reads them: comma-separated
 * (CSV quoting for values that hold commas), with ranges for numbers: {@code 1-5} (1,2,3,4,5),
 * {@code 1-10 (+2)} (1,3,5,7,9: a step), {@code 10-20 [5]} (five values evenly from 10 to 20, whole-number
 * axes truncate 12.5 to 12) and {@code 1.5-3 (+0.5)}.
 *
 * <p>Two deliberate differences, both where the WebUI surprises its users: a quote after the spaces that
 * follow a comma still quotes ({@code a, "b, c"} is two values; Python's csv module would make it three),
 * and a decimal range with a step ends at its end value ({@code 0.1-1 (+0.1)} stops at 1, where numpy's
 * arange reaches 1.1 through rounding and the plot then fails on a denoising strength above 1).
 */
public final class AxisValues {

    private static final String INT = "[+-]?\\s*\\d+";
    private static final String DEC = "[+-]?\\s*\\d+(?:\\.\\d*)?";
    private static final Pattern INT_STEP = Pattern.compile("\\s*(" + INT + ")\\s*-\\s*(" + INT + ")(?:\\s*\\(([+-]\\d+)\\s*\\))?\\s*");
    private static final Pattern INT_COUNT = Pattern.compile("\\s*(" + INT + ")\\s*-\\s*(" + INT + ")(?:\\s*\\[(\\d+)\\s*])?\\s*");
    private static final Pattern DEC_STEP = Pattern.compile("\\s*(" + DEC + ")\\s*-\\s*(" + DEC + ")(?:\\s*\\(([+-]\\d+(?:\\.\\d*)?)\\s*\\))?\\s*");
    private static final Pattern DEC_COUNT = Pattern.compile("\\s*(" + DEC + ")\\s*-\\s*(" + DEC + ")(?:\\s*\\[(\\d+)\\s*])?\\s*");

    /** More values than any grid anyone wants to wait for: catches {@code 1-1000000} before it allocates. */
    static final int MAX_VALUES = 10_000;

    /** Decimal values are rounded to this many places, as the WebUI rounds them for its labels. */
    private static final int DECIMALS = 8;

    private AxisValues() {
    }

    /**
     * Splits a value list at commas and line breaks; a value in double quotes may hold commas and
     * {@code ""} stands for a quote. Values are trimmed; empty ones are dropped.
     */
    public static List<String> split(String text) {
        List<String> values = new ArrayList<>();
        StringBuilder value = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    value.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    value.append(c);
                }
            } else if (c == '"' && value.toString().isBlank()) {
                value.setLength(0);
                quoted = true;
                wasQuoted = true;
            } else if (c == ',' || c == '\n' || c == '\r') {
                add(values, value, wasQuoted);
                wasQuoted = false;
            } else {
                value.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("a quote is not closed in: " + text);
        }
        add(values, value, wasQuoted);
        return values;
    }

    private static void add(List<String> values, StringBuilder value, boolean quoted) {
        String v = quoted ? value.toString() : value.toString().strip();
        if (!v.isEmpty()) {
            values.add(v);
        }
        value.setLength(0);
    }

    /** Whole numbers and whole-number ranges. */
    public static List<Long> integers(String text) {
        List<Long> out = new ArrayList<>();
        for (String item : split(text)) {
            Matcher step = INT_STEP.matcher(item);
            Matcher count = INT_COUNT.matcher(item);
            if (step.matches()) {
                long start = whole(step.group(1));
                long end = whole(step.group(2)) + 1;
                long by = step.group(3) == null ? 1 : whole(step.group(3));
                if (by == 0) {
                    throw new IllegalArgumentException("the step of '" + item + "' is 0: use (+1) or more");
                }
                // Python's range(start, end + 1, step): the end is included when the steps land on it.
                for (long v = start; by > 0 ? v < end : v > end; v += by) {
                    addChecked(out, v, item);
                }
            } else if (count.matches()) {
                long start = whole(count.group(1));
                long end = whole(count.group(2));
                for (double v : linspace(start, end, counted(count.group(3), item))) {
                    addChecked(out, (long) v, item); // int() truncates toward zero
                }
            } else {
                try {
                    out.add(Long.parseLong(item.strip()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + item + "' is neither a whole number nor a range "
                            + "(1-5, 1-10 (+2), 10-20 [5])");
                }
            }
        }
        return out;
    }

    /** Decimal numbers and decimal ranges. */
    public static List<Double> decimals(String text) {
        List<Double> out = new ArrayList<>();
        for (String item : split(text)) {
            Matcher step = DEC_STEP.matcher(item);
            Matcher count = DEC_COUNT.matcher(item);
            if (step.matches()) {
                double start = decimal(step.group(1));
                double end = decimal(step.group(2));
                double by = step.group(3) == null ? 1 : decimal(step.group(3));
                if (by == 0) {
                    throw new IllegalArgumentException("the step of '" + item + "' is 0: use (+0.5) or similar");
                }
                // Tolerance of a millionth of a step so that 0.1-1 (+0.1) ends at 1 despite binary rounding.
                long n = (long) Math.floor((end - start) / by + 1e-6) + 1;
                if (n > MAX_VALUES) {
                    throw tooMany(item);
                }
                for (long i = 0; i < n; i++) {
                    out.add(rounded(start + i * by));
                }
            } else if (count.matches()) {
                for (double v : linspace(decimal(count.group(1)), decimal(count.group(2)), counted(count.group(3), item))) {
                    out.add(rounded(v));
                }
            } else {
                try {
                    double v = Double.parseDouble(item.strip());
                    if (!Double.isFinite(v)) {
                        throw new NumberFormatException();
                    }
                    out.add(v);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + item + "' is neither a number nor a range "
                            + "(1-5, 1.5-3 (+0.5), 1-2 [5])");
                }
            }
        }
        return out;
    }

    /** numpy's linspace: {@code count} values from start to end, both included (only start for 1). */
    private static double[] linspace(double start, double end, int count) {
        double[] v = new double[count];
        if (count == 1) {
            v[0] = start;
            return v;
        }
        double step = (end - start) / (count - 1);
        for (int i = 0; i < count; i++) {
            v[i] = i * step + start;
        }
        v[count - 1] = end;
        return v;
    }

    private static int counted(String group, String item) {
        long n = group == null ? 1 : whole(group);
        if (n < 1) {
            throw new IllegalArgumentException("'" + item + "' asks for no values: the count in [ ] must be 1 or more");
        }
        if (n > MAX_VALUES) {
            throw tooMany(item);
        }
        return (int) n;
    }

    private static void addChecked(List<Long> out, long v, String item) {
        if (out.size() >= MAX_VALUES) {
            throw tooMany(item);
        }
        out.add(v);
    }

    private static IllegalArgumentException tooMany(String item) {
        return new IllegalArgumentException("'" + item + "' makes more than " + MAX_VALUES + " values");
    }

    private static long whole(String text) {
        try {
            return Long.parseLong(text.replaceAll("\\s", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is too large a number");
        }
    }

    private static double decimal(String text) {
        return Double.parseDouble(text.replaceAll("\\s", ""));
    }

    private static double rounded(double v) {
        return new BigDecimal(v).setScale(DECIMALS, RoundingMode.HALF_EVEN).doubleValue();
    }
}
