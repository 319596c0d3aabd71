package org.sandpaint.engine.text;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Embeddings in prompts, the WebUI's way: with the real CLIP tokenizer, "tinyemb" is [1310, 693, 3996]
 * (tin, ye, mb) and a 2-vector embedding takes 2 positions in their place.
 */
class PromptChunkerEmbeddingTest {

    private static final ClipTokenizer CLIP = load();
    private static final TextualInversion TINY = new TextualInversion("tinyemb", new float[][]{{1, 2}, {3, 4}});
    private static final PromptChunker CHUNKER = PromptChunker.forTokenizer(CLIP)
            .withEmbeddings(EmbeddingVocabulary.of(CLIP::encodeWords, List.of(TINY)));

    private static ClipTokenizer load() {
        try {
            return ClipTokenizer.load(Path.of("src/test/models/clip-tokenizer"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theNameTokenizesAsTheFixtureSays() {
        assertArrayEquals(new int[]{1310, 693, 3996}, CLIP.encodeWords("tinyemb"));
    }

    @Test
    void vectorsReplaceTheNamesTokensOnePositionEach() {
        PromptChunks plain = PromptChunker.forTokenizer(CLIP).chunk("a portrait of tinyemb, highly detailed");
        PromptChunks chunks = CHUNKER.chunk("a portrait of tinyemb, highly detailed");
        int[] words = CLIP.encodeWords("a portrait of");
        int[] ids = chunks.ids().get(0);
        // BOS, "a portrait of", two vector places, ", highly detailed", EOS: one position shorter than the text
        assertEquals(plain.tokenCount() - 1, chunks.tokenCount());
        assertArrayEquals(words, Arrays.copyOfRange(ids, 1, 1 + words.length));
        int at = 1 + words.length;
        assertEquals(0, ids[at]);
        assertEquals(0, ids[at + 1]);
        assertEquals(267, ids[at + 2]);
        float[][] vectors = chunks.replacements().get(0);
        assertEquals(77, vectors.length);
        assertSame(TINY.vector(0), vectors[at]);
        assertSame(TINY.vector(1), vectors[at + 1]);
        assertEquals(2, Arrays.stream(vectors).filter(v -> v != null).count());
        assertEquals(List.of("tinyemb"), chunks.embeddingsUsed());
        assertArrayEquals(Arrays.copyOfRange(plain.ids().get(0), at + 3, 76), Arrays.copyOfRange(ids, at + 2, 75));
    }

    @Test
    void onlyWholeWordsAreEmbeddings() {
        for (String prompt : new String[]{"tinyembx", "a tiny emb", "tinyem"}) {
            PromptChunks chunks = CHUNKER.chunk(prompt);
            assertTrue(chunks.embeddingsUsed().isEmpty(), prompt);
            assertTrue(Arrays.stream(chunks.replacements().get(0)).allMatch(v -> v == null), prompt);
        }
    }

    @Test
    void emphasisWeightsApplyToTheVectors() {
        PromptChunks chunks = CHUNKER.chunk("(tinyemb:1.2) cat");
        float[] weights = chunks.weights().get(0);
        assertEquals(1.2f, weights[1]);
        assertEquals(1.2f, weights[2]);
        assertEquals(1f, weights[3]);
        assertEquals(3, chunks.tokenCount());
        assertEquals("3/75", chunks.counterText());
    }

    @Test
    void anEmbeddingThatDoesNotFitStartsTheNextChunk() {
        // 74 words leave one place: the 2 vectors go to chunk 2, chunk 1 is padded after 74.
        String prompt = String.join(" ", IntStream.range(0, 74).mapToObj(i -> "cat").toList()) + " tinyemb dog";
        PromptChunks chunks = CHUNKER.chunk(prompt);
        assertEquals(2, chunks.chunkCount());
        assertEquals(49407, chunks.ids().get(0)[75]);
        assertNull(chunks.replacements().get(0)[75]);
        assertSame(TINY.vector(0), chunks.replacements().get(1)[1]);
        assertSame(TINY.vector(1), chunks.replacements().get(1)[2]);
        assertEquals(75 + 3, chunks.tokenCount());
    }

    @Test
    void vectorsMoveWithTheTextAfterTheLastComma() {
        // 70 words, a comma, 3 words, then the embedding: the chunk is full at the embedding, the text after
        // the comma moves on and the embedding follows it into chunk 2.
        String prompt = String.join(" ", IntStream.range(0, 70).mapToObj(i -> "cat").toList()) + ", dog dog dog dog tinyemb";
        PromptChunks chunks = CHUNKER.chunk(prompt);
        assertEquals(2, chunks.chunkCount());
        float[][] second = chunks.replacements().get(1);
        int[] ids = chunks.ids().get(1);
        assertEquals(CLIP.encodeWords("dog")[0], ids[1]);
        assertSame(TINY.vector(0), second[5]);
        assertSame(TINY.vector(1), second[6]);
        assertTrue(Arrays.stream(chunks.replacements().get(0)).allMatch(v -> v == null));
    }

    @Test
    void paddingChunksCarryNoVectorsAndWithoutEmbeddingsNothingChanges() {
        PromptChunks padded = CHUNKER.padTo(CHUNKER.chunk("tinyemb"), 2);
        assertEquals(2, padded.replacements().size());
        assertTrue(Arrays.stream(padded.replacements().get(1)).allMatch(v -> v == null));
        assertEquals(List.of("tinyemb"), padded.embeddingsUsed());
        PromptChunks plain = PromptChunker.forTokenizer(CLIP).chunk("tinyemb");
        assertEquals(List.of(), plain.embeddingsUsed());
        assertEquals(3, plain.tokenCount());
    }

    @Test
    void theLongestNameWins() {
        TextualInversion longer = new TextualInversion("tinyemb2", new float[][]{{9, 9}});
        PromptChunker both = PromptChunker.forTokenizer(CLIP)
                .withEmbeddings(EmbeddingVocabulary.of(CLIP::encodeWords, List.of(TINY, longer)));
        PromptChunks chunks = both.chunk("tinyemb2 tinyemb");
        assertEquals(List.of("tinyemb2", "tinyemb"), chunks.embeddingsUsed());
        assertEquals(3, chunks.tokenCount());
    }
}
