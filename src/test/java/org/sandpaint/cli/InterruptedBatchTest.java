package org.sandpaint.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sandpaint.engine.image.PngText;
import org.sandpaint.testing.ChildCli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A batch stopped by SIGTERM keeps every picture it finished, each one complete. */
class InterruptedBatchTest {

    @TempDir
    Path dir;

    @Test
    void sigtermKeepsTheFinishedPictures() throws Exception {
        Path demo = Path.of("models/demo").toAbsolutePath();
        Assumptions.assumeTrue(Files.isDirectory(demo.resolve("unet")), "Skipped: models/demo is missing");
        Process child = ChildCli.start(dir, "generate", "--model", demo.toString(), "--prompt", "a red circle",
                "--steps", "20", "--batch-count", "100", "--seed", "100", "--out", "pictures/", "--quiet");
        long deadline = System.currentTimeMillis() + 60_000;
        // A name is claimed with an empty file before the picture is renamed over it: count finished ones.
        while (finished() < 3 && System.currentTimeMillis() < deadline && child.isAlive()) {
            Thread.sleep(50);
        }
        child.destroy(); // SIGTERM
        ChildCli.Result result = ChildCli.finish(child, dir, 60);
        assertFalse(result.crashed(), result.err());
        List<Path> pngs = pngs();
        assertTrue(pngs.size() >= 3, "pictures kept: " + pngs);
        for (Path png : pngs) {
            String parameters = PngText.read(png).get("parameters");
            assertTrue(parameters != null && parameters.contains("Seed: "), png + " is incomplete");
        }
        assertTrue(pngs.contains(dir.resolve("pictures/100.png")), "named by seed inside the folder: " + pngs);
        try (Stream<Path> files = Files.list(dir.resolve("pictures"))) {
            assertEquals(pngs.size(), files.count(), "no temporary or empty files left");
        }
    }

    private long finished() throws Exception {
        long count = 0;
        for (Path png : pngs()) {
            try {
                count += Files.size(png) > 0 ? 1 : 0;
            } catch (java.nio.file.NoSuchFileException gone) {
                // released between listing and looking
            }
        }
        return count;
    }

    private List<Path> pngs() throws Exception {
        Path folder = dir.resolve("pictures");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.toString().endsWith(".png")).sorted().toList();
        }
    }
}
