package org.sandpaint.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * The tiny committed test models (src/test/models, made by make_tiny_models.py). They share one tokenizer
 * folder, {@code clip-tokenizer}; a symbolic link to it would break on Windows checkouts, so tests get a
 * copy of the model folder with the tokenizer added, under target/test-models/&lt;process id&gt;/ (one copy per
 * test run: a model another test still has open is never overwritten).
 */
public final class TestModels {

    private static final Path ROOT = Path.of("src/test/models");
    private static final Path COPIES = Path.of("target", "test-models");

    private TestModels() {
    }

    /** A model folder by layout name, e.g. "tiny-optimum"; skips the test if it was never generated. */
    public static Path folder(String layout) {
        Path dir = ROOT.resolve(layout);
        Assumptions.assumeTrue(Files.isDirectory(dir), "Skipped: test model " + dir + " is missing; run "
                + "src/test/models/make_tiny_models.py");
        if (Files.isDirectory(dir.resolve("tokenizer")) || !Files.isDirectory(dir.resolve("unet"))) {
            return dir; // stands alone already, or is no whole model (tiny-hidden-states: a text encoder)
        }
        Path copy = COPIES.resolve(Long.toString(ProcessHandle.current().pid())).resolve(layout);
        if (!Files.isDirectory(copy.resolve("tokenizer"))) {
            removeCopiesOfEndedRuns();
            copyTree(dir, copy);
            copyTree(ROOT.resolve("clip-tokenizer"), copy.resolve("tokenizer"));
        }
        return copy;
    }

    /** An Optimum-layout model: our own tiny one, or the shared fixture until ours exists. */
    public static Path optimum() {
        return Files.isDirectory(ROOT.resolve("tiny-optimum")) ? folder("tiny-optimum")
                : SharedFixtures.require("fixtures/tiny-sd-optimum");
    }

    /** Best effort: the copies of test runs whose process has ended. */
    private static void removeCopiesOfEndedRuns() {
        try (Stream<Path> runs = Files.list(COPIES)) {
            runs.filter(run -> run.getFileName().toString().matches("\\d+"))
                    .filter(run -> ProcessHandle.of(Long.parseLong(run.getFileName().toString())).isEmpty())
                    .forEach(TestModels::deleteTree);
        } catch (IOException e) {
            // no copies yet, or not listable: nothing to clean
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // left for mvn clean
        }
    }

    private static void copyTree(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy the test model " + from + " to " + to, e);
        }
    }
}
