package org.sandpaint.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A real `sandpaint serve` in its own JVM on a free loopback port, for the remote back-end tests. */
final class ServeProcess implements AutoCloseable {

    private static final Pattern SERVING = Pattern.compile("on http://127\\.0\\.0\\.1:(\\d+)/");

    private final Process process;
    private final int port;

    private ServeProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static ServeProcess start(Path model) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // -Xss4m: creating ONNX Runtime's (GPU build) environment on the main thread comes within a few KB of
        // the default 1 MB stack, and a long -cp such as the test class path tips it into a stack overflow
        // (SIGSEGV, measured); ./sandpaint runs with -jar and a short class path.
        Process process = new ProcessBuilder(List.of(java, "-Xss4m", "-cp", System.getProperty("java.class.path"),
                "org.sandpaint.Launcher", "serve", "--model", model.toString(), "--listen", "127.0.0.1:0",
                "--device", "cpu"))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Integer> port = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    Matcher m = SERVING.matcher(line);
                    if (m.find()) {
                        return Integer.parseInt(m.group(1));
                    }
                }
                throw new IllegalStateException("sandpaint serve exited with " + process.waitFor());
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            return new ServeProcess(process, port.get(60, TimeUnit.SECONDS));
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
    }

    int port() {
        return port;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Asks it to stop as Ctrl+C would (SIGTERM) and returns its exit code. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("sandpaint serve did not stop within a minute of SIGTERM");
        }
        return process.exitValue();
    }

    /** Freezes it (SIGSTOP): its connections stay open but nothing answers, as when a machine drops off the network. */
    void freeze() throws Exception {
        signal("-STOP");
    }

    void resume() throws Exception {
        signal("-CONT");
    }

    private void signal(String which) throws Exception {
        new ProcessBuilder("kill", which, Long.toString(process.pid())).inheritIO().start().waitFor();
    }

    /** Ends it at once, as a crash or a pulled cable would. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
