package org.sandpaint.engine.pipeline;

import org.sandpaint.engine.text.PromptSchedule;

import java.util.List;

/**
 * The text conditioning of a job, step by step, as the WebUI's {@code reconstruct_cond_batch} and
 * {@code reconstruct_multicond_batch} assemble it: each AND-part of the prompt and the negative prompt
 * follow their own schedule, and every distinct text was encoded once ({@code embeddings}, all padded to
 * {@code seqLen} tokens).
 *
 * <p>The UNet batch holds, per condition, one copy per image: [negative x batch; part 1 x batch; ...].
 * The negative prompt is left out only for a single unweighted part without guidance (CFG 1 or less),
 * where the UNet's prediction is used as it is.
 */
final class PromptConditioning {

    /** One scheduled text: an AND-part with its weight, or the negative prompt (weight unused). */
    record Track(PromptSchedule schedule, int[] embeddingOfEntry, double weight) {

        /** The embedding used at UNet call {@code call} (0 = the run's first call, as the WebUI counts). */
        int embeddingAt(int call) {
            return embeddingOfEntry[schedule.indexAt(call)];
        }
    }

    private final List<float[]> embeddings;
    private final int seqLen;
    private final int dim;
    private final Track negative;
    private final List<Track> parts;

    PromptConditioning(List<float[]> embeddings, int seqLen, Track negative, List<Track> parts) {
        this.embeddings = List.copyOf(embeddings);
        this.seqLen = seqLen;
        this.dim = embeddings.get(0).length / seqLen;
        this.negative = negative;
        this.parts = List.copyOf(parts);
    }

    /** How many texts were encoded (each distinct text once). */
    int distinctTexts() {
        return embeddings.size();
    }

    int seqLen() {
        return seqLen;
    }

    /** Whether predictions are combined with the negative prompt's (guidance or AND composition). */
    boolean combined() {
        return negative != null;
    }

    /** UNet evaluations per image and step. */
    int conditionsPerImage() {
        return parts.size() + (negative != null ? 1 : 0);
    }

    /** The AND weights, in part order. */
    double[] weights() {
        return parts.stream().mapToDouble(Track::weight).toArray();
    }

    /** The embedding of each condition at UNet call {@code call}: negative first (if used), then the parts. */
    int[] selectionAt(int call) {
        int[] selection = new int[conditionsPerImage()];
        int k = 0;
        if (negative != null) {
            selection[k++] = negative.embeddingAt(call);
        }
        for (Track part : parts) {
            selection[k++] = part.embeddingAt(call);
        }
        return selection;
    }

    /** The UNet's text context for {@code batch} images: each selected embedding repeated per image. */
    float[] contextFor(int[] selection, int batch) {
        int row = seqLen * dim;
        float[] out = new float[row * batch * selection.length];
        int offset = 0;
        for (int embedding : selection) {
            for (int i = 0; i < batch; i++, offset += row) {
                System.arraycopy(embeddings.get(embedding), 0, out, offset, row);
            }
        }
        return out;
    }
}
