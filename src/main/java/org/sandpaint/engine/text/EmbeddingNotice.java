package org.sandpaint.engine.text;

import java.util.List;

/**
 * What to tell the user when a prompt calls embeddings the model cannot take: ONNX model folders feed token
 * ids to their text encoder, so vectors cannot be placed. The prompt is then encoded as text (the name's
 * own tokens), which changes the picture; the warning says so instead of doing it silently.
 */
public final class EmbeddingNotice {

    private EmbeddingNotice() {
    }

    /** The warning for embeddings found in a prompt for an ONNX-folder model; empty when there are none. */
    public static String forIdsOnlyModel(List<String> embeddingsUsed, String where) {
        if (embeddingsUsed.isEmpty()) {
            return "";
        }
        return "The " + where + " names the embedding" + (embeddingsUsed.size() > 1 ? "s " : " ")
                + String.join(", ", embeddingsUsed) + ", but embeddings need a .safetensors checkpoint; this ONNX "
                + "model read " + (embeddingsUsed.size() > 1 ? "those names" : "the name") + " as ordinary words.";
    }
}
