package org.sandpaint.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sandpaint.download.StandInHubAccess;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `sandpaint download` against a stand-in hub on a loopback port. */
class DownloadCommandTest {

    @TempDir
    Path dir;

    private record Run(int code, String err) {
    }

    private static Run run(Map<String, String> env, String... args) {
        PrintStream oldErr = System.err;
        PrintStream oldOut = System.out;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            CommandLine cli = new CommandLine(new DownloadCommand(env));
            cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
            cli.setExecutionExceptionHandler(new SandpaintCli.FailureHandler());
            return new Run(cli.execute(args), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(oldErr);
            System.setOut(oldOut);
        }
    }

    @Test
    void downloadsTheNamedFilesWithProgressAndVerifiesThem() throws Exception {
        byte[] weights = new byte[200_000];
        new Random(3).nextBytes(weights);
        try (var hub = StandInHubAccess.with("someone/model", "model.safetensors", weights)) {
            Run run = run(Map.of("HF_ENDPOINT", hub.endpoint().toString()), "someone/model", "model.safetensors",
                    "--to", dir.toString());
            assertEquals(0, run.code(), run.err());
            assertArrayEquals(weights, Files.readAllBytes(dir.resolve("model.safetensors")));
            assertTrue(run.err().contains("verified model.safetensors"), run.err());
            assertTrue(run.err().contains("100%"), run.err());
        }
    }

    @Test
    void anUnknownRepositoryIsAClearFailure() throws Exception {
        try (var hub = StandInHubAccess.with("someone/model", "model.safetensors", new byte[10])) {
            Run run = run(Map.of("HF_ENDPOINT", hub.endpoint().toString()), "someone/other", "--to", dir.toString());
            assertEquals(1, run.code(), run.err());
            assertTrue(run.err().contains("sandpaint: The Hub has no public repository someone/other"), run.err());
            Run both = run(Map.of(), "someone/other", "--url", "https://example.org/x.safetensors");
            assertEquals(2, both.code(), both.err());
            assertTrue(both.err().contains("not both"), both.err());
            Run bad = run(Map.of("HF_ENDPOINT", hub.endpoint().toString()), "../etc", "--to", dir.toString());
            assertEquals(1, bad.code(), bad.err());
            assertTrue(bad.err().contains("not a Hugging Face repository id"), bad.err());
        }
    }
}
