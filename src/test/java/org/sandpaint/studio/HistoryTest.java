package org.sandpaint.studio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The history file: damaged entries never cost the good ones, and two studios never overwrite each other. */
class HistoryTest {

    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();

    private String picture(String name) throws IOException {
        return Files.writeString(dir.resolve(name), "png").toString().replace("\\", "\\\\");
    }

    private List<Path> setAside() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("history.json.bad-")).toList();
        }
    }

    @Test
    void oneBadEntryCostsOnlyItselfAndTheDamagedFileIsKeptAside() throws Exception {
        Path store = dir.resolve("history.json");
        String damaged = "[{\"file\":\"" + picture("1.png") + "\",\"parameters\":\"a cat\",\"createdMillis\":1},"
                + "{\"file\":\"" + picture("2.png") + "\",\"parameters\":\"a dog\",\"createdMillis\":\"yesterday\"},"
                + "{\"file\":null,\"parameters\":\"x\",\"createdMillis\":3},"
                + "{\"file\":\"bad\\u0000name.png\",\"parameters\":\"x\",\"createdMillis\":4},"
                + "null,"
                + "{\"file\":\"" + picture("5.png") + "\",\"parameters\":\"a bird\",\"createdMillis\":5}]";
        Files.writeString(store, damaged);

        History history = new History(store, warnings::add);
        assertEquals(List.of("a cat", "a bird"), history.entries().stream().map(History.Entry::parameters).toList());
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("4 entries could not be read") && warnings.get(0).contains("Kept 2"),
                warnings.get(0));
        assertEquals(1, setAside().size());
        assertEquals(damaged, Files.readString(setAside().get(0)), "the damaged file is kept as it was");
        assertTrue(warnings.get(0).contains(setAside().get(0).toString()), "the user is told where it went");
        assertEquals(2, new History(store).entries().size(), "the good entries were written back");
    }

    @Test
    void aFileThatIsNoListOrNotJsonStartsEmptyAndIsKeptAside() throws Exception {
        Path store = dir.resolve("history.json");
        for (String content : new String[] {"null", "{broken", "{\"file\":\"x\"}"}) {
            Files.writeString(store, content);
            warnings.clear();
            History history = new History(store, warnings::add);
            assertTrue(history.entries().isEmpty());
            assertEquals(1, warnings.size(), content);
            assertTrue(warnings.get(0).contains("it could not be read"), warnings.get(0));
        }
        assertEquals(3, setAside().size(), "each damaged file is kept under its own name");
        Files.writeString(store, "");
        warnings.clear();
        assertTrue(new History(store, warnings::add).entries().isEmpty());
        assertTrue(warnings.isEmpty(), "an empty file is no damage");
    }

    @Test
    void twoStudiosOnOneDataFolderKeepBothTheirPictures() throws Exception {
        Path store = dir.resolve("history.json");
        History first = new History(store, warnings::add);
        History second = new History(store, warnings::add);
        first.add(new History.Entry(picture("a.png"), "first's", 1));
        second.add(new History.Entry(picture("b.png"), "second's", 2));
        first.add(new History.Entry(picture("c.png"), "first's again", 3));
        List<String> expected = List.of("first's", "second's", "first's again");
        assertEquals(expected, new History(store).entries().stream().map(History.Entry::parameters).toList());
        assertEquals(expected, first.entries().stream().map(History.Entry::parameters).toList(),
                "a studio sees the other's pictures once it writes");
        second.delete(second.entries().get(0));
        assertEquals(List.of("second's", "first's again"),
                new History(store).entries().stream().map(History.Entry::parameters).toList());
        assertTrue(Files.exists(dir.resolve("history.json.lock")));
        assertTrue(warnings.isEmpty(), warnings.toString());
    }

    @Test
    void aHistoryThatCannotBeLockedIsStillShown() throws Exception {
        Path store = dir.resolve("history.json");
        new History(store).add(new History.Entry(picture("a.png"), "kept", 1));
        Files.delete(dir.resolve("history.json.lock"));
        Files.createDirectory(dir.resolve("history.json.lock")); // a lock file that cannot be opened for writing
        History history = new History(store, warnings::add);
        assertEquals(List.of("kept"), history.entries().stream().map(History.Entry::parameters).toList());
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("cannot be updated"), warnings.get(0));
        assertThrows(IOException.class, () -> history.add(new History.Entry(picture("b.png"), "new", 2)));
    }

    @Test
    void entriesWhosePictureIsGoneAreDroppedQuietly() throws Exception {
        Path store = dir.resolve("history.json");
        History history = new History(store, warnings::add);
        history.add(new History.Entry(picture("a.png"), "kept", 1));
        history.add(new History.Entry(dir.resolve("gone.png").toString(), "gone", 2));
        assertEquals(List.of("kept"), new History(store, warnings::add).entries().stream()
                .map(History.Entry::parameters).toList());
        assertTrue(warnings.isEmpty(), warnings.toString());
    }
}
