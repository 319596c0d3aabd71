package org.sandpaint.testing;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/** The tiny committed test models (src/test/models, made by make_tiny_models.py). */
public final class TestModels {

    private static final Path ROOT = Path.of("src/test/models");

    private TestModels() {
    }

    /** A model folder by layout name, e.g. "tiny-optimum"; skips the test if it was never generated. */
    public static Path folder(String layout) {
        Path dir = ROOT.resolve(layout);
        Assumptions.assumeTrue(Files.isDirectory(dir), "Skipped: test model " + dir + " is missing; run "
                + "src/test/models/make_tiny_models.py");
        return dir;
    }

    /** An Optimum-layout model: our own tiny one, or the shared fixture until ours exists. */
    public static Path optimum() {
        Path ours = ROOT.resolve("tiny-optimum");
        return Files.isDirectory(ours) ? ours : SharedFixtures.require("fixtures/tiny-sd-optimum");
    }
}
