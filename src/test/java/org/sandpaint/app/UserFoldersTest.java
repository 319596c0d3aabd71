package org.sandpaint.app;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class UserFoldersTest {

    private static final Path HOME = Path.of("/home/ada");

    @Test
    void linuxFollowsXdg() {
        UserFolders plain = UserFolders.forSystem("Linux", HOME, Map.of());
        assertEquals(Path.of("/home/ada/.local/share/sandpaint"), plain.data());
        assertEquals(Path.of("/home/ada/.cache/sandpaint/model-hashes.json"), plain.modelHashCache());
        UserFolders xdg = UserFolders.forSystem("Linux", HOME, Map.of("XDG_DATA_HOME", "/d", "XDG_CACHE_HOME", "/c"));
        assertEquals(Path.of("/d/sandpaint"), xdg.data());
        assertEquals(Path.of("/c/sandpaint"), xdg.cache());
    }

    @Test
    void windowsAndMacUseTheirOwnPlaces() {
        UserFolders win = UserFolders.forSystem("Windows 11", HOME, Map.of("APPDATA", "C:/Users/ada/AppData/Roaming",
                "LOCALAPPDATA", "C:/Users/ada/AppData/Local"));
        assertEquals(Path.of("C:/Users/ada/AppData/Roaming/Sandpaint"), win.data());
        assertEquals(Path.of("C:/Users/ada/AppData/Local/Sandpaint/Cache"), win.cache());
        UserFolders mac = UserFolders.forSystem("Mac OS X", HOME, Map.of());
        assertEquals(Path.of("/home/ada/Library/Application Support/Sandpaint"), mac.data());
    }
}
