package org.sandpaint.engine.checkpoint;

import org.sandpaint.engine.checkpoint.graph.WeightSource;
import org.sandpaint.engine.ModelException;
import org.sandpaint.engine.model.ModelFolder;
import org.sandpaint.engine.text.ClipTokenizer;

import java.nio.file.Path;

/**
 * A model whose networks Sandpaint builds itself, in either form people download: one {@code .safetensors}
 * file ({@link Checkpoint}) or a diffusers folder of {@code .safetensors} parts ({@link DiffusersFolder}).
 * Weights are always asked for by their LDM checkpoint key; a folder translates. Stays open while its model
 * runs (the token embeddings are read from it).
 */
public interface CheckpointSource extends AutoCloseable {

    /** The file or folder, for messages. */
    Path location();

    CheckpointArchitecture architecture();

    /** The model's settings (scheduler, scaling factor, native size, name) for the pipeline. */
    ModelFolder settings();

    /** The weights by LDM key as float32; LoRA patches and a replacement VAE wrap this source. */
    WeightSource weights();

    /** The text encoder's token embedding table. */
    TokenEmbeddings tokenEmbeddings() throws ModelException;

    /** The model's tokenizer: a folder's own, or the one Sandpaint ships. */
    ClipTokenizer loadTokenizer() throws ModelException;

    @Override
    void close();
}
