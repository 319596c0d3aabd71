package org.sandpaint.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sandpaint.engine.ImageFiles;
import org.sandpaint.engine.Infotext;
import org.sandpaint.testing.TestModels;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code sandpaint styles ...} and {@code --style} on generate and xyz. */
class StylesCommandTest {

    private static final String WEBUI_FILE = "\uFEFFname,prompt,negative_prompt\r\n"
            + "Cinematic,\"cinematic still of {prompt}, film grain\",\"cartoon, \"\"drawing\"\"\"\r\n"
            + "Simple,masterpiece,\r\n";

    @TempDir
    Path dir;

    @Test
    void importListExportAndApply() throws Exception {
        Path webui = Files.writeString(dir.resolve("webui.csv"), WEBUI_FILE, StandardCharsets.UTF_8);
        String mine = dir.resolve("mine/styles.csv").toString();
        CliRun imported = CliRun.of("styles", "import", "--styles-file", mine, webui.toString());
        assertEquals(0, imported.code(), imported.err());
        assertTrue(imported.err().contains("Imported 2 style(s)"), imported.err());

        CliRun list = CliRun.of("styles", "list", "--styles-file", mine);
        assertEquals(0, list.code(), list.err());
        assertTrue(list.out().contains("Cinematic") && list.out().contains("cinematic still of {prompt}, film grain"), list.out());

        Path exported = dir.resolve("exported.csv");
        assertEquals(0, CliRun.of("styles", "export", "--styles-file", mine, exported.toString()).code());
        assertEquals(WEBUI_FILE, Files.readString(exported, StandardCharsets.UTF_8));

        String model = TestModels.folder("tiny-optimum").toString();
        Path png = dir.resolve("styled.png");
        CliRun generated = CliRun.of("generate", "--model", model, "--prompt", "a cat", "--negative", "blurry",
                "--style", "Cinematic", "--style", "Simple", "--styles-file", mine, "--steps", "1", "--width", "64",
                "--height", "64", "--out", png.toString(), "--quiet");
        assertEquals(0, generated.code(), generated.err());
        Infotext info = Infotext.parse(ImageFiles.readParameters(png).orElseThrow());
        assertEquals("cinematic still of a cat, film grain, masterpiece", info.prompt());
        assertEquals("blurry, cartoon, \"drawing\"", info.negativePrompt());

        CliRun unknown = CliRun.of("xyz", "--model", model, "--prompt", "a cat", "--style", "Noir",
                "--styles-file", mine, "--x", "steps: 1", "--out-dir", dir.toString());
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("Unknown style 'Noir'. Known styles: Cinematic, Simple."), unknown.err());
    }

    @Test
    void aFileThatIsNotAStylesFileIsRefusedWithItsName() throws Exception {
        Path other = Files.writeString(dir.resolve("other.csv"), "a,b\n");
        CliRun r = CliRun.of("styles", "import", "--styles-file", dir.resolve("s.csv").toString(), other.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("other.csv") && r.err().contains("not a styles file"), r.err());
        assertTrue(Files.notExists(dir.resolve("s.csv")), "nothing written");
    }
}
