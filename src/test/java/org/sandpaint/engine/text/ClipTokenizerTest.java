package org.sandpaint.engine.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sandpaint.testing.SharedFixtures;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClipTokenizerTest {

    @TempDir
    Path temp;

    @Test
    void matchesTheReferenceTokenizerOnEveryPrompt() throws Exception {
        Path dir = SharedFixtures.require("clip-tokenizer");
        JsonNode cases = new ObjectMapper().readTree(dir.resolve("reference_ids.json").toFile());
        try (ClipTokenizer tokenizer = ClipTokenizer.load(dir)) {
            for (JsonNode c : cases) {
                int[] expected = StreamSupport.stream(c.get("ids").spliterator(), false).mapToInt(JsonNode::asInt).toArray();
                assertArrayEquals(expected, tokenizer.encodeRaw(c.get("prompt").asText()), c.get("prompt").asText());
            }
        }
    }

    @Test
    void padsAndTruncatesLikeDiffusers() throws Exception {
        Path dir = SharedFixtures.require("clip-tokenizer");
        try (ClipTokenizer tokenizer = ClipTokenizer.load(dir)) {
            assertEquals(49406, tokenizer.bosId());
            assertEquals(49407, tokenizer.eosId());
            int[] empty = tokenizer.encodePadded("");
            assertEquals(77, empty.length);
            assertEquals(49406, empty[0]);
            assertEquals(49407, empty[1]);
            assertEquals(tokenizer.padId(), empty[76]);

            String longText = "cat ".repeat(100);
            int[] words = tokenizer.encodeWords(longText);
            assertEquals(100, words.length);
            int[] padded = tokenizer.encodePadded(longText);
            assertEquals(77, padded.length);
            assertEquals(words[0], padded[1]);
            assertEquals(words[74], padded[75]);
            assertEquals(49407, padded[76]);
        }
    }

    @Test
    void missingFilesAreNamed() {
        IOException e = assertThrows(IOException.class, () -> ClipTokenizer.load(temp));
        assertTrue(e.getMessage().contains("vocab.json"), e.getMessage());
    }

    @Test
    void corruptVocabularyIsExplained() throws IOException {
        Files.writeString(temp.resolve("vocab.json"), "{\"a\": 1");
        Files.writeString(temp.resolve("merges.txt"), "#version: 0.2\na b\n");
        IOException e = assertThrows(IOException.class, () -> ClipTokenizer.load(temp));
        assertTrue(e.getMessage().contains("vocab.json"), e.getMessage());

        Files.writeString(temp.resolve("vocab.json"), "{\"a</w>\": 1}");
        e = assertThrows(IOException.class, () -> ClipTokenizer.load(temp));
        assertTrue(e.getMessage().contains("<|startoftext|>"), e.getMessage());
    }
}
