package org.sandpaint.engine.text;

import java.util.List;

/**
 * A prompt cut into text-encoder inputs: each chunk is 77 token ids (BOS, 75 prompt or padding tokens,
 * EOS) with one emphasis weight per id. The encoder runs once per chunk and the outputs are
 * concatenated along the sequence axis.
 *
 * @param tokenCount the length the WebUI's token counter shows: 75 for every chunk but the last, plus
 *                   the tokens in the last. It is the number of prompt tokens unless BREAK or the comma
 *                   rule padded a chunk early; then it counts those padding places too, as the WebUI does.
 */
public record PromptChunks(List<int[]> ids, List<float[]> weights, int tokenCount) {

    public PromptChunks {
        ids = List.copyOf(ids);
        weights = List.copyOf(weights);
        if (ids.size() != weights.size()) {
            throw new IllegalArgumentException("Each chunk needs one weight array: got " + ids.size()
                    + " id arrays and " + weights.size() + " weight arrays");
        }
    }

    public int chunkCount() {
        return ids.size();
    }

    /** The WebUI's counter text, e.g. "42/75" or "80/150": the limit grows in steps of 75. */
    public String counterText() {
        int chunksNeeded = (Math.max(tokenCount, 1) + PromptChunker.CHUNK_LENGTH - 1) / PromptChunker.CHUNK_LENGTH;
        return tokenCount + "/" + chunksNeeded * PromptChunker.CHUNK_LENGTH;
    }
}
