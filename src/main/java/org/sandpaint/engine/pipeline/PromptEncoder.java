package org.sandpaint.engine.pipeline;

import org.sandpaint.engine.model.ModelException;
import org.sandpaint.engine.model.StableDiffusionModel;
import org.sandpaint.engine.text.ClipTokenizer;

/**
 * Turns the prompt and negative prompt into UNet conditioning: tokenize (77 tokens, padded), run the text
 * encoder. An empty negative prompt is encoded like any text (BOS, EOS, padding), as diffusers does.
 */
final class PromptEncoder {

    private final StableDiffusionModel model;

    PromptEncoder(StableDiffusionModel model) {
        this.model = model;
    }

    PromptEmbeddings encode(String prompt, String negative, boolean guided, int clipSkip) throws ModelException {
        ClipTokenizer tokenizer = model.tokenizer();
        int[][] rows = guided
                ? new int[][] {tokenizer.encodePadded(prompt), tokenizer.encodePadded(negative)}
                : new int[][] {tokenizer.encodePadded(prompt)};
        float[] hidden = model.textEncoder().encode(rows, clipSkip);
        int seqLen = rows[0].length;
        int rowSize = hidden.length / rows.length;
        int dim = rowSize / seqLen;
        float[] cond = java.util.Arrays.copyOfRange(hidden, 0, rowSize);
        float[] uncond = guided ? java.util.Arrays.copyOfRange(hidden, rowSize, 2 * rowSize) : null;
        return new PromptEmbeddings(cond, uncond, seqLen, dim);
    }
}
