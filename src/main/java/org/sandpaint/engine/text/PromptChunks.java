package org.sandpaint.engine.text;

import java.util.ArrayList;
import java.util.List;

/**
 * A prompt cut into text-encoder inputs: each chunk is 77 token ids (BOS, 75 prompt or padding tokens,
 * EOS) with one emphasis weight per id. The encoder runs once per chunk and the outputs are
 * concatenated along the sequence axis.
 *
 * @param tokenCount     the length the WebUI's token counter shows: 75 for every chunk but the last, plus
 *                       the tokens in the last. It is the number of prompt tokens unless BREAK or the comma
 *                       rule padded a chunk early; then it counts those padding places too, as the WebUI
 *                       does. An embedding counts its vectors, not its name's tokens.
 * @param replacements   per chunk, 77 entries: a textual-inversion vector that takes the place of that
 *                       position's token embedding, or null where the token's own embedding is used
 * @param embeddingsUsed the names of the embeddings placed, in order of first use
 */
public record PromptChunks(List<int[]> ids, List<float[]> weights, int tokenCount, List<float[][]> replacements,
                           List<String> embeddingsUsed) {

    public PromptChunks {
        ids = List.copyOf(ids);
        weights = List.copyOf(weights);
        if (replacements == null) {
            List<float[][]> none = new ArrayList<>();
            ids.forEach(chunk -> none.add(new float[chunk.length][]));
            replacements = none;
        }
        replacements = List.copyOf(replacements);
        embeddingsUsed = List.copyOf(embeddingsUsed);
        if (ids.size() != weights.size() || ids.size() != replacements.size()) {
            throw new IllegalArgumentException("Each chunk needs one weight array and one replacement array: got "
                    + ids.size() + " id arrays, " + weights.size() + " weight arrays and " + replacements.size()
                    + " replacement arrays");
        }
    }

    /** Chunks without embeddings. */
    public PromptChunks(List<int[]> ids, List<float[]> weights, int tokenCount) {
        this(ids, weights, tokenCount, null, List.of());
    }

    public int chunkCount() {
        return ids.size();
    }

    /** True when some position takes an embedding's vector instead of its token's embedding. */
    public boolean hasReplacements() {
        return !embeddingsUsed.isEmpty();
    }

    /** The WebUI's counter text, e.g. "42/75" or "80/150": the limit grows in steps of 75. */
    public String counterText() {
        int chunksNeeded = (Math.max(tokenCount, 1) + PromptChunker.CHUNK_LENGTH - 1) / PromptChunker.CHUNK_LENGTH;
        return tokenCount + "/" + chunksNeeded * PromptChunker.CHUNK_LENGTH;
    }
}
