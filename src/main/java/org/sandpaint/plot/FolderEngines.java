package org.sandpaint.plot;

import org.sandpaint.engine.Engine;
import org.sandpaint.engine.EngineOptions;
import org.sandpaint.engine.ModelException;
import org.sandpaint.engine.ModelInfo;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Model folders as plot engines: a checkpoint value is a folder path, or the name of a folder next to the
 * job's model (models/a, models/b). One other model is held at a time: the plot runs the checkpoint axis
 * outermost, so each loads once.
 */
public final class FolderEngines implements PlotEngines, AutoCloseable {

    private final Engine base;
    private final EngineOptions options;
    private String loadedName;
    private Engine loaded;

    /** @param base the job's own engine; closed by its owner, not here */
    public FolderEngines(Engine base, EngineOptions options) {
        this.base = base;
        this.options = options;
    }

    @Override
    public Engine engine(String checkpoint) throws ModelException {
        if (checkpoint == null) {
            return base;
        }
        if (!checkpoint.equals(loadedName)) {
            close();
            loaded = Engine.open(folder(checkpoint), options);
            loadedName = checkpoint;
        }
        return loaded;
    }

    @Override
    public void check(String checkpoint) throws ModelException {
        ModelInfo.check(folder(checkpoint));
    }

    /** The folder as written when it exists, else a sibling of the job's model folder by that name. */
    Path folder(String checkpoint) {
        Path asWritten = Path.of(checkpoint);
        if (Files.exists(asWritten) || asWritten.isAbsolute()) {
            return asWritten;
        }
        Path parent = base.model().root().toAbsolutePath().getParent();
        return parent == null ? asWritten : parent.resolve(checkpoint);
    }

    @Override
    public void close() {
        if (loaded != null) {
            loaded.close();
            loaded = null;
            loadedName = null;
        }
    }
}
