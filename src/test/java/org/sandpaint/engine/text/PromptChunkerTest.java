package org.sandpaint.engine.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Uses a fake tokenizer: "," is the comma id 267, a word "tN" is id 1000 + N, any other word 999. Padding
 * differs from EOS (as for Stable Diffusion 2) so the tests see where each goes.
 */
class PromptChunkerTest {

    private static final int BOS = 49406;
    private static final int EOS = 49407;
    private static final int PAD = 0;
    private static final int COMMA = 267;

    private final List<String> tokenized = new ArrayList<>();
    private final PromptChunker chunker = new PromptChunker(this::fakeTokenize,
            new PromptChunker.SpecialIds(BOS, EOS, PAD, COMMA));

    private int[] fakeTokenize(String text) {
        tokenized.add(text);
        return Arrays.stream(text.replace(",", " , ").trim().split("\\s+"))
                .filter(word -> !word.isEmpty())
                .mapToInt(word -> word.equals(",") ? COMMA : word.matches("t\\d+") ? 1000 + Integer.parseInt(word.substring(1)) : 999)
                .toArray();
    }

    /** "tFROM t(FROM+1) ... t(TO-1)". */
    private static String words(int from, int to) {
        return String.join(" ", IntStream.range(from, to).mapToObj(i -> "t" + i).toList());
    }

    /** The 77 ids expected for a chunk holding these prompt ids. */
    private static int[] chunkOf(int... tokens) {
        int[] ids = new int[77];
        Arrays.fill(ids, PAD);
        ids[0] = BOS;
        System.arraycopy(tokens, 0, ids, 1, tokens.length);
        ids[tokens.length + 1] = EOS;
        return ids;
    }

    private static int[] wordIds(int from, int to) {
        return IntStream.range(from, to).map(i -> 1000 + i).toArray();
    }

    private static int[] concat(int[]... parts) {
        return Arrays.stream(parts).flatMapToInt(Arrays::stream).toArray();
    }

    @Test
    void seventyFourTokensFitOneChunk() {
        PromptChunks chunks = chunker.chunk(words(0, 74));
        assertEquals(1, chunks.chunkCount());
        assertArrayEquals(chunkOf(wordIds(0, 74)), chunks.ids().get(0));
        assertEquals(74, chunks.tokenCount());
        assertEquals("74/75", chunks.counterText());
    }

    @Test
    void seventyFiveTokensFillOneChunkExactly() {
        PromptChunks chunks = chunker.chunk(words(0, 75));
        assertEquals(1, chunks.chunkCount());
        int[] ids = chunks.ids().get(0);
        assertArrayEquals(chunkOf(wordIds(0, 75)), ids);
        assertEquals(EOS, ids[76]);
        assertEquals("75/75", chunks.counterText());
    }

    @Test
    void seventySixTokensNeedTwoChunks() {
        PromptChunks chunks = chunker.chunk(words(0, 76));
        assertEquals(2, chunks.chunkCount());
        assertArrayEquals(chunkOf(wordIds(0, 75)), chunks.ids().get(0));
        assertArrayEquals(chunkOf(1075), chunks.ids().get(1));
        assertEquals("76/150", chunks.counterText());
    }

    @Test
    void commaTwentyFromTheEndMovesTheRestToTheNextChunk() {
        // Comma at index 55 of the full chunk: 75 - 55 = 20, within the backtrack distance.
        List<WeightedText> pieces = List.of(
                new WeightedText(words(0, 55) + ",", 1.0),
                new WeightedText(words(56, 76), 1.5));
        PromptChunks chunks = chunker.chunk(pieces);

        assertEquals(2, chunks.chunkCount());
        assertArrayEquals(chunkOf(concat(wordIds(0, 55), new int[] {COMMA})), chunks.ids().get(0));
        assertArrayEquals(chunkOf(wordIds(56, 76)), chunks.ids().get(1));
        // The moved tokens keep their weights; the places they left are padding with weight 1.
        float[] first = chunks.weights().get(0);
        float[] second = chunks.weights().get(1);
        for (int i = 0; i < 77; i++) {
            assertEquals(1f, first[i], "first chunk, index " + i);
            assertEquals(i >= 1 && i <= 20 ? 1.5f : 1f, second[i], "second chunk, index " + i);
        }
        // The WebUI's counter counts the first chunk as a full 75.
        assertEquals(95, chunks.tokenCount());
        assertEquals("95/150", chunks.counterText());
    }

    @Test
    void commaTwentyOneFromTheEndStays() {
        PromptChunks chunks = chunker.chunk(words(0, 54) + "," + words(55, 76));
        assertEquals(2, chunks.chunkCount());
        assertArrayEquals(chunkOf(concat(wordIds(0, 54), new int[] {COMMA}, wordIds(55, 75))), chunks.ids().get(0));
        assertArrayEquals(chunkOf(1075), chunks.ids().get(1));
        assertEquals("76/150", chunks.counterText());
    }

    @Test
    void commaThatArrivesOnAFullChunkStartsTheNext() {
        PromptChunks chunks = chunker.chunk(words(0, 75) + ", t75");
        assertArrayEquals(chunkOf(wordIds(0, 75)), chunks.ids().get(0));
        assertArrayEquals(chunkOf(COMMA, 1075), chunks.ids().get(1));
    }

    @Test
    void breakAtTheStartGivesAnEmptyFirstChunk() {
        PromptChunks chunks = chunker.chunk("BREAK t1");
        assertEquals(2, chunks.chunkCount());
        assertArrayEquals(chunkOf(), chunks.ids().get(0));
        assertArrayEquals(chunkOf(1001), chunks.ids().get(1));
        assertEquals("76/150", chunks.counterText());
    }

