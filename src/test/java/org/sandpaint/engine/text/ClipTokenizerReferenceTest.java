package org.sandpaint.engine.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Ids against {@code ../shared/clip-tokenizer/reference_ids.json}, which transformers'
 * {@code CLIPTokenizer} produced from the same vocabulary. Skips when ../shared is absent.
 */
class ClipTokenizerReferenceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path clipDir;
    private static ClipTokenizer tokenizer;
    private static List<Reference> references;

    private record Reference(String prompt, int[] ids) {
        int[] words() {
            return Arrays.copyOfRange(ids, 1, ids.length - 1);
        }
    }

    @BeforeAll
    static void load() throws IOException {
        String shared = System.getProperty("sandpaint.shared");
        clipDir = shared == null ? null : Path.of(shared, "clip-tokenizer");
        if (clipDir == null || !Files.isDirectory(clipDir)) {
            return; // each test skips, see requireShared()
        }

        long start = System.nanoTime();
        tokenizer = ClipTokenizer.load(clipDir);
        System.out.printf("ClipTokenizer first load in this JVM: %.0f ms%n", (System.nanoTime() - start) / 1e6);

        references = new ArrayList<>();
        for (JsonNode entry : JSON.readTree(clipDir.resolve("reference_ids.json").toFile())) {
            int[] ids = new int[entry.get("ids").size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = entry.get("ids").get(i).intValue();
            }
            references.add(new Reference(entry.get("prompt").asText(), ids));
        }
        assertFalse(references.isEmpty(), "reference_ids.json holds no prompts");
    }

    @BeforeEach
    void requireShared() {
        assumeTrue(tokenizer != null, "../shared/clip-tokenizer is absent (system property sandpaint.shared = "
                + System.getProperty("sandpaint.shared") + "): skipping the reference-id tests");
    }

    @AfterAll
    static void close() {
        if (tokenizer != null) {
            tokenizer.close();
        }
    }

    @Test
    void everyReferencePromptGivesTheReferenceIds() {
        for (Reference ref : references) {
            assertArrayEquals(ref.ids(), tokenizer.encodeRaw(ref.prompt()), "encodeRaw of '" + ref.prompt() + "'");
            assertArrayEquals(ref.words(), tokenizer.encodeWords(ref.prompt()), "encodeWords of '" + ref.prompt() + "'");
        }
    }

    @Test
    void specialIdsAreThoseOfTheReference() {
        Reference first = references.get(0);
        assertEquals(first.ids()[0], tokenizer.bosId());
        assertEquals(first.ids()[first.ids().length - 1], tokenizer.eosId());
        // The shared special_tokens_map.json pads with <|endoftext|>, as SD 1.x does.
        assertEquals(tokenizer.eosId(), tokenizer.padId());
    }

    @Test
    void paddedShortPromptIsReferenceIdsThenPadding() {
        Reference shortest = references.stream().min((a, b) -> a.ids().length - b.ids().length).orElseThrow();
        int[] padded = tokenizer.encodePadded(shortest.prompt());

        assertEquals(ClipTokenizer.MAX_LENGTH, padded.length);
        assertArrayEquals(shortest.ids(), Arrays.copyOf(padded, shortest.ids().length));
        for (int i = shortest.ids().length; i < padded.length; i++) {
            assertEquals(tokenizer.padId(), padded[i], "id " + i + " should be padding");
        }
    }

    @Test
    void paddedLongPromptKeepsFirst75TokensThenEos() {
        Reference longest = references.stream().max((a, b) -> a.ids().length - b.ids().length).orElseThrow();
        assumeTrue(longest.ids().length > ClipTokenizer.MAX_LENGTH, "no reference prompt is longer than 77 tokens");

        int[] padded = tokenizer.encodePadded(longest.prompt());

        int[] expected = Arrays.copyOf(longest.ids(), ClipTokenizer.MAX_LENGTH); // BOS + first 76 ...
        expected[ClipTokenizer.MAX_LENGTH - 1] = tokenizer.eosId();               // ... the 76th replaced by EOS
        assertArrayEquals(expected, padded);
    }

    @Test
    void promptOfExactly75TokensIsNotTruncated() {
        Reference longest = references.stream().max((a, b) -> a.ids().length - b.ids().length).orElseThrow();
        int[] words = longest.words();
        assumeTrue(words.length >= 75, "no reference prompt has 75 tokens");
        // "a very long prompt word0 word1 ..." : find the prefix of whole words that is exactly 75 tokens.
        String[] parts = longest.prompt().split(" ");
        for (int n = 1; n <= parts.length; n++) {
            String prefix = String.join(" ", Arrays.copyOf(parts, n));
            int[] prefixWords = tokenizer.encodeWords(prefix);
            if (prefixWords.length == 75) {
                int[] padded = tokenizer.encodePadded(prefix);
                assertArrayEquals(Arrays.copyOf(words, 75), Arrays.copyOfRange(padded, 1, 76));
                assertEquals(tokenizer.eosId(), padded[76]);
                return;
            }
        }
        assumeTrue(false, "no prefix of whole words is exactly 75 tokens long");
    }

    @Test
    void encodeRawDoesNotTruncate() {
        // The first reference prompt starts with "a", one token.
        Reference first = references.get(0);
        assertTrue(first.prompt().startsWith("a "), "first reference prompt should start with 'a '");
        int a = first.ids()[1];

        int[] ids = tokenizer.encodeRaw("a ".repeat(600));

        assertEquals(602, ids.length, "600 words plus BOS and EOS: nothing cut at 77 or 512");
        assertEquals(tokenizer.bosId(), ids[0]);
        assertEquals(a, ids[600]);
        assertEquals(tokenizer.eosId(), ids[601]);
    }

    @Test
    void emptyPromptIsBosEosThenPadding() {
        assertArrayEquals(new int[] {tokenizer.bosId(), tokenizer.eosId()}, tokenizer.encodeRaw(""));
        assertArrayEquals(new int[] {tokenizer.bosId(), tokenizer.eosId()}, tokenizer.encodeRaw(" \t\n "));
        int[] padded = tokenizer.encodePadded("");
        assertEquals(tokenizer.bosId(), padded[0]);
        assertEquals(tokenizer.eosId(), padded[1]);
        assertEquals(tokenizer.padId(), padded[76]);
    }

    @Test
    void cleansTextAsTheReferenceDoes() {
        String plain = "a cat sitting on a mat";
        int[] expected = tokenizer.encodeRaw(plain);
        // Case, surrounding and repeated whitespace, no-break and ideographic spaces do not matter.
        assertArrayEquals(expected, tokenizer.encodeRaw("  A CAT\u00a0sitting\u3000on a   Mat\r\n"));
        // Control and format characters (here a zero-width space and a soft hyphen) are dropped.
        assertArrayEquals(tokenizer.encodeRaw("acat sitting"), tokenizer.encodeRaw("a\u200bcat sit\u00adting"));
        // Runs of CJK ideographs stay one word, as in CLIP's reference tokenizer (ClipTokenizerCjkTest).
        assertFalse(Arrays.equals(tokenizer.encodeRaw("猫 犬"), tokenizer.encodeRaw("猫犬")));
        // Decomposed accents compose (NFC) before tokenizing.
        assertArrayEquals(tokenizer.encodeRaw("caf\u00e9"), tokenizer.encodeRaw("cafe\u0301"));
        // Python lowercases a word-final capital sigma to the final form ς.
        assertArrayEquals(tokenizer.encodeRaw("\u03bf\u03b4\u03bf\u03c2"), tokenizer.encodeRaw("\u039f\u0394\u039f\u03a3"));
    }

    @Test
    void charactersOutsideTheBasicPlaneAreBytesNotUnknown() {
        int[] words = tokenizer.encodeWords("\uD83D\uDC31 cat"); // U+1F431 CAT FACE
        assertTrue(words.length >= 2, "the emoji gives at least one byte-level token before 'cat'");
        for (int id : words) {
            assertTrue(id != tokenizer.eosId(), "no id should be the unknown token (<|endoftext|>)");
        }
        assertArrayEquals(tokenizer.encodeWords("cat"), Arrays.copyOfRange(words, words.length - 1, words.length));
    }

    @Test
    void padTokenComesFromSpecialTokensMap(@TempDir Path dir) throws IOException {
        Files.copy(clipDir.resolve("vocab.json"), dir.resolve("vocab.json"));
        Files.copy(clipDir.resolve("merges.txt"), dir.resolve("merges.txt"));
        // SD 2.x folders pad with "!", written as an object.
        Files.writeString(dir.resolve("special_tokens_map.json"),
                "{\"pad_token\": {\"content\": \"!\", \"lstrip\": false, \"normalized\": false}}");
        int exclamationId = JSON.readTree(clipDir.resolve("vocab.json").toFile()).get("!").intValue();

        try (ClipTokenizer sd2 = ClipTokenizer.load(dir)) {
            assertEquals(exclamationId, sd2.padId());
            int[] padded = sd2.encodePadded("a cat");
            assertEquals(sd2.eosId(), padded[3]);
            assertEquals(exclamationId, padded[4]);
            assertEquals(exclamationId, padded[76]);
        }
    }

    @Test
    void padTokenDefaultsToEosWithoutSpecialTokensFiles(@TempDir Path dir) throws IOException {
        Files.copy(clipDir.resolve("vocab.json"), dir.resolve("vocab.json"));
        Files.copy(clipDir.resolve("merges.txt"), dir.resolve("merges.txt"));
        try (ClipTokenizer bare = ClipTokenizer.load(dir)) {
            assertEquals(bare.eosId(), bare.padId());
            assertArrayEquals(references.get(0).ids(), bare.encodeRaw(references.get(0).prompt()));
        }
    }

    @Test
    void reloadTime() throws IOException {
        int runs = 5;
        long best = Long.MAX_VALUE;
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            try (ClipTokenizer again = ClipTokenizer.load(clipDir)) {
                best = Math.min(best, System.nanoTime() - start);
                assertEquals(tokenizer.bosId(), again.bosId());
            }
        }
        System.out.printf("ClipTokenizer load, best of %d: %.0f ms%n", runs, best / 1e6);
    }
}
