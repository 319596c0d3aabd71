package org.sandpaint.testing;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates ../shared (the team's reference material) and skips a test clearly when it is absent. */
public final class SharedFixtures {

    private SharedFixtures() {
    }

    /** The shared folder, or a skipped test saying why. */
    public static Path require(String relative) {
        String configured = System.getProperty("sandpaint.shared", "../shared");
        Path path = Path.of(configured).resolve(relative);
        Assumptions.assumeTrue(Files.exists(path),
                "Skipped: " + path.toAbsolutePath().normalize() + " is absent (../shared is only present in the "
                        + "team's checkouts and CI; this test compares against its reference data).");
        return path;
    }
}
