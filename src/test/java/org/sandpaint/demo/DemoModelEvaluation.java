package org.sandpaint.demo;

import org.sandpaint.engine.Engine;
import org.sandpaint.engine.EngineOptions;
import org.sandpaint.engine.Device;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The demo model's accuracy grid for its model card: every held-out combination of colour, shape, size,
 * position and background (the tenth that training never saw, chosen by dataset.py's hash) is prompted
 * in plain words with the studio's defaults, and the picture is read back with {@link ShapeReading}.
 * A report, not a test. Run after {@code mvn test-compile}:
 * <pre>
 * java -cp "target/test-classes:target/classes:target/lib/*" org.sandpaint.demo.DemoModelEvaluation [models/demo] [seeds]
 * </pre>
 */
public final class DemoModelEvaluation {

    static final List<String> COLOURS = List.copyOf(ShapeReading.PALETTE.keySet());
    static final List<String> SHAPES = List.of("circle", "square", "triangle");
    static final List<String> SIZES = List.of("small", "medium", "large");
    static final List<String> POSITIONS = List.of("center", "top left", "top right", "bottom left", "bottom right");

    record Labels(String colour, String shape, String size, String position, String background) {

        /** dataset.py's split: md5 of the labels' key, first byte below a tenth of 256 means held out. */
        boolean heldOut() throws Exception {
            String key = colour + "|" + shape + "|" + size + "|" + position + "|" + background;
            byte[] digest = MessageDigest.getInstance("MD5").digest(key.getBytes(StandardCharsets.UTF_8));
            return (digest[0] & 0xff) < 256 * 0.1;
        }

        /** The plain caption: defaults (medium, center, white) are left out, as an artist would. */
        String prompt() {
            String noun = (size.equals("medium") ? "" : size + " ") + colour + " " + shape;
            String text = ("aeiou".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
            if (!position.equals("center")) {
                text += " at the " + position;
            }
            if (!background.equals("white")) {
                text += " on " + ("aeiou".indexOf(background.charAt(0)) >= 0 ? "an " : "a ") + background + " background";
            }
            return text;
        }
    }

    static List<Labels> heldOut() throws Exception {
        List<Labels> out = new ArrayList<>();
        for (String c : COLOURS) {
            for (String s : SHAPES) {
                for (String z : SIZES) {
                    for (String p : POSITIONS) {
                        for (String b : COLOURS) {
                            Labels labels = new Labels(c, s, z, p, b);
                            if (!b.equals(c) && labels.heldOut()) {
                                out.add(labels);
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    public static void main(String[] args) throws Exception {
        Path model = Path.of(args.length > 0 ? args[0] : "models/demo");
        int seeds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        List<Labels> grid = heldOut();
        Map<String, int[]> correct = new LinkedHashMap<>();
        for (String k : List.of("colour", "shape", "position", "background", "colour+position+background", "all four")) {
            correct.put(k, new int[1]);
        }
        Map<String, int[]> byColour = new LinkedHashMap<>();
        Map<String, int[]> byShape = new LinkedHashMap<>();
        Map<String, int[]> byPosition = new LinkedHashMap<>();
        int total = 0;
        long started = System.nanoTime();
        try (Engine engine = Engine.open(model, EngineOptions.defaults().withDevice(Device.CPU))) {
            for (Labels want : grid) {
                for (long seed = 1; seed <= seeds; seed++) {
                    ShapeReading got = ShapeReading.of(DemoModelTest.draw(engine, want.prompt(), seed));
                    boolean colour = want.colour().equals(got.colour());
                    boolean shape = want.shape().equals(got.shape());
                    boolean position = want.position().equals(got.position());
                    boolean background = want.background().equals(got.background());
                    boolean placed = colour && position && background;
                    count(correct, "colour", colour);
                    count(correct, "shape", shape);
                    count(correct, "position", position);
                    count(correct, "background", background);
                    count(correct, "colour+position+background", placed);
                    count(correct, "all four", placed && shape);
                    count(byColour, want.colour(), placed);
                    count(byShape, want.shape(), placed && shape);
                    count(byPosition, want.position(), placed);
                    total++;
                }
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "%d held-out combinations x %d seeds = %d pictures, %.1f s (%.0f ms each)%n%n",
                grid.size(), seeds, total, seconds, 1000 * seconds / total);
        System.out.println("| read correctly | share |\n|---|---|");
        for (Map.Entry<String, int[]> e : correct.entrySet()) {
            System.out.printf(Locale.ROOT, "| %s | %.1f%% |%n", e.getKey(), 100.0 * e.getValue()[0] / total);
        }
        table("colour (colour, position and background right)", byColour);
        table("shape (all four right)", byShape);
        table("position (colour, position and background right)", byPosition);
    }

    private static void count(Map<String, int[]> counts, String key, boolean right) {
        int[] c = counts.computeIfAbsent(key, k -> new int[2]);
        if (c.length == 1) {
            c[0] += right ? 1 : 0;
            return;
        }
        c[0] += right ? 1 : 0;
        c[1]++;
    }

    private static void table(String title, Map<String, int[]> counts) {
        System.out.printf("%n| by %s | right | of |%n|---|---|---|%n", title);
        counts.forEach((k, c) -> System.out.printf(Locale.ROOT, "| %s | %.0f%% | %d |%n", k, 100.0 * c[0] / c[1], c[1]));
    }
}
