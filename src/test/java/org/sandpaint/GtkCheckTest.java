package org.sandpaint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GtkCheckTest {

    @TempDir
    Path dir;

    @Test
    void missingGtkNamesThePackage() throws Exception {
        Path cache = Files.write(dir.resolve("ld.so.cache"), "glibc-ld.so.cache1.1 libc.so.6 libX11.so.6".getBytes());
        String problem = GtkCheck.problem(cache, List.of());
        assertTrue(problem != null && problem.contains("libgtk-3-0") && problem.contains("libgtk-3.so.0"), problem);
    }

    @Test
    void gtkInTheLinkerCacheOrLibraryPathIsEnough() throws Exception {
        Path cache = Files.write(dir.resolve("ld.so.cache"), "x libgtk-3.so.0 y".getBytes());
        assertNull(GtkCheck.problem(cache, List.of()));
        Path empty = Files.write(dir.resolve("empty.cache"), new byte[0]);
        Files.createFile(dir.resolve("libgtk-3.so.0"));
        assertNull(GtkCheck.problem(empty, List.of(dir)));
    }

    @Test
    void withoutALinkerCacheNothingIsClaimed() {
        assertNull(GtkCheck.problem(dir.resolve("absent"), List.of()));
    }

    /** Recording the class list for the installers checks its tools first and names the missing packages. */
    @Test
    void buildToolCheckNamesMissingPackages() throws Exception {
        Path bin = Files.createDirectory(dir.resolve("bin"));
        for (String tool : List.of("bash", "grep", "id", "ls")) {
            Path real = Path.of("/usr/bin", tool).toFile().exists() ? Path.of("/usr/bin", tool) : Path.of("/bin", tool);
            Files.createSymbolicLink(bin.resolve(tool), real);
        }
        ProcessBuilder pb = new ProcessBuilder(bin.resolve("bash").toString(), "packaging/linux/check-build-tools.sh")
                .redirectErrorStream(true);
        pb.environment().put("PATH", bin.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor() == 1 && out.contains("xvfb") && out.contains("xdotool")
                && out.contains("apt-get install"), out);
    }
}
