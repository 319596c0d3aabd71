package org.sandpaint.plot;

import org.sandpaint.engine.ProgressListener;

/** A plot's events: each cell's steps and images (as for one generation), and each finished cell. */
public interface PlotListener extends ProgressListener {

    PlotListener NONE = new PlotListener() { };

    /** Before a cell renders; {@code number} counts from 1 in the order cells run. */
    default void onCellStart(PlotCell cell, int number, int total) {
    }

    /** As soon as a cell is rendered: the place to save its pictures. */
    default void onCell(CellResult cell) {
    }
}