    @Test
    void breakAtTheEndAddsNoChunk() {
        PromptChunks chunks = chunker.chunk("t1 t2 BREAK");
        assertEquals(1, chunks.chunkCount());
        assertArrayEquals(chunkOf(1001, 1002), chunks.ids().get(0));
        assertEquals("75/75", chunks.counterText());
    }

    @Test
    void twoBreaksInARowLeaveAnEmptyChunkBetween() {
        PromptChunks chunks = chunker.chunk("t1 BREAK BREAK t2");
        assertEquals(3, chunks.chunkCount());
        assertArrayEquals(chunkOf(1001), chunks.ids().get(0));
        assertArrayEquals(chunkOf(), chunks.ids().get(1));
        assertArrayEquals(chunkOf(1002), chunks.ids().get(2));
        assertEquals(151, chunks.tokenCount());
        assertEquals("151/225", chunks.counterText());
    }

    @Test
    void breakSplitsAPromptUnderSeventyFiveTokens() {
        PromptChunks chunks = chunker.chunk("(t1 t2) BREAK t3");
        assertArrayEquals(chunkOf(1001, 1002), chunks.ids().get(0));
        assertArrayEquals(chunkOf(1003), chunks.ids().get(1));
        assertEquals(1.1f, chunks.weights().get(0)[1]);
        assertEquals(1.1f, chunks.weights().get(0)[2]);
        assertEquals(1f, chunks.weights().get(1)[1]);
    }

    @Test
    void emptyPromptGivesOneEmptyChunk() {
        PromptChunks chunks = chunker.chunk("");
        assertEquals(1, chunks.chunkCount());
        assertArrayEquals(chunkOf(), chunks.ids().get(0));
        float[] ones = new float[77];
        Arrays.fill(ones, 1f);
        assertArrayEquals(ones, chunks.weights().get(0), 0f);
        assertEquals(0, chunks.tokenCount());
        assertEquals("0/75", chunks.counterText());
    }

    @Test
    void weightsFollowTheirTokens() {
        PromptChunks chunks = chunker.chunk("t1 (t2 t3:1.5) [t4]");
        float[] w = chunks.weights().get(0);
        assertEquals(1f, w[0], "BOS");
        assertEquals(1f, w[1]);
        assertEquals(1.5f, w[2]);
        assertEquals(1.5f, w[3]);
        assertEquals((float) (1 / 1.1), w[4]);
        assertEquals(1f, w[5], "EOS");
        assertEquals(1f, w[76], "padding");
    }

    @Test
    void eachPieceIsTokenizedOnItsOwnAndBreaksAreNotTokenized() {
        chunker.chunk("a (b) c BREAK (unnecessary)(parens)");
        assertEquals(List.of("a ", "b", " c", "unnecessaryparens"), tokenized);
    }

    @Test
    void longPromptsKeepEveryToken() {
        PromptChunks chunks = chunker.chunk(words(0, 200));
        assertEquals(3, chunks.chunkCount());
        assertArrayEquals(chunkOf(wordIds(150, 200)), chunks.ids().get(2));
        assertEquals("200/225", chunks.counterText());
    }

    @Test
    void paddingToTheNegativePromptsLength() {
        PromptChunks prompt = chunker.chunk(words(0, 80));
        PromptChunks negative = chunker.chunk("t5");
        PromptChunks padded = chunker.padTo(negative, prompt.chunkCount());

        assertEquals(2, padded.chunkCount());
        assertArrayEquals(chunkOf(1005), padded.ids().get(0));
        assertArrayEquals(chunkOf(), padded.ids().get(1));
        float[] ones = new float[77];
        Arrays.fill(ones, 1f);
        assertArrayEquals(ones, padded.weights().get(1), 0f);
        assertEquals(negative.tokenCount(), padded.tokenCount());

        assertSame(prompt, chunker.padTo(prompt, 1));
    }

    @Test
    void paddingChunkOfStableDiffusionOneIsBosThenEos() {
        PromptChunker sd1 = new PromptChunker(this::fakeTokenize, PromptChunker.SpecialIds.CLIP);
        int[] ids = sd1.padTo(sd1.chunk("t1"), 2).ids().get(1);
        int[] expected = new int[77];
        Arrays.fill(expected, EOS);
        expected[0] = BOS;
        assertArrayEquals(expected, ids);
    }

    @Test
    void tokenizerReturningNullIsReported() {
        PromptChunker broken = new PromptChunker(text -> null, PromptChunker.SpecialIds.CLIP);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> broken.chunk("x"));
        assertEquals(true, e.getMessage().contains("empty array"), e.getMessage());
    }

    @Test
    void clipIdsMatchTheVocabulary() throws IOException {
        String shared = System.getProperty("sandpaint.shared");
        Path vocab = shared == null ? null : Path.of(shared, "clip-tokenizer", "vocab.json");
        assumeTrue(vocab != null && Files.isRegularFile(vocab),
                "Skipped: ../shared/clip-tokenizer/vocab.json not found (set -Dsandpaint.shared to the shared folder)");
        JsonNode ids = new ObjectMapper().readTree(vocab.toFile());
        PromptChunker.SpecialIds clip = PromptChunker.SpecialIds.CLIP;
        assertEquals(ids.get("<|startoftext|>").asInt(), clip.bos());
        assertEquals(ids.get("<|endoftext|>").asInt(), clip.eos());
        assertEquals(ids.get("<|endoftext|>").asInt(), clip.pad());
        assertEquals(ids.get(",</w>").asInt(), clip.comma());
    }
}
