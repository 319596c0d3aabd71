package org.sandpaint.engine;

import org.sandpaint.engine.checkpoint.Checkpoint;
import org.sandpaint.engine.checkpoint.CheckpointOverrides;
import org.sandpaint.engine.checkpoint.CheckpointSource;
import org.sandpaint.engine.checkpoint.DiffusersFolder;
import org.sandpaint.engine.model.ModelFolder;

import java.nio.file.Path;

/**
 * A model that passed its checks, before its networks are loaded: what a front end needs to know first, such
 * as the size to default to. Either an ONNX folder (all parts present, not SDXL) or a model Sandpaint builds
 * from its weights: a single-file {@code .safetensors} checkpoint or a diffusers folder of {@code .safetensors}
 * parts, read and understood (family, sizes, prediction) but not kept open.
 */
public final class ModelInfo {

    private static final String ONNX = "ONNX folder";

    private final ModelFolder folder;
    private final CheckpointOverrides overrides;
    private final String kind;

    private ModelInfo(ModelFolder folder, CheckpointOverrides overrides, String kind) {
        this.folder = folder;
        this.overrides = overrides;
        this.kind = kind;
    }

    ModelInfo(ModelFolder folder) {
        this(folder, CheckpointOverrides.NONE, ONNX);
    }

    /** Checks the model and reads its settings; the exception's message is meant for the user. */
    public static ModelInfo check(Path model) throws ModelException {
        return check(model, null, null);
    }

    /**
     * As {@link #check(Path)}, with what the user says about a checkpoint.
     *
     * @param config     an LDM inference yaml to use instead of {@code NAME.yaml} beside the file; null for none
     * @param prediction "v" or "epsilon" to override the yaml and the family default; null for none
     * @throws IllegalArgumentException for a prediction type other than v or epsilon
     */
    public static ModelInfo check(Path model, Path config, String prediction) throws ModelException {
        CheckpointOverrides overrides = CheckpointOverrides.NONE.withConfig(config);
        if (prediction != null) {
            overrides = overrides.withPrediction(CheckpointOverrides.parsePrediction(prediction));
        }
        String name = String.valueOf(model.getFileName()).toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".safetensors") && !java.nio.file.Files.exists(model)) {
            throw new ModelException("There is no checkpoint file " + model.toAbsolutePath() + ". Check the path.");
        }
        if (Checkpoint.isCheckpointFile(model) || DiffusersFolder.isDiffusersFolder(model)) {
            try (CheckpointSource source = open(model, overrides)) {
                return new ModelInfo(source.settings(), overrides, source.architecture().describe());
            }
        }
        return new ModelInfo(ModelFolder.open(model));
    }

    /** The description of a checkpoint already open. */
    static ModelInfo of(CheckpointSource source) {
        return new ModelInfo(source.settings(), CheckpointOverrides.NONE, source.architecture().describe());
    }

    private static CheckpointSource open(Path model, CheckpointOverrides overrides) throws ModelException {
        return Checkpoint.isCheckpointFile(model) ? Checkpoint.open(model, overrides)
                : DiffusersFolder.open(model, overrides);
    }

    /** The folder's name, or a checkpoint file's without extension, as the infotext's {@code Model} key writes it. */
    public String name() {
        return folder.name();
    }

    public Path root() {
        return folder.root();
    }

    /** The side length the model was trained at (512 for SD 1.x, 768 for SD 2.x v-prediction, 64 for the demo). */
    public int nativeSize() {
        return folder.nativeSize();
    }

    /**
     * "ONNX folder", or a checkpoint's family and prediction type with where that came from, e.g.
     * "SD 2.x, v-prediction (v2-inference-v.yaml)".
     */
    public String kind() {
        return kind;
    }

    ModelFolder folder() {
        return folder;
    }

    /** True for a checkpoint (file or diffusers folder) whose networks Sandpaint builds. */
    boolean isBuiltFromWeights() {
        return !kind.equals(ONNX);
    }

    /** Opens the checkpoint again, with the same overrides, to load it. */
    CheckpointSource openWeights() throws ModelException {
        return open(folder.root(), overrides);
    }
}
