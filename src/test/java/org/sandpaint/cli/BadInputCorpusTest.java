package org.sandpaint.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.sandpaint.testing.TestModels;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sandpaint.testing.ChildCli;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bad-input corpus (src/test/corpus/bad-input.jsonl, one case per line): every case runs the command
 * line and must end with the documented exit code (0 ok, 1 failure, 2 bad arguments), a message that
 * says what is wrong (no stack trace), no JVM crash, and every file of the user's as it was. Cases run
 * in this JVM through picocli, or in a child JVM ({@code "child": true}) where a crash could kill it.
 *
 * <p>A case: {@code name}, {@code setup} (steps that build the user's files in a fresh folder, see
 * {@link #setUp}), {@code args} ({@code {dir}} is that folder, {@code {model}} the tiny test model,
 * {@code {repeat:N:text}} the text N times), {@code exit}, {@code expect} (words the message must hold,
 * case-insensitive; for exit 0 the output). Add a line to add a case.
 */
class BadInputCorpusTest {

    private static final Path CORPUS = Path.of("src/test/corpus/bad-input.jsonl");
    private static final Path TINY = TestModels.folder("tiny-optimum").toAbsolutePath();
    private static final Pattern STACK_TRACE = Pattern.compile("(?m)^\\s+at [\\w.$]+\\(|\\b\\w+(Exception|Error)\\b: ");
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> cases() throws Exception {
        List<Arguments> out = new ArrayList<>();
        for (String line : Files.readAllLines(CORPUS)) {
            if (!line.isBlank() && !line.startsWith("//")) {
                JsonNode node = JSON.readTree(line);
                out.add(Arguments.of(node.get("name").asText(), node));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badInputGetsAClearMessageAndLosesNothing(String name, JsonNode spec) throws Exception {
        Path dir = Files.createTempDirectory("sandpaint-corpus-");
        try {
            for (JsonNode step : spec.path("setup")) {
                setUp(dir, step.asText());
            }
            Map<String, String> before = snapshot(dir);
            List<String> args = new ArrayList<>();
            for (JsonNode arg : spec.get("args")) {
                args.add(expand(arg.asText(), dir));
            }
            int expectedExit = spec.get("exit").asInt();
            Outcome outcome = spec.path("child").asBoolean(false) ? inChild(dir, args) : inProcess(args);

            String shown = "exit " + outcome.code + "\nstdout: " + abbreviate(outcome.out) + "\nstderr: " + abbreviate(outcome.err);
            assertFalse(outcome.crashed, "JVM crash\n" + shown);
            assertEquals(expectedExit, outcome.code, shown);
            assertFalse(STACK_TRACE.matcher(outcome.err).find(), "stack trace or raw exception\n" + shown);
            String text = (expectedExit == 0 ? outcome.out + outcome.err : outcome.err).toLowerCase();
            for (JsonNode word : spec.path("expect")) {
                assertTrue(text.contains(expand(word.asText(), dir).toLowerCase()),
                        "message should mention '" + word.asText() + "'\n" + shown);
            }
            Map<String, String> after = snapshot(dir);
            before.forEach((file, hash) -> assertEquals(hash, after.get(file), file + " was changed or lost\n" + shown));
            if (expectedExit != 0) {
                after.keySet().removeAll(before.keySet());
                after.keySet().removeIf(f -> f.startsWith("child."));
                assertEquals(Map.of(), after, "a failed run left files behind\n" + shown);
            }
        } finally {
            deleteTree(dir);
        }
    }

    private record Outcome(int code, String out, String err, boolean crashed) {
    }

    private static Outcome inProcess(List<String> args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = SandpaintCli.execute(args.toArray(String[]::new));
            return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), false);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private static Outcome inChild(Path dir, List<String> args) throws Exception {
        ChildCli.Result r = ChildCli.run(dir, 120, args.toArray(String[]::new));
        for (String log : r.crashLogs()) {
            Files.deleteIfExists(dir.resolve(log));
        }
        return new Outcome(r.code(), r.out(), r.err(), r.crashed());
    }

    /**
     * One setup step: {@code model} (a copy of the tiny model in {dir}/model), {@code write PATH TEXT},
     * {@code delete PATH}, {@code truncate PATH BYTES}, {@code png PATH W H} (a black picture; {@code whitepng} a white one),
     * {@code pngtext PATH KEY VALUE} (a picture with a text chunk; VALUE may use \e, \n, \a escapes).
     */
    static void setUp(Path dir, String step) throws Exception {
        String[] w = step.split(" ", 4);
        switch (w[0]) {
            case "model" -> copyTree(TINY, dir.resolve("model"));
            case "write" -> {
                Path file = dir.resolve(w[1]);
                Files.createDirectories(file.getParent());
                Files.writeString(file, step.substring(step.indexOf(w[1]) + w[1].length() + 1));
            }
            case "delete" -> deleteTree(dir.resolve(w[1]));
            case "truncate" -> {
                Path file = dir.resolve(w[1]);
                byte[] bytes = Files.readAllBytes(file);
                Files.write(file, java.util.Arrays.copyOf(bytes, Math.min(bytes.length, Integer.parseInt(w[2]))));
            }
            case "png", "whitepng" -> {
                BufferedImage image = new BufferedImage(Integer.parseInt(w[2]), Integer.parseInt(w[3]),
                        BufferedImage.TYPE_INT_RGB);
                if (w[0].equals("whitepng")) {
                    java.awt.Graphics2D g = image.createGraphics();
                    g.setColor(java.awt.Color.WHITE);
                    g.fillRect(0, 0, image.getWidth(), image.getHeight());
                    g.dispose();
                }
                Path file = dir.resolve(w[1]);
                Files.createDirectories(file.getParent());
                javax.imageio.ImageIO.write(image, "png", file.toFile());
            }
            case "pngtext" -> {
                String value = w[3].replace("\\e", "\u001b").replace("\\a", "\u0007").replace("\\n", "\n");
                org.sandpaint.engine.image.PngText.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB),
                        Map.of(w[2], value), dir.resolve(w[1]));
            }
            default -> throw new IllegalArgumentException("Unknown setup step: " + step);
        }
    }

    private static String expand(String arg, Path dir) {
        String out = arg.replace("{dir}", dir.toString()).replace("{model}", TINY.toString());
        var m = Pattern.compile("\\{repeat:(\\d+):([^}]*)}").matcher(out);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, java.util.regex.Matcher.quoteReplacement(m.group(2).repeat(Integer.parseInt(m.group(1)))));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** Every file under {@code dir} with the SHA-256 of its content. */
    private static Map<String, String> snapshot(Path dir) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                out.put(dir.relativize(p).toString(), HexFormat.of().formatHex(sha.digest(Files.readAllBytes(p))));
            }
        }
        return out;
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.walk(from, FileVisitOption.FOLLOW_LINKS)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static void deleteTree(Path path) throws Exception {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 2000 ? s.substring(0, 2000) + "..." : s;
    }
}
