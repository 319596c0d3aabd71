package org.sandpaint.plot;

import org.sandpaint.engine.GenerationResult;

/**
 * One rendered cell.
 *
 * @param x      column (index into the X axis' values); {@code y} row, {@code z} sub-grid
 * @param cell   what was rendered
 * @param result the engine's result: its first picture goes into the grid, all of them carry their infotext
 */
public record CellResult(int x, int y, int z, PlotCell cell, GenerationResult result) {
}
