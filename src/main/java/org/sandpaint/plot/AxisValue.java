package org.sandpaint.plot;

import java.util.function.UnaryOperator;

/**
 * One value of an axis, ready to use.
 *
 * @param text   the value as the infotext writes it (a random seed already drawn)
 * @param label  what the grid shows for it: {@code Steps: 20}, or the bare value for samplers and prompts
 * @param change how it changes a cell; throws {@link IllegalArgumentException} when it cannot apply
 */
public record AxisValue(String text, String label, UnaryOperator<PlotCell> change) {
}
