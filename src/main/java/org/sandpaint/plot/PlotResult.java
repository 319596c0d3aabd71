package org.sandpaint.plot;

import org.sandpaint.engine.Infotext;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A finished (or interrupted) plot.
 *
 * @param grid        the labelled grid; cells not rendered (interrupted) are left blank; null when none was
 * @param infotext    the first cell's parameters plus the plot's axes ({@code Script}, {@code X Type},
 *                    {@code X Values}, ...); null when no cell was rendered
 * @param cells       the rendered cells in the order they ran
 * @param interrupted whether the user stopped the plot
 */
public record PlotResult(BufferedImage grid, Infotext infotext, List<CellResult> cells, boolean interrupted) {
}
