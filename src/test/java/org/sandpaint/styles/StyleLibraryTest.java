package org.sandpaint.styles;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Styles against the WebUI: the parsed rows and the written text were computed with Python's csv module
 * used as modules/styles.py uses it (DictReader with skipinitialspace, DictWriter, utf-8-sig), the applied
 * prompts with its merge_prompts and apply_styles_to_prompt.
 */
class StyleLibraryTest {

    /** A WebUI user's file: byte-order mark, spaces after commas, quotes, commas, a line break, {prompt}, an empty line. */
    private static final String WEBUI_FILE = "\uFEFFname,prompt,negative_prompt\r\n"
            + "Cinematic,\"cinematic still of {prompt}, film grain\",\"cartoon, \"\"drawing\"\"\"\r\n"
            + "Simple, masterpiece , \r\n"
            + "\r\n"
            + "\"Two lines\",\"line one\nline two, {prompt}\",ugly\r\n"
            + "No negative,plain\r\n";

    private static final List<PromptStyle> PARSED = List.of(
            new PromptStyle("Cinematic", "cinematic still of {prompt}, film grain", "cartoon, \"drawing\""),
            new PromptStyle("Simple", "masterpiece ", ""),
            new PromptStyle("Two lines", "line one\nline two, {prompt}", "ugly"),
            new PromptStyle("No negative", "plain", ""));

    /** What Python's DictWriter writes for PARSED (after the byte-order mark utf-8-sig adds). */
    private static final String WRITTEN = "\uFEFFname,prompt,negative_prompt\r\n"
            + "Cinematic,\"cinematic still of {prompt}, film grain\",\"cartoon, \"\"drawing\"\"\"\r\n"
            + "Simple,masterpiece ,\r\n"
            + "Two lines,\"line one\nline two, {prompt}\",ugly\r\n"
            + "No negative,plain,\r\n";

    @TempDir
    Path dir;

    @Test
    void readsAndWritesTheWebUisStylesCsv() {
        assertEquals(PARSED, StyleCsv.read(WEBUI_FILE));
        assertEquals(WRITTEN, StyleCsv.write(PARSED));
        assertEquals(PARSED, StyleCsv.read(StyleCsv.write(PARSED)), "round trip");
        assertEquals(List.of(new PromptStyle("Old", "from the name,text days", "")),
                StyleCsv.read("name,text\nOld,\"from the name,text days\"\n"));
    }

    @Test
    void importSavesInTheUsersFileAndExportWritesTheWebUiFormat() throws IOException {
        Path webui = Files.writeString(dir.resolve("webui-styles.csv"), WEBUI_FILE, StandardCharsets.UTF_8);
        Path mine = dir.resolve("data/styles.csv");
        StyleLibrary library = StyleLibrary.load(mine);
        assertTrue(library.styles().isEmpty(), "no file yet, no styles");
        assertEquals(4, library.importFile(webui));
        assertEquals(PARSED, StyleLibrary.load(mine).styles(), "kept in the user's file");

        library.put(new PromptStyle("Simple", "minimal", ""));
        library.save();
        assertTrue(Files.readString(dir.resolve("data/styles.csv.bak")).contains("masterpiece"), "previous file kept");
        Path exported = dir.resolve("out/exported.csv");
        StyleLibrary.load(mine).exportFile(exported);
        assertEquals(WRITTEN.replace("masterpiece ", "minimal"), Files.readString(exported, StandardCharsets.UTF_8));
        try (var files = Files.list(dir.resolve("data"))) {
            assertFalse(files.anyMatch(f -> f.toString().endsWith(".tmp")), "no temporary files left");
        }
    }

    @Test
    void stylesApplyInOrderEachWrappingTheResultBefore() throws IOException {
        StyleLibrary library = StyleLibrary.load(dir.resolve("styles.csv"));
        PARSED.forEach(library::put);
        assertEquals(new StyleLibrary.StyledPrompt("cinematic still of  a cat , film grain, masterpiece", "blurry, cartoon, \"drawing\""),
                library.apply(" a cat ", "blurry", List.of("Cinematic", "Simple")));
        assertEquals(new StyleLibrary.StyledPrompt("cinematic still of a cat, masterpiece, film grain", "blurry, cartoon, \"drawing\""),
                library.apply(" a cat ", "blurry", List.of("Simple", "Cinematic")));
        assertEquals(new StyleLibrary.StyledPrompt("line one\nline two, cinematic still of  a cat , film grain",
                "blurry, cartoon, \"drawing\", ugly"), library.apply(" a cat ", "blurry", List.of("Cinematic", "Two lines")));
        assertEquals(new StyleLibrary.StyledPrompt("masterpiece", ""), library.apply("", "", List.of("Simple")));
        assertEquals(new StyleLibrary.StyledPrompt("a cat", "x"), library.apply("a cat", "x", List.of()));
    }

    @Test
    void unknownStylesAndBadFilesSayWhatToDo() throws IOException {
        StyleLibrary empty = StyleLibrary.load(dir.resolve("styles.csv"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> empty.apply("a", "", List.of("Noir")))
                .getMessage().contains("no styles are saved"));
        StyleLibrary library = StyleLibrary.load(dir.resolve("styles.csv"));
        PARSED.forEach(library::put);
        assertEquals("Unknown style 'Noir'. Known styles: Cinematic, Simple, Two lines, No negative.",
                assertThrows(IllegalArgumentException.class, () -> library.apply("a", "", List.of("Simple", "Noir"))).getMessage());
        Path notStyles = Files.writeString(dir.resolve("other.csv"), "a,b\n1,2\n");
        assertTrue(assertThrows(IOException.class, () -> library.importFile(notStyles)).getMessage().contains("not a styles file"));
        Path open = Files.writeString(dir.resolve("open.csv"), "name,prompt\nx,\"never closed\n");
        assertTrue(assertThrows(IOException.class, () -> library.importFile(open)).getMessage().contains("closing \" is missing"));
        Path binary = Files.write(dir.resolve("bin.csv"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 0});
        assertTrue(assertThrows(IOException.class, () -> library.importFile(binary)).getMessage().contains("not a UTF-8"));
        assertEquals(PARSED, library.styles(), "a failed import changes nothing");
    }
}
