package org.sandpaint.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real command line in a child JVM (what {@code ./sandpaint} runs), for the faults that only a
 * process shows: native crashes, signals, exit codes. A JVM crash leaves its hs_err file in {@code dir}.
 */
public final class ChildCli {

    private ChildCli() {
    }

    /** Exit code, both outputs, and the names of the crash logs found afterwards. */
    public record Result(int code, String out, String err, List<String> crashLogs) {
        public boolean crashed() {
            return !crashLogs.isEmpty() || code == 134 || code == 139;
        }
    }

    /** Starts {@code Launcher args} with {@code dir} as working folder; output goes to files in it. */
    public static Process start(Path dir, String... args) throws IOException {
        return start(dir, List.of(), args);
    }

    /** {@link #start(Path, String...)} with extra JVM options before the main class. */
    public static Process start(Path dir, List<String> jvmOptions, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Dai.djl.offline=true",
                "-XX:ErrorFile=" + dir.resolve("hs_err_pid%p.log")));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.sandpaint.Launcher"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("child.out").toFile())
                .redirectError(dir.resolve("child.err").toFile())
                .start();
    }

    /** Waits for the child (killing it after {@code timeoutSeconds}) and collects what it left. */
    public static Result finish(Process process, Path dir, long timeoutSeconds) throws Exception {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("The child JVM did not finish within " + timeoutSeconds + " s");
        }
        List<String> logs;
        try (Stream<Path> files = Files.list(dir)) {
            logs = files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("hs_err")).toList();
        }
        return new Result(process.exitValue(), Files.readString(dir.resolve("child.out"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("child.err"), StandardCharsets.UTF_8), logs);
    }

    public static Result run(Path dir, long timeoutSeconds, String... args) throws Exception {
        return finish(start(dir, args), dir, timeoutSeconds);
    }
}
