package org.sandpaint.engine.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Japanese, Chinese and Korean prompts against CLIP's reference tokenization, computed at test time by
 * src/test/resources/clip/reference_tokenizer.py (a standard-library port of OpenAI's simple_tokenizer,
 * which also reproduces every id of ../shared/clip-tokenizer/reference_ids.json) from the real CLIP
 * vocabulary. Skips without ../shared or Python.
 */
class ClipTokenizerCjkTest {

    private static final List<String> PROMPTS = List.of(
            "富士山の夕焼け", "一只猫在月光下睡觉", "東京の夜景, tower at night", "カフェの猫と珈琲",
            "漢字abc123かな", "서울의 밤거리", "a (猫:1.2) 犬 猫犬");

    @Test
    void cjkPromptsGiveTheReferenceIds() throws Exception {
        String shared = System.getProperty("sandpaint.shared");
        Path clip = shared == null ? null : Path.of(shared, "clip-tokenizer");
        assumeTrue(clip != null && Files.isDirectory(clip), "Skipped: ../shared/clip-tokenizer is absent");
        List<int[]> reference = referenceIds(clip);
        assumeTrue(reference != null, "Skipped: no python3 to compute the reference ids");
        try (ClipTokenizer tokenizer = ClipTokenizer.load(clip)) {
            for (int i = 0; i < PROMPTS.size(); i++) {
                assertArrayEquals(reference.get(i), tokenizer.encodeRaw(PROMPTS.get(i)), PROMPTS.get(i));
            }
        }
    }

    private static List<int[]> referenceIds(Path clip) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Process python;
        try {
            python = new ProcessBuilder("python3", "src/test/resources/clip/reference_tokenizer.py",
                    clip.resolve("vocab.json").toString(), clip.resolve("merges.txt").toString()).start();
        } catch (java.io.IOException e) {
            return null;
        }
        StringBuilder input = new StringBuilder();
        for (String prompt : PROMPTS) {
            input.append(json.writeValueAsString(prompt)).append('\n');
        }
        python.getOutputStream().write(input.toString().getBytes(StandardCharsets.UTF_8));
        python.getOutputStream().close();
        String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(python.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(true, python.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, python.exitValue(), err);
        return out.lines().map(line -> {
            try {
                JsonNode ids = json.readTree(line);
                int[] result = new int[ids.size()];
                for (int k = 0; k < result.length; k++) {
                    result[k] = ids.get(k).intValue();
                }
                return result;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}
