package org.sandpaint.plot;

import org.sandpaint.engine.Engine;
import org.sandpaint.engine.ModelException;

/**
 * The engines a plot renders on: the job's own model, and those a checkpoint axis names. The CLI opens
 * folders ({@link FolderEngines}); the studio can hand its loaded engine and switch models its own way.
 */
public interface PlotEngines {

    /** The engine for a cell; {@code checkpoint} null means the job's own model. */
    Engine engine(String checkpoint) throws ModelException;

    /** Refuses a checkpoint that cannot be loaded, before the plot starts; the message names it. */
    void check(String checkpoint) throws ModelException;
}
