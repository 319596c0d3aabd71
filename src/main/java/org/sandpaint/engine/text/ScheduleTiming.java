package org.sandpaint.engine.text;

/**
 * How the {@code when} of {@code [from:to:when]} becomes a step, as the WebUI's
 * {@code get_learned_conditioning_prompt_schedules} does it.
 *
 * <p>By default a number written with a dot is a fraction of the steps ({@code 0.5} = half-way) and one
 * without is a step number ({@code 5}); in a hires pass fractions count from 1.0 and step numbers from the
 * end of the first pass, so {@code [a:b:1.5]} switches half-way through the hires steps. The WebUI's
 * "old prompt editing timelines" option instead reads every value below 1 as a fraction of the steps.
 *
 * @param baseSteps     the (first pass) steps
 * @param hiresSteps    the hires pass's steps, or 0 for the first pass
 * @param oldScheduling the WebUI's old rule (the hires offsets do not apply then)
 */
public record ScheduleTiming(int baseSteps, int hiresSteps, boolean oldScheduling) {

    public ScheduleTiming {
        if (baseSteps < 1 || hiresSteps < 0) {
            throw new IllegalArgumentException("Steps must be at least 1 (hires steps 0 or more), got "
                    + baseSteps + " and " + hiresSteps + ".");
        }
    }

    /** A first pass of {@code steps} steps. */
    public static ScheduleTiming of(int steps) {
        return new ScheduleTiming(steps, 0, false);
    }

    /** The hires pass of {@code hiresSteps} steps after a first pass of {@code baseSteps}. */
    public static ScheduleTiming hires(int baseSteps, int hiresSteps) {
        if (hiresSteps < 1) {
            throw new IllegalArgumentException("Hires steps must be at least 1, got " + hiresSteps + ".");
        }
        return new ScheduleTiming(baseSteps, hiresSteps, false);
    }

    public ScheduleTiming withOldScheduling() {
        return new ScheduleTiming(baseSteps, hiresSteps, true);
    }

    private boolean hiresPass() {
        return hiresSteps > 0 && !oldScheduling;
    }

    /** The number of steps the schedule covers. */
    public int steps() {
        return hiresPass() ? hiresSteps : baseSteps;
    }

    /**
     * The last step that uses the text before the colon; values below 1 mean none does. The WebUI truncates
     * towards zero and caps at {@link #steps()}; it fails on a number too large for a float ({@code 1e999}),
     * which is read here as "after the last step" (or, negative, "before the first").
     */
    long stepOf(String number) {
        double v = Double.parseDouble(number);
        int steps = steps();
        if (oldScheduling) {
            v = v < 1 ? v * steps : v;
        } else if (number.contains(".")) {
            v = (v - (hiresPass() ? 1.0 : 0.0)) * steps;
        } else {
            v = v - (hiresPass() ? baseSteps : 0);
        }
        return v >= steps ? steps : (long) v; // (long) truncates like Python's int() and saturates at -inf
    }
}
