package org.sandpaint.engine.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns parsed prompt pieces into 77-token chunks the way the WebUI's {@code tokenize_line}
 * (modules/sd_hijack_clip.py) does, so long prompts are split at the same places.
 *
 * <ul>
 *   <li>Each piece is tokenized on its own; its tokens all get its weight.</li>
 *   <li>A chunk holds 75 tokens. When it is full and a comma lies within the last 20 of them
 *       (the WebUI's default {@code comma_padding_backtrack}), the tokens after that comma move to the
 *       next chunk and this one is padded, so a phrase is not cut in two.</li>
 *   <li>BREAK ends the current chunk, even an empty one.</li>
 *   <li>Each chunk becomes BOS + tokens + EOS + padding (77 ids); BOS, EOS and padding have weight 1.</li>
 *   <li>An empty prompt still gives one chunk: BOS, EOS, padding.</li>
 *   <li>Textual-inversion embeddings ({@link #withEmbeddings}): where a piece's tokens spell an embedding's
 *       name, its vectors take one position each instead (id 0, the piece's weight, the vector in
 *       {@link PromptChunks#replacements()}); an embedding that does not fit in the rest of the chunk
 *       starts the next one.</li>
 * </ul>
 */
public final class PromptChunker {

    /** Prompt tokens per chunk; BOS and EOS make it 77. */
    public static final int CHUNK_LENGTH = 75;
    /** How far back from a full chunk's end a comma may be for the text after it to move on. */
    static final int COMMA_BACKTRACK = 20;

    /**
     * The tokenizer's special ids. For Stable Diffusion 1.x padding is EOS; for 2.x (OpenCLIP) it is 0, and
     * the WebUI then puts it after the first EOS, as this class does.
     */
    public record SpecialIds(int bos, int eos, int pad, int comma) {
        /** OpenAI CLIP ViT-L/14's vocabulary, used by Stable Diffusion 1.x. */
        public static final SpecialIds CLIP = new SpecialIds(49406, 49407, 49407, 267);
    }

    private final Function<String, int[]> tokenizer;
    private final SpecialIds special;
    private final EmbeddingVocabulary embeddings;

    /** @param tokenizer gives the token ids of a text, without BOS and EOS */
    /** A chunker for a model's CLIP tokenizer, with its own special ids and comma token. */
    public static PromptChunker forTokenizer(ClipTokenizer tokenizer) {
        int[] comma = tokenizer.encodeWords(",");
        SpecialIds ids = new SpecialIds(tokenizer.bosId(), tokenizer.eosId(), tokenizer.padId(),
                comma.length == 1 ? comma[0] : -1);
        return new PromptChunker(tokenizer::encodeWords, ids);
    }

    public PromptChunker(Function<String, int[]> tokenizer, SpecialIds special) {
        this(tokenizer, special, EmbeddingVocabulary.EMPTY);
    }

    private PromptChunker(Function<String, int[]> tokenizer, SpecialIds special, EmbeddingVocabulary embeddings) {
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
        this.special = Objects.requireNonNull(special, "special ids");
        this.embeddings = Objects.requireNonNull(embeddings, "embeddings");
    }

    /** This chunker, placing the given embeddings where their names appear. */
    public PromptChunker withEmbeddings(EmbeddingVocabulary vocabulary) {
        return new PromptChunker(tokenizer, special, vocabulary);
    }

    /** Parses the prompt with {@link PromptParser} and chunks it. */
    public PromptChunks chunk(String prompt) {
        return chunk(PromptParser.parse(prompt));
    }

    public PromptChunks chunk(List<WeightedText> pieces) {
        ChunkBuilder builder = new ChunkBuilder();
        for (WeightedText piece : pieces) {
            if (piece.isBreak()) {
                builder.endChunk(false);
            } else if (!piece.text().isEmpty()) {
                int[] tokens = tokenizer.apply(piece.text());
                if (tokens == null) {
                    throw new IllegalStateException("The tokenizer returned null for \"" + piece.text()
                            + "\"; it must return an empty array when there are no tokens");
                }
                int position = 0;
                while (position < tokens.length) {
                    EmbeddingVocabulary.Match match = embeddings.find(tokens, position);
                    if (match == null) {
                        builder.add(tokens[position], (float) piece.weight());
                        position++;
                    } else {
                        builder.addEmbedding(tokens[position], match.embedding(), (float) piece.weight());
                        position += match.tokenLength();
                    }
                }
            }
        }
        return builder.finish();
    }

    /**
     * Appends padding chunks until there are {@code chunkCount}, so a prompt and its negative prompt have the
     * same length. A padding chunk is what an empty prompt gives (BOS, EOS, padding, all weight 1). Never
     * removes chunks; the token count is unchanged.
     */
    public PromptChunks padTo(PromptChunks chunks, int chunkCount) {
        if (chunks.chunkCount() >= chunkCount) {
            return chunks;
        }
        List<int[]> ids = new ArrayList<>(chunks.ids());
        List<float[]> weights = new ArrayList<>(chunks.weights());
        List<float[][]> replacements = new ArrayList<>(chunks.replacements());
        while (ids.size() < chunkCount) {
            ids.add(pad(new int[0], 0));
            weights.add(padWeights(new float[0], 0));
            replacements.add(new float[CHUNK_LENGTH + 2][]);
        }
        return new PromptChunks(ids, weights, chunks.tokenCount(), replacements, chunks.embeddingsUsed());
    }

    /** BOS + the first {@code count} tokens + EOS + padding to 77. */
    private int[] pad(int[] tokens, int count) {
        int[] ids = new int[CHUNK_LENGTH + 2];
        Arrays.fill(ids, special.pad());
        ids[0] = special.bos();
        System.arraycopy(tokens, 0, ids, 1, count);
        ids[count + 1] = special.eos();
        return ids;
    }

    private static float[] padWeights(float[] weights, int count) {
        float[] out = new float[CHUNK_LENGTH + 2];
        Arrays.fill(out, 1f);
        System.arraycopy(weights, 0, out, 1, count);
        return out;
    }

    /** The chunk being filled and the chunks finished so far. */
    private final class ChunkBuilder {
        private final List<int[]> ids = new ArrayList<>();
        private final List<float[]> weights = new ArrayList<>();
        private final List<float[][]> replacements = new ArrayList<>();
        private final Set<String> embeddingsUsed = new LinkedHashSet<>();
        private final int[] tokens = new int[CHUNK_LENGTH];
        private final float[] tokenWeights = new float[CHUNK_LENGTH];
        private final float[][] vectors = new float[CHUNK_LENGTH][];
        private int size;
        private int lastComma = -1;
        private int tokenCount;

        void add(int token, float weight) {
            makeRoomFor(token);
            tokens[size] = token;
            tokenWeights[size] = weight;
            vectors[size] = null;
            size++;
        }

        /**
         * Places an embedding's vectors. {@code firstToken} is its name's first token, which the comma rule
         * sees as the WebUI's does. An embedding longer than a chunk keeps its first 75 vectors.
         */
        void addEmbedding(int firstToken, TextualInversion embedding, float weight) {
            makeRoomFor(firstToken);
            int count = Math.min(embedding.vectorCount(), CHUNK_LENGTH);
            if (size + count > CHUNK_LENGTH) {
                endChunk(false);
            }
            for (int i = 0; i < count; i++) {
                tokens[size] = 0;
                tokenWeights[size] = weight;
                vectors[size] = embedding.vector(i);
                size++;
            }
            embeddingsUsed.add(embedding.name());
        }

        private void makeRoomFor(int token) {
            if (token == special.comma()) {
                lastComma = size;
            } else if (size == CHUNK_LENGTH && lastComma != -1 && size - lastComma <= COMMA_BACKTRACK) {
                moveTextAfterLastComma();
            }
            if (size == CHUNK_LENGTH) {
                endChunk(false);
            }
        }

        private void moveTextAfterLastComma() {
            int from = lastComma + 1;
            int[] movedTokens = Arrays.copyOfRange(tokens, from, size);
            float[] movedWeights = Arrays.copyOfRange(tokenWeights, from, size);
            float[][] movedVectors = Arrays.copyOfRange(vectors, from, size);
            size = from;
            endChunk(false);
            System.arraycopy(movedTokens, 0, tokens, 0, movedTokens.length);
            System.arraycopy(movedWeights, 0, tokenWeights, 0, movedWeights.length);
            System.arraycopy(movedVectors, 0, vectors, 0, movedVectors.length);
            size = movedTokens.length;
        }

        /** Pads and stores the current chunk; only the last chunk counts fewer than 75 tokens. */
        void endChunk(boolean last) {
            tokenCount += last ? size : CHUNK_LENGTH;
            ids.add(pad(tokens, size));
            weights.add(padWeights(tokenWeights, size));
            float[][] chunkVectors = new float[CHUNK_LENGTH + 2][];
            System.arraycopy(vectors, 0, chunkVectors, 1, size);
            replacements.add(chunkVectors);
            size = 0;
            lastComma = -1;
        }

        PromptChunks finish() {
            if (size > 0 || ids.isEmpty()) {
                endChunk(true);
            }
            return new PromptChunks(ids, weights, tokenCount, replacements, List.copyOf(embeddingsUsed));
        }
    }
}
