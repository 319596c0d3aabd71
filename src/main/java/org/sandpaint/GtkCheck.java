package org.sandpaint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * JavaFX draws Linux windows with GTK 3. Without it the studio died with a Java stack trace ("Unable to
 * load glass GTK library"); this finds out first, from the dynamic linker's cache and
 * {@code LD_LIBRARY_PATH}, so the user is told which package to install.
 */
final class GtkCheck {

    static final String LIBRARY = "libgtk-3.so.0";

    private GtkCheck() {
    }

    /** The message for a Linux host without GTK 3; null when it is there or cannot be told. */
    static String problem(Path linkerCache, List<Path> libraryPath) {
        for (Path dir : libraryPath) {
            if (Files.exists(dir.resolve(LIBRARY))) {
                return null;
            }
        }
        byte[] cache;
        try {
            cache = Files.readAllBytes(linkerCache);
        } catch (IOException | RuntimeException e) {
            return null; // no glibc linker cache (musl, NixOS): let JavaFX try
        }
        if (new String(cache, StandardCharsets.ISO_8859_1).contains(LIBRARY)) {
            return null;
        }
        return "the studio window needs GTK 3 (" + LIBRARY + "), which is not installed. Install it "
                + "(Debian/Ubuntu: sudo apt-get install libgtk-3-0; Fedora: sudo dnf install gtk3) and start again, "
                + "or use the command line (sandpaint generate --help).";
    }

    /** {@link #problem} for this machine; null on other systems than Linux. */
    static String problemHere() {
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            return null;
        }
        String env = System.getenv("LD_LIBRARY_PATH");
        List<Path> dirs = env == null || env.isBlank() ? List.of()
                : java.util.Arrays.stream(env.split(":")).filter(s -> !s.isBlank()).map(Path::of).toList();
        return problem(Path.of("/etc/ld.so.cache"), dirs);
    }
}
