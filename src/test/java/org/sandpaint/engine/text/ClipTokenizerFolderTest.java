package org.sandpaint.engine.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Missing and damaged tokenizer folders: the error names the file and says to re-download. Needs no ../shared. */
class ClipTokenizerFolderTest {

    /** A vocabulary that is valid JSON and has both special tokens, but is far from CLIP's. */
    private static final String SMALL_VOCAB =
            "{\"a\": 0, \"b</w>\": 1, \"ab</w>\": 2, \"<|startoftext|>\": 3, \"<|endoftext|>\": 4}";

    @Test
    void missingFolderNamesVocabJson(@TempDir Path dir) {
        IOException e = assertThrows(IOException.class, () -> ClipTokenizer.load(dir.resolve("tokenizer")));
        assertNamesFileAndFix(e, "vocab.json");
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void missingMergesNamesMergesTxt(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("vocab.json"), SMALL_VOCAB);
        IOException e = assertThrows(IOException.class, () -> ClipTokenizer.load(dir));
        assertNamesFileAndFix(e, "merges.txt");
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void truncatedVocabIsReportedAsDamaged(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("vocab.json"), "{\"a\": 0, \"b</w>\": 1, \"ab</w");
        Files.writeString(dir.resolve("merges.txt"), "#version: 0.2\na b</w>\n");
        IOException e = assertThrows(IOException.class, () -> ClipTokenizer.load(dir));
        assertNamesFileAndFix(e, "vocab.json");
        assertTrue(e.getMessage().contains("damaged"), e.getMessage());
    }

    @Test
    void emptyVocabIsReportedAsDamaged(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("vocab.json"), "");
        Files.writeString(dir.resolve("merges.txt"), "#version: 0.2\na b</w>\n");
        IOException e = assertThrows(IOException.class, () -> ClipTokenizer.load(dir));
        assertNamesFileAndFix(e, "vocab.json");
    }

    @Test
    void vocabWithoutSpecialTokensIsRejected(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("vocab.json"), "{\"a\": 0, \"b</w>\": 1}");
        Files.writeString(dir.resolve("merges.txt"), "#version: 0.2\na b</w>\n");
        IOException e = assertThrows(IOException.class, () -> ClipTokenizer.load(dir));
        assertNamesFileAndFix(e, "vocab.json");
        assertTrue(e.getMessage().contains("<|startoftext|>"), e.getMessage());
    }

    @Test
    void mergesLineThatIsNotAPairIsReportedWithItsLineNumber(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("vocab.json"), SMALL_VOCAB);
        Files.writeString(dir.resolve("merges.txt"), "#version: 0.2\na b</w>\nthree parts here\n");
        IOException e = assertThrows(IOException.class, () -> ClipTokenizer.load(dir));
        assertNamesFileAndFix(e, "merges.txt");
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
    }

    @Test
    void mergesThatAreNotUtf8AreReportedAsDamaged(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("vocab.json"), SMALL_VOCAB);
        Files.write(dir.resolve("merges.txt"), new byte[] {'#', 'v', '\n', 'a', ' ', (byte) 0xC3, (byte) 0x28, '\n'});
        IOException e = assertThrows(IOException.class, () -> ClipTokenizer.load(dir));
        assertNamesFileAndFix(e, "merges.txt");
    }

    @Test
    void emptyMergesIsReportedAsDamaged(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("vocab.json"), SMALL_VOCAB);
        Files.writeString(dir.resolve("merges.txt"), "");
        IOException e = assertThrows(IOException.class, () -> ClipTokenizer.load(dir));
        assertNamesFileAndFix(e, "merges.txt");
    }

    @Test
    void mergeOfTokensNotInVocabIsReported(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("vocab.json"), SMALL_VOCAB);
        Files.writeString(dir.resolve("merges.txt"), "#version: 0.2\nx y</w>\n");
        IOException e = assertThrows(IOException.class, () -> ClipTokenizer.load(dir));
        assertNamesFileAndFix(e, "merges.txt");
    }

    @Test
    void padTokenNotInVocabIsReported(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("vocab.json"), SMALL_VOCAB);
        Files.writeString(dir.resolve("merges.txt"), "#version: 0.2\na b</w>\n");
        Files.writeString(dir.resolve("special_tokens_map.json"), "{\"pad_token\": \"<pad>\"}");
        IOException e = assertThrows(IOException.class, () -> ClipTokenizer.load(dir));
        assertNamesFileAndFix(e, "special_tokens_map.json");
        assertTrue(e.getMessage().contains("<pad>"), e.getMessage());
    }

    @Test
    void smallConsistentFolderLoads(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("vocab.json"), SMALL_VOCAB);
        Files.writeString(dir.resolve("merges.txt"), "#version: 0.2\na b</w>\n");
        try (ClipTokenizer tokenizer = ClipTokenizer.load(dir)) {
            assertEquals(3, tokenizer.bosId());
            assertEquals(4, tokenizer.eosId());
            assertEquals(4, tokenizer.padId());
            // "AB" lowercases to "ab": one word, "a" + "b</w>" merged by the single merge rule.
            assertEquals(2, tokenizer.encodeWords("AB")[0]);
        }
    }

    @Test
    void byteOrderMarksAreIgnored(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("vocab.json"), "\uFEFF" + SMALL_VOCAB);
        Files.writeString(dir.resolve("merges.txt"), "\uFEFF#version: 0.2\na b</w>\n");
        try (ClipTokenizer tokenizer = ClipTokenizer.load(dir)) {
            assertEquals(2, tokenizer.encodeWords("ab")[0]);
        }
    }

    private static void assertNamesFileAndFix(IOException e, String fileName) {
        String message = e.getMessage();
        assertTrue(message.contains(fileName), "message should name " + fileName + ": " + message);
        assertTrue(message.contains("Re-download"), "message should say what to do: " + message);
    }
}
