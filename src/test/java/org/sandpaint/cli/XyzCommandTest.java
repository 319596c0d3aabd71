package org.sandpaint.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sandpaint.engine.ImageFiles;
import org.sandpaint.engine.Infotext;
import org.sandpaint.testing.TestModels;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code sandpaint xyz} on the tiny committed model. */
class XyzCommandTest {

    @TempDir
    Path dir;


    @Test
    void savesEachCellWithItsParametersAndTheGridWithItsAxes() throws Exception {
        String model = TestModels.folder("tiny-optimum").toString();
        CliRun r = CliRun.of("xyz", "--model", model, "--prompt", "a red circle", "--x", "steps: 1,2", "--y", "cfg: 3-7 (+4)",
                "--seed", "3", "--width", "64", "--height", "64", "--out-dir", dir.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        List<String> written = r.out().lines().toList();
        assertEquals(5, written.size(), r.out());
        String[][] expected = {{"1", "3"}, {"2", "3"}, {"1", "7"}, {"2", "7"}};
        for (int i = 0; i < 4; i++) {
            Path cell = dir.resolve("xyz-cell-" + (i + 1) + ".png");
            assertTrue(written.contains(cell.toString()), r.out());
            Infotext info = Infotext.parse(ImageFiles.readParameters(cell).orElseThrow());
            assertEquals(Integer.parseInt(expected[i][0]), info.steps().orElseThrow());
            assertEquals(Double.parseDouble(expected[i][1]), info.cfgScale().orElseThrow());
            assertEquals(3, info.seed().orElseThrow());
            assertEquals("64x64", info.get("Size").orElseThrow());
        }
        Path grid = dir.resolve("xyz-grid.png");
        Infotext info = Infotext.parse(ImageFiles.readParameters(grid).orElseThrow());
        assertEquals("Steps", info.get("X Type").orElseThrow());
        assertEquals("CFG Scale", info.get("Y Type").orElseThrow());
        assertEquals("3-7 (+4)", info.get("Y Values").orElseThrow());
        BufferedImage picture = ImageIO.read(grid.toFile());
        assertTrue(picture.getWidth() > 128 && picture.getHeight() > 128, picture.getWidth() + "x" + picture.getHeight());
    }

    @Test
    void badAxesExitWithTwoAndAMessageNamingTheAxis() {
        String model = TestModels.folder("tiny-optimum").toString();
        CliRun range = CliRun.of("xyz", "--model", model, "--prompt", "x", "--x", "steps: 1-5 (+0)", "--out-dir", dir.toString());
        assertEquals(2, range.code());
        assertTrue(range.err().contains("X axis (Steps): the step of '1-5 (+0)' is 0"), range.err());
        CliRun cfg = CliRun.of("xyz", "--model", model, "--prompt", "x", "--x", "steps: 1", "--y", "cfg: 0-40 [3]", "--out-dir", dir.toString());
        assertEquals(2, cfg.code());
        assertTrue(cfg.err().contains("Y axis (CFG Scale): CFG scale must be between 1 and 30"), cfg.err());
        CliRun sr = CliRun.of("xyz", "--model", model, "--prompt", "a cat", "--x", "prompt s/r: dog, cow", "--out-dir", dir.toString());
        assertEquals(2, sr.code());
        assertTrue(sr.err().contains("'dog' is in neither the prompt nor the negative prompt"), sr.err());
        assertEquals(2, CliRun.of("xyz", "--model", model, "--prompt", "x", "--out-dir", dir.toString()).code(), "--x is required");
        assertTrue(Files.notExists(dir.resolve("xyz-grid.png")), "nothing rendered");
    }

    @Test
    void helpSharesTheGenerateOptions() {
        CliRun help = CliRun.of("xyz", "--help");
        assertEquals(0, help.code(), help.err());
        String text = help.out().replaceAll("\\s+", " ");
        for (String expected : new String[] {"--x=TYPE: VALUES", "Sampling steps, 1-150 (default: 20)", "--init-image",
                "--out-dir", "10-20 [5]"}) {
            assertTrue(text.contains(expected), expected + " in:\n" + help.out());
        }
    }
}
