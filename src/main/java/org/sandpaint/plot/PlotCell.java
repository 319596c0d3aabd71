package org.sandpaint.plot;

import org.sandpaint.engine.GenerationRequest;

import java.util.function.UnaryOperator;

/**
 * What one cell of a plot renders: the request with the cell's axis values applied, and the checkpoint
 * (model) it runs on.
 *
 * @param checkpoint the model named by a checkpoint axis, or null for the plot's own model
 */
public record PlotCell(GenerationRequest request, String checkpoint) {

    /** A copy whose request is rebuilt through {@code change} (the request validates the new values). */
    public PlotCell withRequest(UnaryOperator<GenerationRequest.Builder> change) {
        return new PlotCell(change.apply(request.toBuilder()).build(), checkpoint);
    }

    public PlotCell withCheckpoint(String name) {
        return new PlotCell(request, name);
    }
}
