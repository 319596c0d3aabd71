package org.sandpaint.engine.pipeline;

import org.sandpaint.engine.model.ModelException;
import org.sandpaint.engine.model.StableDiffusionModel;
import org.sandpaint.engine.text.ClipTokenizer;
import org.sandpaint.engine.text.EmbeddingNotice;
import org.sandpaint.engine.text.EmphasisWeights;
import org.sandpaint.engine.text.LoraTags;
import org.sandpaint.engine.text.PromptChunker;
import org.sandpaint.engine.text.PromptChunks;
import org.sandpaint.engine.text.PromptParser;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;

/**
 * Turns the prompt and negative prompt into UNet conditioning the way the WebUI does: extra-network tags
 * are taken out (and reported), the attention syntax gives per-token weights, tokens are cut into chunks
 * of 75 (BREAK and the comma back-off), each chunk is encoded on its own as BOS + 75 + EOS with the
 * chosen CLIP skip, weighted with the mean restored, and the chunks are concatenated to [77 * k, D].
 * Prompt and negative prompt are padded to the same number of chunks so they share one UNet batch.
 * A prompt without syntax encodes exactly as diffusers does (one chunk, padded to 77).
 *
 * <p>Embeddings named in either prompt take their vectors' places when the text encoder takes vectors (a
 * checkpoint's); an ONNX export reads the names as words, with a warning. LoRA tags for LoRAs merged into
 * the model are taken out silently; others are reported.
 */
final class PromptEncoder {

    private final StableDiffusionModel model;
    private final PromptNetworks networks;
    private final PromptChunker plain;
    private final PromptChunker chunker;
    private final Set<String> embeddingsUsed = new LinkedHashSet<>();
    private final Set<String> lorasUsed = new LinkedHashSet<>();

    PromptEncoder(StableDiffusionModel model) {
        this(model, PromptNetworks.NONE);
    }

    PromptEncoder(StableDiffusionModel model, PromptNetworks networks) {
        this.model = model;
        this.networks = networks;
        this.plain = PromptChunker.forTokenizer(model.tokenizer());
        this.chunker = plain.withEmbeddings(networks.embeddings());
    }

    /** The embeddings placed by the last {@link #encode} calls, in order of first use. */
    List<String> embeddingsUsed() {
        return List.copyOf(embeddingsUsed);
    }

    /** The applied LoRAs the prompts named, in order of first use. */
    List<String> lorasUsed() {
        return List.copyOf(lorasUsed);
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
            if (!tag.kind().equals("lora")) {
                warnings.add(tag.text() + " in the " + what + " was ignored: " + tag.kind() + " networks are not supported yet.");
            } else if (networks.loraHashes().containsKey(tag.name())) {
                lorasUsed.add(tag.name());
            } else if (!model.textEncoder().takesVectors()) {
                warnings.add(tag.text() + " in the " + what + " was ignored: LoRAs need a .safetensors checkpoint; "
                        + "this is an ONNX model.");
            } else {
                warnings.add(tag.text() + " in the " + what + " was ignored: no LoRA of that name is loaded (is "
                        + tag.name() + ".safetensors in the LoRA folder?).");
            }
        }
        PromptChunks chunks = chunker.chunk(PromptParser.parse(stripped.prompt()));
        if (chunks.hasReplacements() && !model.textEncoder().takesVectors()) {
            warnings.add(EmbeddingNotice.forIdsOnlyModel(chunks.embeddingsUsed(), what));
            return plain.chunk(PromptParser.parse(stripped.prompt()));
        }
        embeddingsUsed.addAll(chunks.embeddingsUsed());
        return chunks;
    }

    /** Every chunk through the text encoder in one batch, weighted, then concatenated. */
    private float[] embed(PromptChunks chunks, int clipSkip) throws ModelException {
        int[][] rows = chunks.ids().toArray(new int[0][]);
        float[] hidden = chunks.hasReplacements()
                ? model.textEncoder().encode(rows, chunks.replacements().toArray(new float[0][][]), clipSkip)
                : model.textEncoder().encode(rows, clipSkip);
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
