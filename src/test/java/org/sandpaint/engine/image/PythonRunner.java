package org.sandpaint.engine.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs small Python scripts in tests that cross-check our files against NumPy or Pillow, when available. */
final class PythonRunner {

    private static final List<String> CANDIDATES = List.of("python3", "/usr/bin/python3");

    private final String executable;

    private PythonRunner(String executable) {
        this.executable = executable;
    }

    /** The first Python on this machine that can import {@code module}, if any. */
    static Optional<PythonRunner> withModule(String module) {
        for (String candidate : CANDIDATES) {
            PythonRunner python = new PythonRunner(candidate);
            try {
                python.run("import " + module);
                return Optional.of(python);
            } catch (IOException | RuntimeException e) {
                // not installed here; try the next one
            }
        }
        return Optional.empty();
    }

    /** Runs {@code script} with {@code args} and returns its standard output; fails on a non-zero exit. */
    String run(String script, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(executable, "-c", script));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        // Read before waiting so a chatty script cannot block on a full pipe.
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("Python timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        if (process.exitValue() != 0) {
            throw new IOException("Python failed (" + process.exitValue() + "): " + output);
        }
        return output;
    }
}
