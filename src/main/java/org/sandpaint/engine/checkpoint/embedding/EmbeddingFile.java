package org.sandpaint.engine.checkpoint.embedding;

import org.sandpaint.engine.checkpoint.PickleFiles;
import org.sandpaint.engine.checkpoint.SafetensorsFile;
import org.sandpaint.engine.checkpoint.TensorEntry;
import org.sandpaint.engine.ModelException;
import org.sandpaint.engine.text.TextualInversion;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a textual-inversion embedding as the WebUI recognises them: {@code string_to_param} with one tensor
 * (A1111 {@code .pt}), or a file holding a single tensor (e.g. {@code emb_params} in {@code .safetensors},
 * diffusers concepts); a 1-D tensor is one vector. SDXL embeddings ({@code clip_l} + {@code clip_g}) are
 * recognised and refused until SDXL is supported. The name is the file's stem.
 */
public final class EmbeddingFile {

    private EmbeddingFile() {
    }

    public static TextualInversion load(Path file) throws ModelException {
        String name = stem(file);
        String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".safetensors")) {
            return fromSafetensors(file, name);
        }
        if (PickleFiles.isPickle(file)) {
            return fromPickle(file, name);
        }
        throw new ModelException(file + " is not an embedding file Sandpaint reads (.safetensors or .pt).");
    }

    private static TextualInversion fromSafetensors(Path file, String name) throws ModelException {
        try (SafetensorsFile tensors = SafetensorsFile.open(file)) {
            Map<String, TensorEntry> all = tensors.tensors();
            if (all.containsKey("clip_l") && all.containsKey("clip_g")) {
                throw sdxl(file);
            }
            if (all.size() != 1) {
                throw new ModelException(file + " is not a textual-inversion embedding: it holds " + all.size()
                        + " tensors, an embedding holds one (e.g. emb_params). Is it a LoRA or a model?");
            }
            TensorEntry entry = all.values().iterator().next();
            return vectors(file, name, tensors.floats(entry), entry.shape());
        }
    }

    private static TextualInversion fromPickle(Path file, String name) throws ModelException {
        Object root = TorchPickleFile.read(file);
        if (!(root instanceof Map<?, ?> data)) {
            throw notAnEmbedding(file);
        }
        TorchTensor tensor;
        if (data.containsKey("string_to_param")) {
            if (!(data.get("string_to_param") instanceof Map<?, ?> params) || params.size() != 1
                    || !(params.values().iterator().next() instanceof TorchTensor t)) {
                throw new ModelException(file + ": its string_to_param must hold exactly one tensor (the WebUI "
                        + "refuses embedding files with several terms too).");
            }
            tensor = t;
        } else if (data.containsKey("clip_l") && data.containsKey("clip_g")) {
            throw sdxl(file);
        } else if (data.size() == 1 && data.values().iterator().next() instanceof TorchTensor t) {
            tensor = t;
        } else {
            throw notAnEmbedding(file);
        }
        if (!tensor.dtype().isFloat()) {
            throw new ModelException(file + ": its embedding tensor holds " + tensor.dtype() + " values, not floats.");
        }
        return vectors(file, name, tensor.floats(), tensor.size());
    }

    private static TextualInversion vectors(Path file, String name, float[] values, long[] shape) throws ModelException {
        if (shape.length == 0 || shape.length > 2 || values.length == 0) {
            throw new ModelException(file + ": an embedding is [vectors, width] or one vector [width]; this one "
                    + "is " + java.util.Arrays.toString(shape) + ".");
        }
        int width = (int) shape[shape.length - 1];
        float[][] vectors = new float[values.length / width][];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = java.util.Arrays.copyOfRange(values, i * width, (i + 1) * width);
        }
        return new TextualInversion(name, vectors);
    }

    private static ModelException sdxl(Path file) {
        return new ModelException(file.getFileName() + " is an SDXL embedding (clip_l and clip_g), which Sandpaint "
                + "does not use yet. Use an embedding made for SD 1.x or 2.x.");
    }

    private static ModelException notAnEmbedding(Path file) {
        return new ModelException(file + " is not a textual-inversion embedding: it has neither string_to_param "
                + "nor a single tensor.");
    }

    static String stem(Path file) {
        String fileName = file.getFileName().toString();
        int dot = fileName.lastIndexOf('.');
        return dot <= 0 ? fileName : fileName.substring(0, dot);
    }
}
