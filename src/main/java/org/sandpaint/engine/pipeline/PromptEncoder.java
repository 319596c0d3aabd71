package org.sandpaint.engine.pipeline;

import org.sandpaint.engine.ModelException;
import org.sandpaint.engine.model.StableDiffusionModel;
import org.sandpaint.engine.text.ClipTokenizer;
import org.sandpaint.engine.text.EmbeddingNotice;
import org.sandpaint.engine.text.ComposablePrompt;
import org.sandpaint.engine.text.EmphasisWeights;
import org.sandpaint.engine.text.LoraTags;
import org.sandpaint.engine.text.PromptChunker;
import org.sandpaint.engine.text.PromptChunks;
import org.sandpaint.engine.text.PromptParser;
import org.sandpaint.engine.text.PromptPart;
import org.sandpaint.engine.text.PromptSchedule;
import org.sandpaint.engine.text.ScheduleTiming;
import org.sandpaint.engine.text.WeightedText;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the prompt and negative prompt into UNet conditioning the way the WebUI does: extra-network tags
 * are taken out (and reported), the prompt is split at AND into weighted parts, each part and the negative
 * prompt are scheduled ({@code [from:to:when]}, {@code [a|b]}), and every distinct text is encoded once:
 * the attention syntax gives per-token weights, tokens are cut into chunks of 75 (BREAK and the comma
 * back-off), each chunk is encoded on its own as BOS + 75 + EOS with the chosen CLIP skip, weighted with
 * the mean restored, and the chunks are concatenated to [77 * k, D]. All texts are padded to the same
 * number of chunks so they share one UNet batch. A prompt without syntax encodes exactly as diffusers
 * does (one chunk, padded to 77).
 *
 * <p>Embeddings named in any part take their vectors' places when the text encoder takes vectors (a
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

    /**
     * @param guided whether classifier-free guidance is on (the negative prompt is then used; AND with
     *               several parts or a weight uses it too)
     * @param timing the steps the schedules count (the WebUI counts a second-order sampler's steps twice)
     */
    PromptConditioning encode(String prompt, String negative, boolean guided, int clipSkip, ScheduleTiming timing,
                              List<String> warnings) throws ModelException {
        List<PromptPart> parts = ComposablePrompt.split(withoutTags(prompt, "prompt", warnings));
        boolean composed = parts.size() > 1 || parts.get(0).weight() != 1.0;
        Texts texts = new Texts();
        List<PromptConditioning.Track> tracks = new ArrayList<>();
        for (PromptPart part : parts) {
            tracks.add(texts.track(PromptSchedule.of(part.text(), timing), limitedAndWeight(part, warnings), "prompt",
                    warnings));
        }
        PromptConditioning.Track uncond = guided || composed
                ? texts.track(PromptSchedule.of(withoutTags(negative, "negative prompt", warnings), timing), 1.0,
                        "negative prompt", warnings)
                : null;

        int count = texts.chunks.stream().mapToInt(PromptChunks::chunkCount).max().orElse(1);
        List<float[]> embeddings = new ArrayList<>();
        for (PromptChunks chunks : texts.chunks) {
            embeddings.add(embed(chunker.padTo(chunks, count), clipSkip));
        }
        return new PromptConditioning(embeddings, ClipTokenizer.MAX_LENGTH * count, uncond, tracks);
    }

    /** The distinct texts of all schedules, each chunked once, in order of first use. */
    private final class Texts {
        final Map<String, Integer> index = new HashMap<>();
        final List<PromptChunks> chunks = new ArrayList<>();

        PromptConditioning.Track track(PromptSchedule schedule, double weight, String what, List<String> warnings) {
            schedule.warnings().forEach(w -> addOnce(warnings, capitalized(what) + ": " + w));
            int[] embeddingOfEntry = new int[schedule.entries().size()];
            for (int e = 0; e < embeddingOfEntry.length; e++) {
                String text = schedule.entries().get(e).text();
                Integer known = index.get(text);
                if (known == null) {
                    known = chunks.size();
                    index.put(text, known);
                    List<String> textWarnings = new ArrayList<>();
                    chunks.add(chunk(limitWeights(PromptParser.parse(text), what, textWarnings), what, textWarnings));
                    textWarnings.forEach(w -> addOnce(warnings, w));
                }
                embeddingOfEntry[e] = known;
            }
            return new PromptConditioning.Track(schedule, embeddingOfEntry, weight);
        }
    }

    /** An AND weight beyond +-{@link #MAX_WEIGHT} (a 400-digit number is infinite) clamped, with a warning. */
    private static double limitedAndWeight(PromptPart part, List<String> warnings) {
        double w = part.weight();
        if (Math.abs(w) <= MAX_WEIGHT) {
            return w;
        }
        double limited = Math.copySign(MAX_WEIGHT, w);
        warnings.add("The AND weight " + w + " of \"" + abbreviate(part.text()) + "\" was limited to " + limited
                + " (weights are meaningful between about -" + MAX_WEIGHT + " and " + MAX_WEIGHT + ").");
        return limited;
    }

    private String withoutTags(String text, String what, List<String> warnings) {
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
        return stripped.prompt();
    }

    /** A text chunked with the embeddings; an ONNX export cannot take their vectors, so it reads them as words. */
    private PromptChunks chunk(List<WeightedText> pieces, String what, List<String> warnings) {
        PromptChunks chunks = chunker.chunk(pieces);
        if (chunks.hasReplacements() && !model.textEncoder().takesVectors()) {
            warnings.add(EmbeddingNotice.forIdsOnlyModel(chunks.embeddingsUsed(), what));
            return plain.chunk(pieces);
        }
        embeddingsUsed.addAll(chunks.embeddingsUsed());
        return chunks;
    }

    private static void addOnce(List<String> warnings, String warning) {
        if (!warnings.contains(warning)) {
            warnings.add(warning);
        }
    }

    private static String capitalized(String what) {
        return Character.toUpperCase(what.charAt(0)) + what.substring(1);
    }

    /** Largest attention weight used; beyond it (or an overflow to infinity) the picture is only noise. */
    static final double MAX_WEIGHT = 100;

    /**
     * Weights beyond +-{@link #MAX_WEIGHT} (such as {@code (x:1e400)} written out in digits, or nested
     * weights whose product overflows) are clamped, with a warning: an infinite weight gives a black picture.
     */
    static List<WeightedText> limitWeights(List<WeightedText> pieces, String what, List<String> warnings) {
        List<WeightedText> out = new ArrayList<>(pieces.size());
        for (WeightedText piece : pieces) {
            double w = piece.weight();
            if (piece.isBreak() || Math.abs(w) <= MAX_WEIGHT) {
                out.add(piece);
                continue;
            }
            double limited = Double.isNaN(w) ? 1.0 : Math.copySign(MAX_WEIGHT, w);
            warnings.add("The weight " + w + " of \"" + abbreviate(piece.text()) + "\" in the " + what
                    + " was limited to " + limited + " (weights are meaningful between about -" + MAX_WEIGHT
                    + " and " + MAX_WEIGHT + ").");
            out.add(new WeightedText(piece.text(), limited));
        }
        return out;
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
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
