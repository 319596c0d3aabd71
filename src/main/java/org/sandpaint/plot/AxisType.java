package org.sandpaint.plot;

import java.util.List;
import java.util.Locale;

/**
 * One thing a plot axis can vary, under the WebUI's name ({@code X Type} in the infotext).
 *
 * @param label  the WebUI's name: "Steps", "CFG Scale", "Prompt S/R", ...
 * @param names  what the command line accepts besides the label ("steps", "cfg")
 * @param cost   how slow a change of value is; the costliest axis is iterated outermost (checkpoints
 *               load once per value), as the WebUI orders its loops
 * @param reader turns the axis' value text into values
 */
public record AxisType(String label, List<String> names, double cost, Reader reader) {

    /** Reads a value list; throws {@link IllegalArgumentException} with a message a user can act on. */
    @FunctionalInterface
    public interface Reader {
        List<AxisValue> read(String text);
    }

    /** Whether {@code name} means this type: its label or one of its names, ignoring case, '-' and '_'. */
    public boolean isCalled(String name) {
        String wanted = normal(name);
        return normal(label).equals(wanted) || names.stream().anyMatch(n -> normal(n).equals(wanted));
    }

    private static String normal(String name) {
        return name.strip().toLowerCase(Locale.ROOT).replace('_', ' ').replace('-', ' ');
    }

    @Override
    public String toString() {
        return label;
    }
}
