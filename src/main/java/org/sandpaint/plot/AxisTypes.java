package org.sandpaint.plot;

import org.sandpaint.engine.DecimalParameter;
import org.sandpaint.engine.Engine;
import org.sandpaint.engine.InitImage;
import org.sandpaint.engine.IntParameter;
import org.sandpaint.engine.Parameters;
import org.sandpaint.engine.Sampler;
import org.sandpaint.engine.ScheduleType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The axes a plot offers, with the WebUI's names and label forms. Values are checked against the limits
 * of {@link Parameters}, so a plot refuses {@code steps: 0-200} before it renders anything.
 *
 * <p>Adding an axis is one constant and its place in {@link #ALL}. LoRA weights vary the WebUI's way, through
 * Prompt S/R on {@code <lora:name:0.5>}.
 */
public final class AxisTypes {

    public static final AxisType SEED = new AxisType("Seed", List.of("seed"), 0, text -> {
        List<AxisValue> values = new ArrayList<>();
        for (long seed : AxisValues.integers(text)) {
            // The WebUI draws -1 once here, so that the grid and each cell's infotext name the same seed.
            long fixed = Engine.resolveSeed(Parameters.SEED.check(seed));
            values.add(new AxisValue(Long.toString(fixed), "Seed: " + fixed, cell -> cell.withRequest(b -> b.seed(fixed))));
        }
        return values;
    });

    public static final AxisType STEPS = integer("Steps", List.of("steps"), Parameters.STEPS,
            (cell, v) -> cell.withRequest(b -> b.steps(v)));

    public static final AxisType CFG_SCALE = decimal("CFG Scale", List.of("cfg", "cfg scale"), Parameters.CFG_SCALE,
            (cell, v) -> cell.withRequest(b -> b.cfgScale(v)));

    public static final AxisType SAMPLER = new AxisType("Sampler", List.of("sampler"), 0,
            text -> AxisValues.split(text).stream().map(Sampler::parse)
                    .map(s -> new AxisValue(s.displayName(), s.displayName(), cell -> cell.withRequest(b -> b.sampler(s))))
                    .toList());

    public static final AxisType SCHEDULE_TYPE = new AxisType("Schedule type", List.of("schedule type", "scheduler"), 0,
            text -> AxisValues.split(text).stream().map(ScheduleType::parse)
                    .map(t -> new AxisValue(t.label(), t.label(), cell -> cell.withRequest(b -> b.scheduleType(t))))
                    .toList());

    public static final AxisType CLIP_SKIP = integer("Clip skip", List.of("clip skip", "clip-skip"), Parameters.CLIP_SKIP,
            (cell, v) -> cell.withRequest(b -> b.clipSkip(v)));

    /** Not a WebUI axis (it has width and height only as script fields): {@code 512x768} or {@code 512} for square. */
    public static final AxisType SIZE = new AxisType("Size", List.of("size"), 0, AxisTypes::sizes);

    public static final AxisType DENOISING = decimal("Denoising", List.of("denoising strength", "strength"),
            Parameters.DENOISING_STRENGTH, (cell, v) -> {
                InitImage init = cell.request().initImage();
                if (init == null) {
                    throw new IllegalArgumentException("denoising strength needs a source picture (--init-image)");
                }
                InitImage changed = new InitImage(init.image(), v, init.resizeMode(), init.inpaint());
                return cell.withRequest(b -> b.initImage(changed));
            });

    /** Model folders; the grid shows their names. Loading one is slow, so this axis runs outermost. */
    public static final AxisType CHECKPOINT = new AxisType("Checkpoint name", List.of("checkpoint", "model"), 1,
            text -> AxisValues.split(text).stream()
                    .map(name -> new AxisValue(name, folderName(name), cell -> cell.withCheckpoint(name)))
                    .toList());

    /**
     * The WebUI's search and replace: the first value is searched for, each value replaces it in the prompt
     * and the negative prompt (so the first cell shows the prompt as written).
     */
    public static final AxisType PROMPT_SR = new AxisType("Prompt S/R", List.of("prompt sr", "sr"), 0, text -> {
        List<String> words = AxisValues.split(text);
        if (words.isEmpty()) {
            return List.of();
        }
        String search = words.get(0);
        return words.stream().map(word -> new AxisValue(word, word, cell -> {
            String prompt = cell.request().prompt();
            String negative = cell.request().negativePrompt();
            if (!prompt.contains(search) && !negative.contains(search)) {
                throw new IllegalArgumentException("'" + search + "' is in neither the prompt nor the negative "
                        + "prompt; the first value is what each value replaces");
            }
            return cell.withRequest(b -> b.prompt(prompt.replace(search, word)).negativePrompt(negative.replace(search, word)));
        })).toList();
    });

    /** In the WebUI's order. */
    public static final List<AxisType> ALL = List.of(SEED, STEPS, CFG_SCALE, PROMPT_SR, SAMPLER, SCHEDULE_TYPE,
            CHECKPOINT, CLIP_SKIP, DENOISING, SIZE);

    private AxisTypes() {
    }

    /** The type a user means by {@code name} ("steps", "CFG Scale", "prompt-sr"). */
    public static Optional<AxisType> byName(String name) {
        return ALL.stream().filter(t -> t.isCalled(name)).findFirst();
    }

    /** "Seed, Steps, CFG Scale, ..." for messages. */
    public static String names() {
        return String.join(", ", ALL.stream().map(AxisType::label).toList());
    }

    private static AxisType integer(String label, List<String> names, IntParameter parameter,
                                    BiFunction<PlotCell, Integer, PlotCell> apply) {
        return new AxisType(label, names, 0, text -> AxisValues.integers(text).stream()
                .map(v -> whole(parameter, v))
                .map(v -> new AxisValue(Integer.toString(v), label + ": " + v, cell -> apply.apply(cell, v)))
                .toList());
    }

    private static AxisType decimal(String label, List<String> names, DecimalParameter parameter,
                                    BiFunction<PlotCell, Double, PlotCell> apply) {
        return new AxisType(label, names, 0, text -> AxisValues.decimals(text).stream()
                .map(parameter::check)
                .map(v -> new AxisValue(DecimalParameter.format(v), label + ": " + DecimalParameter.format(v),
                        cell -> apply.apply(cell, v)))
                .toList());
    }

    private static int whole(IntParameter parameter, long value) {
        return parameter.check((int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value)));
    }

    private static List<AxisValue> sizes(String text) {
        List<AxisValue> values = new ArrayList<>();
        for (String item : AxisValues.split(text)) {
            String[] sides = item.toLowerCase(java.util.Locale.ROOT).split("x", -1);
            if (sides.length == 2) {
                int w = whole(Parameters.WIDTH, sideOf(sides[0], item));
                int h = whole(Parameters.HEIGHT, sideOf(sides[1], item));
                values.add(size(w, h));
            } else {
                // A side or a range of sides, quoted so that the range parser sees it as one value.
                for (long side : AxisValues.integers("\"" + item.replace("\"", "\"\"") + "\"")) {
                    int s = whole(Parameters.WIDTH, side);
                    values.add(size(s, s));
                }
            }
        }
        return values;
    }

    private static long sideOf(String text, String item) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + item + "' is not a size: write WIDTHxHEIGHT (512x768) or one side (512)");
        }
    }

    private static AxisValue size(int w, int h) {
        String text = w + "x" + h;
        return new AxisValue(text, "Size: " + text, cell -> cell.withRequest(b -> b.size(w, h)));
    }

    private static String folderName(String name) {
        Function<String, String> base = s -> {
            Path file = Path.of(s).getFileName();
            return file == null ? s : file.toString();
        };
        try {
            return base.apply(name.replaceAll("[/\\\\]+$", ""));
        } catch (RuntimeException e) {
            return name; // not a path on this system: show it as written
        }
    }
}
