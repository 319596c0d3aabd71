package org.sandpaint.engine.pipeline;

import org.sandpaint.engine.ModelException;
import org.sandpaint.engine.model.StableDiffusionModel;
import org.sandpaint.engine.text.ClipTokenizer;
import org.sandpaint.engine.text.EmphasisWeights;
import org.sandpaint.engine.text.LoraTags;
import org.sandpaint.engine.text.PromptChunker;
import org.sandpaint.engine.text.PromptChunks;
import org.sandpaint.engine.text.PromptParser;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns the prompt and negative prompt into UNet conditioning the way the WebUI does: extra-network tags
 * are taken out (and reported), the attention syntax gives per-token weights, tokens are cut into chunks
 * of 75 (BREAK and the comma back-off), each chunk is encoded on its own as BOS + 75 + EOS with the
 * chosen CLIP skip, weighted with the mean restored, and the chunks are concatenated to [77 * k, D].
 * Prompt and negative prompt are padded to the same number of chunks so they share one UNet batch.
 * A prompt without syntax encodes exactly as diffusers does (one chunk, padded to 77).
 */
final class PromptEncoder {

    private final StableDiffusionModel model;
    private final PromptChunker chunker;

    PromptEncoder(StableDiffusionModel model) {
        this.model = model;
        this.chunker = PromptChunker.forTokenizer(model.tokenizer());
    }

    PromptEmbeddings encode(String prompt, String negative, boolean guided, int clipSkip, List<String> warnings)
            throws ModelException {
        PromptChunks cond = chunkWithWarnings(prompt, "prompt", warnings);
        PromptChunks uncond = guided ? chunkWithWarnings(negative, "negative prompt", warnings) : null;
        int count = Math.max(cond.chunkCount(), uncond == null ? 0 : uncond.chunkCount());
        cond = chunker.padTo(cond, count);
        float[] condEmbedding = embed(cond, clipSkip);
        float[] uncondEmbedding = uncond == null ? null : embed(chunker.padTo(uncond, count), clipSkip);
        int seqLen = ClipTokenizer.MAX_LENGTH * count;
        return new PromptEmbeddings(condEmbedding, uncondEmbedding, seqLen, condEmbedding.length / seqLen);
    }

    private PromptChunks chunkWithWarnings(String text, String what, List<String> warnings) {
        LoraTags.Stripped stripped = LoraTags.strip(text);
        for (LoraTags.Tag tag : stripped.tags()) {
            warnings.add(tag.text() + " in the " + what + " was ignored: " + tag.kind() + " networks are not supported yet.");
        }
        return chunker.chunk(PromptParser.parse(stripped.prompt()));
    }

    /** Every chunk through the text encoder in one batch, weighted, then concatenated. */
    private float[] embed(PromptChunks chunks, int clipSkip) throws ModelException {
        int[][] rows = chunks.ids().toArray(new int[0][]);
        float[] hidden = model.textEncoder().encode(rows, clipSkip);
        int rowSize = hidden.length / rows.length;
        float[] out = new float[hidden.length];
        List<float[]> weights = new ArrayList<>(chunks.weights());
        for (int c = 0; c < rows.length; c++) {
            float[] z = java.util.Arrays.copyOfRange(hidden, c * rowSize, (c + 1) * rowSize);
            System.arraycopy(EmphasisWeights.apply(z, weights.get(c)), 0, out, c * rowSize, rowSize);
        }
        return out;
    }
}
