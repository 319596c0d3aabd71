package org.sandpaint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LauncherTest {

    @TempDir
    Path dir;

    @Test
    void writableCacheFolderIsUsed() {
        Path wanted = dir.resolve("cache/djl");
        assertEquals(wanted, Launcher.writableFolder(wanted, "fallback"));
        assertEquals(true, Files.isDirectory(wanted));
    }

    /** An unusable home (here: a file where a folder should be, which even root cannot write into). */
    @Test
    void unusableHomeFallsBackToTheTemporaryFolder() throws Exception {
        Path home = Files.writeString(dir.resolve("home"), "not a folder");
        assertEquals(Path.of(System.getProperty("java.io.tmpdir"), "sandpaint-djl-x"),
                Launcher.writableFolder(home.resolve(".cache/sandpaint/djl"), "sandpaint-djl-x"));
    }
}
