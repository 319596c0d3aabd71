package org.sandpaint.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `sandpaint serve`'s checks before it listens (serving itself is tested in org.sandpaint.server). */
class ServeCommandTest {

    private record Run(int code, String err) {
    }

    private static Run run(String... args) {
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = SandpaintCli.execute(args);
            return new Run(code, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(oldErr);
        }
    }

    @Test
    void listeningBeyondThisComputerWithoutCredentialsWarns() {
        Run run = run("serve", "--listen", "0.0.0.0:0", "--model", "does/not/exist");
        assertTrue(run.err().contains("warning: listening on 0.0.0.0 without --api-auth"), run.err());
        assertNotEquals(0, run.code(), "the missing model still stops it");

        Run withAuth = run("serve", "--listen", "0.0.0.0:0", "--api-auth", "a:b", "--model", "does/not/exist");
        assertTrue(!withAuth.err().contains("warning"), withAuth.err());
    }

    @Test
    void malformedApiAuthIsABadArgument() {
        Run run = run("serve", "--api-auth", "alice", "--model", "does/not/exist");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("user:password"), run.err());
    }
}
