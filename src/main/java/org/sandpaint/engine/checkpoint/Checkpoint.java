package org.sandpaint.engine.checkpoint;

import org.sandpaint.engine.checkpoint.graph.WeightSource;
import org.sandpaint.engine.ModelException;
import org.sandpaint.engine.model.ModelFolder;
import org.sandpaint.engine.text.ClipTokenizer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A single-file checkpoint opened and understood, before any network is built: the mapped file, what it
 * is ({@link CheckpointArchitecture}) and its settings in the shape the pipeline reads. Stays open while
 * its model runs (the token embeddings are read from it).
 */
public final class Checkpoint implements CheckpointSource {


    private final SafetensorsFile file;
    private final CheckpointArchitecture architecture;
    private final ModelFolder settings;

    private Checkpoint(SafetensorsFile file, CheckpointArchitecture architecture, ModelFolder settings) {
        this.file = file;
        this.architecture = architecture;
        this.settings = settings;
    }

    /** True for a path that names a checkpoint file (including the pickle ones, refused with a message). */
    public static boolean isCheckpointFile(Path path) {
        String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(path)
                && (name.endsWith(".safetensors") || PickleFiles.isPickle(path));
    }

    /**
     * Opens a {@code .safetensors} checkpoint with the yaml beside it ({@code NAME.yaml}, the WebUI's
     * convention) or the one {@code overrides} names. The message of any failure is meant for the user.
     */
    public static Checkpoint open(Path path, CheckpointOverrides overrides) throws ModelException {
        Path file = path.toAbsolutePath().normalize();
        String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (PickleFiles.isPickle(file)) {
            throw PickleFiles.refuseCheckpoint(file);
        }
        Optional<Path> yamlFile = overrides.config().or(() -> besideYaml(file));
        Optional<LdmConfig> yaml = yamlFile.isPresent() ? Optional.of(LdmConfig.read(yamlFile.get())) : Optional.empty();
        SafetensorsFile st = SafetensorsFile.open(file);
        try {
            CheckpointArchitecture architecture = ArchitectureReader.read(st, yaml, yamlFile, overrides);
            ModelFolder settings = ModelFolder.forCheckpoint(file, architecture.scheduler(), architecture.scaleFactor(),
                    architecture.family().nativeSize(architecture.prediction()));
            return new Checkpoint(st, architecture, settings);
        } catch (ModelException | RuntimeException e) {
            st.close();
            throw e;
        }
    }

    private static Optional<Path> besideYaml(Path file) {
        String name = file.getFileName().toString();
        String stem = name.substring(0, name.lastIndexOf('.'));
        for (String suffix : List.of(".yaml", ".yml")) {
            Path yaml = file.resolveSibling(stem + suffix);
            if (Files.isRegularFile(yaml)) {
                return Optional.of(yaml);
            }
        }
        return Optional.empty();
    }

    public SafetensorsFile file() {
        return file;
    }

    @Override
    public Path location() {
        return file.file();
    }

    @Override
    public CheckpointArchitecture architecture() {
        return architecture;
    }

    @Override
    public ModelFolder settings() {
        return settings;
    }

    @Override
    public WeightSource weights() {
        return CheckpointWeights.of(file);
    }

    @Override
    public TokenEmbeddings tokenEmbeddings() throws ModelException {
        return new TokenEmbeddings(file, architecture.text().naming().tokenEmbeddingKey());
    }

    /** Single files carry no tokenizer: the one Sandpaint ships, padded as the family pads. */
    @Override
    public ClipTokenizer loadTokenizer() throws ModelException {
        return BundledTokenizer.load(architecture.family());
    }

    @Override
    public void close() {
        file.close();
    }
}
