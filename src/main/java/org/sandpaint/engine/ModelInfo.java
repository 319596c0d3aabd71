package org.sandpaint.engine;

import org.sandpaint.engine.model.ModelFolder;

import java.nio.file.Path;

/**
 * A model folder that passed its checks (all parts present, not a checkpoint file, not SDXL), before its
 * networks are loaded: what a front end needs to know first, such as the size to default to.
 */
public final class ModelInfo {

    private final ModelFolder folder;

    ModelInfo(ModelFolder folder) {
        this.folder = folder;
    }

    /** Checks the folder and reads its settings; the exception's message is meant for the user. */
    public static ModelInfo check(Path dir) throws ModelException {
        return new ModelInfo(ModelFolder.open(dir));
    }

    /** The folder's name, as the infotext's {@code Model} key writes it. */
    public String name() {
        return folder.name();
    }

    public Path root() {
        return folder.root();
    }

    /** The side length the model was trained at (512 for SD 1.x, 64 for the demo model). */
    public int nativeSize() {
        return folder.nativeSize();
    }

    ModelFolder folder() {
        return folder;
    }
}
