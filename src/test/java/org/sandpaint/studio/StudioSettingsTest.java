package org.sandpaint.studio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** settings.json: a bad value costs only itself; the studio starts whatever the file holds. */
class StudioSettingsTest {

    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();

    private long setAside() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("settings.json.bad-")).count();
        }
    }

    @Test
    void badValuesFallBackOneByOneAndTheFileIsKeptAside() throws Exception {
        Path file = dir.resolve("settings.json");
        Files.writeString(file, "{\"modelFolder\":\"/models/a\\u0000b\",\"outputFolder\":\"" + dir.toString().replace("\\", "\\\\")
                + "\",\"prompt\":\"a lighthouse\",\"steps\":\"many\",\"cfgScale\":5.5,\"width\":768,\"seed\":12,"
                + "\"sampler\":null,\"unknownKey\":true}");
        StudioSettings s = StudioSettings.load(file, dir.resolve("default"), warnings::add);
        assertNull(s.modelFolder(), "a path with a NUL in it is no path");
        assertEquals(dir.toString(), s.outputFolder());
        assertEquals("a lighthouse", s.prompt());
        assertEquals(20, s.steps());
        assertEquals(5.5, s.cfgScale());
        assertEquals(768, s.width());
        assertEquals("-1", s.seed(), "a number where text belongs is a bad value");
        assertEquals("Euler a", s.sampler(), "null means the default");
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("(modelFolder, steps, seed)"), warnings.get(0));
        assertEquals(1, setAside());
        assertTrue(SettingsMapper.rememberedModel(s).isEmpty());
    }

    @Test
    void aNullOrBrokenFileGivesTheDefaultsAndIsKeptAside() throws Exception {
        Path file = dir.resolve("settings.json");
        for (String content : new String[] {"null", "{broken", "[1, 2]"}) {
            Files.writeString(file, content);
            warnings.clear();
            StudioSettings s = StudioSettings.load(file, dir, warnings::add);
            assertEquals(StudioSettings.defaults(dir), s, content);
            assertEquals(1, warnings.size(), content);
            assertTrue(warnings.get(0).contains("could not be read; using the defaults"), warnings.get(0));
        }
        assertEquals(3, setAside());
    }

    @Test
    void aGoodFileIsReadAsWrittenAndLeftAlone() throws Exception {
        Path file = dir.resolve("settings.json");
        StudioSettings written = new StudioSettings(dir.toString(), dir.toString(), "p", "n", "DDIM", 33, 6.5, 2, 640,
                448, 3, 2, "42", 0, "APPROX_CHEAP", "cpu");
        written.save(file);
        assertEquals(written, StudioSettings.load(file, dir, warnings::add));
        assertTrue(warnings.isEmpty(), warnings.toString());
        assertEquals(0, setAside());
    }
}
