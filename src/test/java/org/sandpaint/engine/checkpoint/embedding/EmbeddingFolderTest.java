package org.sandpaint.engine.checkpoint.embedding;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sandpaint.engine.checkpoint.TestSafetensors;
import org.sandpaint.engine.text.EmbeddingNotice;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddingFolderTest {

    @Test
    void loadsWhatFitsAndListsTheRest(@TempDir Path dir) throws Exception {
        Path source = Path.of("src/test/models/tiny-networks/embeddings");
        Files.createDirectories(dir.resolve("sub"));
        Files.copy(source.resolve("tinypt.pt"), dir.resolve("sub/tinypt.pt"));
        Files.copy(source.resolve("evil.pt"), dir.resolve("evil.pt"));
        new TestSafetensors().filled("emb_params", 1f, 1, 8).write(dir.resolve("mine.safetensors"));
        new TestSafetensors().filled("emb_params", 1f, 1, 16).write(dir.resolve("wide.safetensors"));
        Files.createFile(dir.resolve("empty.pt"));
        Files.writeString(dir.resolve("notes.txt"), "ignored");

        EmbeddingFolder.Loaded loaded = EmbeddingFolder.load(dir, 8);
        assertEquals(Set.of("tinypt", "mine"), loaded.embeddings().keySet());
        assertEquals(dir.resolve("sub/tinypt.pt"), loaded.files().get("tinypt"));
        assertEquals(2, loaded.problems().size(), loaded.problems().toString());
        assertTrue(loaded.problems().stream().anyMatch(p -> p.contains("evil.pt") && p.contains("refused")));
        assertTrue(loaded.problems().stream().anyMatch(p -> p.contains("wide.safetensors") && p.contains("16 wide")));
        assertEquals(EmbeddingFolder.Loaded.NONE, EmbeddingFolder.load(dir.resolve("absent"), 8));
    }

    @Test
    void onnxModelsWarnInsteadOfChangingThePromptSilently() {
        assertEquals("", EmbeddingNotice.forIdsOnlyModel(List.of(), "prompt"));
        String notice = EmbeddingNotice.forIdsOnlyModel(List.of("tinyemb"), "negative prompt");
        assertTrue(notice.contains("tinyemb") && notice.contains(".safetensors checkpoint") && notice.contains("negative prompt"), notice);
    }
}
