package org.sandpaint.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The A1111 WebUI "infotext": the {@code parameters} text it stores in PNGs. It holds the prompt, the negative
 * prompt and the generation parameters ({@code Steps}, {@code Sampler}, {@code CFG scale}, {@code Seed},
 * {@code Size}, ...) in the order they are written. {@link #format()} and {@link #parse(String)} follow the
 * WebUI exactly, so images and prompts move between the two programs. Writing a request's parameters
 * ({@link #of}) and reading them back (the typed getters) happen here alone, with the keys of {@link Parameters}.
 * Keys we do not know (hires fix, {@code Lora hashes}, ...) are kept as read.
 *
 * <p>Layout: the prompt (one or more lines), then {@code Negative prompt: ...} (omitted when empty), then one
 * line {@code Key: value, Key: value, ...}. Values holding {@code ,} {@code :} or a newline are JSON-quoted.
 *
 * @param parameters ordered parameters; copied into an unmodifiable map that keeps the given order
 */
public record Infotext(String prompt, String negativePrompt, Map<String, String> parameters) {

    private static final String NEGATIVE_PREFIX = Parameters.NEGATIVE_PROMPT.infotextKey() + ":";

    /** Keys that describe the picture's origin rather than a generation parameter. */
    private static final String MODEL_HASH = "Model hash";
    private static final String MODEL = "Model";
    private static final String RNG = "RNG";
    private static final String VERSION_KEY = "Version";
    /** Since WebUI 1.9 the noise schedule is its own key: {@code Sampler: DPM++ 2M, Schedule type: Karras}. */
    private static final String SCHEDULE_TYPE = Parameters.SCHEDULE_TYPE.infotextKey();
    /** The value of {@link Parameters#INVERT_MASK}'s key when it is on. */
    private static final String INPAINT_NOT_MASKED = "Inpaint not masked";

    static final String VERSION = "Sandpaint " + version();

    /**
     * One {@code Key: value} pair of the parameters line, as the WebUI matches it. The quoted alternative is
     * the note's {@code "(?:\\.|[^\\"])+"} written as an unrolled loop: it accepts exactly the same strings, but
     * Java's regex engine recurses once per repetition of an alternation group and overflows the stack on
     * long quoted values (long ADetailer prompts), while this form only repeats per backslash escape; the
     * {@code (?!")} keeps the original's "at least one character between the quotes".
     * UNICODE_CHARACTER_CLASS makes {@code \w} and {@code \s} Unicode-aware as in Python 3; UNIX_LINES makes
     * {@code $} treat only {@code \n} as a line end, as Python does.
     */
    private static final Pattern PARAMETER = Pattern.compile(
            "\\s*(\\w[\\w \\-/]+):\\s*(\"(?!\")[^\\\\\"]*+(?:\\\\.[^\\\\\"]*+)*+\"|[^,]*)(?:,|$)",
            Pattern.UNICODE_CHARACTER_CLASS | Pattern.UNIX_LINES);

    /** A key the parser can read back: same rule as the key group of {@link #PARAMETER}. */
    private static final Pattern KEY = Pattern.compile("\\w[\\w \\-/]+", Pattern.UNICODE_CHARACTER_CLASS);

    private static final Pattern SIZE = Pattern.compile("(\\d+)x(\\d+)");

    /** The WebUI only trusts the last line as parameters when at least this many pairs match there. */
    private static final int MIN_PARAMETERS_ON_LAST_LINE = 3;

    /**
     * Thread-safe once built; used only to unquote values. Trailing text after the closing quote must fail,
     * as in Python's json.loads, so that such values are kept as written.
     */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    public Infotext {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(negativePrompt, "negativePrompt");
        LinkedHashMap<String, String> copy = new LinkedHashMap<>();
        parameters.forEach((key, value) -> {
            if (!KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("Infotext key '" + key + "' could not be read back: use at"
                        + " least 2 characters, starting with a letter or digit, then letters, digits, spaces,"
                        + " '-' or '/'");
            }
            copy.put(key, Objects.requireNonNull(value, () -> "value of infotext key '" + key + "'"));
        });
        parameters = Collections.unmodifiableMap(copy);
    }

    /** An infotext with no parameters yet; add them with {@link #with(String, Object)}. */
    public Infotext(String prompt, String negativePrompt) {
        this(prompt, negativePrompt, Map.of());
    }

    /** As {@link #of(GenerationRequest, long, long, String, String)} with the request's own variation seed. */
    public static Infotext of(GenerationRequest request, long seed, String modelName, String modelHash) {
        return of(request, seed, request.variation().subseed(), modelName, modelHash);
    }

    /**
     * The parameters text of one picture, keys in the WebUI's order (Steps, Sampler, Schedule type when it is
     * not the sampler's own, CFG scale, Seed, Size, Model hash, Model, the variation seed keys, Denoising
     * strength, Clip skip when above 1, RNG, the inpainting keys, Version).
     *
     * @param subseed   the picture's variation seed (written only with a variation strength above 0)
     * @param modelHash the short hash of the model's weights, or "" when unknown (the key is then left out)
     */
    public static Infotext of(GenerationRequest request, long seed, long subseed, String modelName, String modelHash) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put(Parameters.STEPS.infotextKey(), Integer.toString(request.steps()));
        p.put(Parameters.SAMPLER.infotextKey(), request.sampler().displayName());
        ScheduleType schedule = request.sampler().effectiveSchedule(request.scheduleType());
        if (schedule != request.sampler().automaticSchedule()) {
            p.put(SCHEDULE_TYPE, schedule.label());
        }
        p.put(Parameters.CFG_SCALE.infotextKey(), DecimalParameter.format(request.cfgScale()));
        p.put(Parameters.SEED.infotextKey(), Long.toString(seed));
        p.put(Parameters.WIDTH.infotextKey(), request.width() + "x" + request.height());
        if (!modelHash.isEmpty()) {
            p.put(MODEL_HASH, modelHash);
        }
        p.put(MODEL, modelName);
        SeedVariation variation = request.variation();
        if (variation.varies()) {
            p.put(Parameters.SUBSEED.infotextKey(), Long.toString(subseed));
            p.put(Parameters.SUBSEED_STRENGTH.infotextKey(), DecimalParameter.format(variation.strength()));
        }
        if (variation.resizes()) {
            p.put(Parameters.SEED_RESIZE_FROM_WIDTH.infotextKey(),
                    variation.resizeFromWidth() + "x" + variation.resizeFromHeight());
        }
        InitImage init = request.initImage();
        if (init != null) {
            p.put(Parameters.DENOISING_STRENGTH.infotextKey(), DecimalParameter.format(init.strength()));
        }
        if (request.clipSkip() > 1) {
            p.put(Parameters.CLIP_SKIP.infotextKey(), Integer.toString(request.clipSkip()));
        }
        p.put(RNG, "CPU");
        Inpaint inpaint = init == null ? null : init.inpaint();
        if (inpaint != null) {
            p.put(Parameters.MASK_BLUR.infotextKey(), Integer.toString(inpaint.maskBlur()));
            if (inpaint.invertMask()) {
                p.put(Parameters.INVERT_MASK.infotextKey(), INPAINT_NOT_MASKED);
            }
            p.put(Parameters.INPAINT_AREA.infotextKey(), inpaint.area().displayName());
            if (inpaint.area() == Inpaint.Area.ONLY_MASKED) {
                p.put(Parameters.INPAINT_PADDING.infotextKey(), Integer.toString(inpaint.padding()));
            }
            p.put(Parameters.MASKED_CONTENT.infotextKey(), inpaint.maskedContent().displayName());
        }
        p.put(VERSION_KEY, VERSION);
        return new Infotext(request.prompt(), request.negativePrompt(), p);
    }

    /**
     * A copy with {@code key} set to {@code value.toString()}: an existing key keeps its place, a new one goes
     * last. A null value removes the key (the WebUI leaves out parameters whose value is None).
     */
    public Infotext with(String key, Object value) {
        LinkedHashMap<String, String> copy = new LinkedHashMap<>(parameters);
        if (value == null) {
            copy.remove(key);
        } else {
            copy.put(key, value.toString());
        }
        return new Infotext(prompt, negativePrompt, copy);
    }

    /**
     * A copy with the extra networks' values ("TI hashes", "Lora hashes") placed before Version, where the
     * WebUI writes them.
     */
    public Infotext withNetworkHashes(Map<String, String> networks) {
        if (networks.isEmpty()) {
            return this;
        }
        LinkedHashMap<String, String> copy = new LinkedHashMap<>(parameters);
        String version = copy.remove(VERSION_KEY);
        copy.putAll(networks);
        if (version != null) {
            copy.put(VERSION_KEY, version);
        }
        return new Infotext(prompt, negativePrompt, copy);
    }

    /** The text the WebUI would write for these values. */
    public String format() {
        StringBuilder text = new StringBuilder(prompt);
        if (!negativePrompt.isEmpty()) {
            text.append('\n').append(NEGATIVE_PREFIX).append(' ').append(negativePrompt);
        }
        text.append('\n').append(parameters.entrySet().stream()
                .map(e -> e.getKey() + ": " + quote(e.getValue()))
                .collect(Collectors.joining(", ")));
        // The WebUI strips the whole text, which also drops the trailing newline when there are no parameters.
        return text.toString().strip();
    }

    /**
     * Reads an infotext the way the WebUI does. The last line holds the parameters only when at least three
     * {@code Key: value} pairs match on it; otherwise it is part of the prompt. Every line from the one
     * starting with {@code Negative prompt:} on belongs to the negative prompt. Lines are stripped of
     * surrounding whitespace. Quoted values are unquoted (kept as written if the JSON is invalid). As in the
     * WebUI, a pair with an empty value is dropped and a repeated key keeps its last value. {@code Size} stays
     * one value such as {@code 512x768}; see {@link #width()} and {@link #height()}.
     */
    public static Infotext parse(String text) {
        List<String> lines = new ArrayList<>(List.of(text.strip().split("\n", -1)));
        String lastLine = lines.get(lines.size() - 1);
        List<String[]> pairs = parameterPairs(lastLine);
        if (pairs.size() >= MIN_PARAMETERS_ON_LAST_LINE) {
            lines.remove(lines.size() - 1);
        } else {
            pairs = List.of();
        }

        List<String> promptLines = new ArrayList<>();
        List<String> negativeLines = new ArrayList<>();
        boolean inNegative = false;
        for (String rawLine : lines) {
            String line = rawLine.strip();
            if (line.startsWith(NEGATIVE_PREFIX)) {
                inNegative = true;
                line = line.substring(NEGATIVE_PREFIX.length()).strip();
            }
            (inNegative ? negativeLines : promptLines).add(line);
        }

        LinkedHashMap<String, String> parameters = new LinkedHashMap<>();
        for (String[] pair : pairs) {
            if (!pair[1].isEmpty()) {
                parameters.put(pair[0], unquote(pair[1]));
            }
        }
        return new Infotext(String.join("\n", promptLines), String.join("\n", negativeLines), parameters);
    }

    /** The raw value of a parameter. */
    public Optional<String> get(String key) {
        return Optional.ofNullable(parameters.get(key));
    }

    /**
     * The sampler's name as this program spells it. The WebUI since 1.9 writes the schedule apart
     * ({@code Sampler: DPM++ 2M, Schedule type: Karras}): a schedule other than the sampler's own
     * ({@code Automatic}, {@code Uniform}) is joined to the name, giving {@code DPM++ 2M Karras}.
     */
    public Optional<String> samplerName() {
        return get(Parameters.SAMPLER.infotextKey()).map(name -> {
            String schedule = get(SCHEDULE_TYPE).orElse("").strip();
            boolean ownSchedule = schedule.isEmpty() || schedule.equalsIgnoreCase("Automatic")
                    || schedule.equalsIgnoreCase("Uniform") || name.endsWith(" " + schedule);
            return ownSchedule ? name : name + " " + schedule;
        });
    }

    /**
     * The sampler, when it is one of ours; see {@link #samplerName()} for the name otherwise. A schedule type
     * that no sampler name of ours includes ({@code Sampler: Euler, Schedule type: Karras}) leaves the sampler
     * as written and is read by {@link #scheduleType()}.
     */
    public Optional<Sampler> sampler() {
        Optional<Sampler> joined = samplerName().flatMap(name -> parsed(() -> Sampler.parse(name)));
        return joined.isPresent() ? joined
                : get(Parameters.SAMPLER.infotextKey()).flatMap(name -> parsed(() -> Sampler.parse(name)));
    }

    /**
     * The schedule type to run {@link #sampler()} with: Automatic when the key is missing (before WebUI 1.9,
     * or the sampler's own schedule) or when the sampler's name already holds it ({@code DPM++ 2M} with
     * {@code Karras} is our {@code DPM++ 2M Karras}); empty when it is not one we know.
     */
    public Optional<ScheduleType> scheduleType() {
        Optional<String> schedule = get(SCHEDULE_TYPE).map(String::strip).filter(v -> !v.isEmpty());
        if (schedule.isEmpty()) {
            return Optional.of(ScheduleType.AUTOMATIC);
        }
        boolean inName = !samplerName().equals(get(Parameters.SAMPLER.infotextKey()))
                && samplerName().flatMap(name -> parsed(() -> Sampler.parse(name))).isPresent();
        return inName ? Optional.of(ScheduleType.AUTOMATIC) : parsed(() -> ScheduleType.parse(schedule.get()));
    }

    /**
     * The variation seed options: {@code Variation seed}, {@code Variation seed strength} and
     * {@code Seed resize from} ({@code WxH}), each off when missing; empty when one is malformed or out of range.
     */
    public Optional<SeedVariation> seedVariation() {
        try {
            String subseed = get(Parameters.SUBSEED.infotextKey()).orElse("-1").strip();
            String strength = get(Parameters.SUBSEED_STRENGTH.infotextKey()).orElse("0").strip();
            int[] size = SeedVariation.parseSize(get(Parameters.SEED_RESIZE_FROM_WIDTH.infotextKey()).orElse(""));
            return Optional.of(new SeedVariation(Long.parseLong(subseed), Double.parseDouble(strength), size[0], size[1]));
        } catch (IllegalArgumentException e) { // NumberFormatException is one
            return Optional.empty();
        }
    }

    /** Empty when missing or not an integer. */
    public OptionalInt steps() {
        return intParameter(Parameters.STEPS.infotextKey());
    }

    /** Empty when missing or not an integer. Seeds are unsigned 32-bit in the WebUI, so they need a long. */
    public OptionalLong seed() {
        String value = parameters.get(Parameters.SEED.infotextKey());
        try {
            return value == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Empty when missing or not a number. */
    public OptionalDouble cfgScale() {
        return decimalParameter(Parameters.CFG_SCALE.infotextKey());
    }

    /** Empty when missing (text to image) or not a number. */
    public OptionalDouble denoisingStrength() {
        return decimalParameter(Parameters.DENOISING_STRENGTH.infotextKey());
    }

    /**
     * The CLIP skip setting. The WebUI writes {@code Clip skip} only when it is above 1, so a missing key
     * means 1; empty only when the value is present but not an integer.
     */
    public OptionalInt clipSkip() {
        String key = Parameters.CLIP_SKIP.infotextKey();
        return parameters.containsKey(key) ? intParameter(key) : OptionalInt.of(Parameters.CLIP_SKIP.defaultValue());
    }

    /** The width from {@code Size: WxH}; empty when missing or malformed. */
    public OptionalInt width() {
        return sizePart(1);
    }

    /** The height from {@code Size: WxH}; empty when missing or malformed. */
    public OptionalInt height() {
        return sizePart(2);
    }

    /** Empty when missing (not an inpainting) or not an integer. */
    public OptionalInt maskBlur() {
        return intParameter(Parameters.MASK_BLUR.infotextKey());
    }

    /** Empty when missing or not an integer; the WebUI writes it only for "Only masked". */
    public OptionalInt inpaintPadding() {
        return intParameter(Parameters.INPAINT_PADDING.infotextKey());
    }

    /** True when the picture was inpainted with "Inpaint not masked". */
    public boolean invertMask() {
        return get(Parameters.INVERT_MASK.infotextKey()).map(INPAINT_NOT_MASKED::equalsIgnoreCase).orElse(false);
    }

    /** Empty when missing or not one we know. */
    public Optional<Inpaint.MaskedContent> maskedContent() {
        return get(Parameters.MASKED_CONTENT.infotextKey()).flatMap(v -> parsed(() -> Inpaint.MaskedContent.parse(v)));
    }

    /** Empty when missing or not one we know. */
    public Optional<Inpaint.Area> inpaintArea() {
        return get(Parameters.INPAINT_AREA.infotextKey()).flatMap(v -> parsed(() -> Inpaint.Area.parse(v)));
    }

    private static <T> Optional<T> parsed(java.util.function.Supplier<T> parse) {
        try {
            return Optional.of(parse.get());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private OptionalDouble decimalParameter(String key) {
        String value = parameters.get(key);
        try {
            return value == null ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(value.strip()));
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    private OptionalInt intParameter(String key) {
        String value = parameters.get(key);
        try {
            return value == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(value.strip()));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    private OptionalInt sizePart(int group) {
        Matcher m = SIZE.matcher(parameters.getOrDefault(Parameters.WIDTH.infotextKey(), "").strip());
        if (!m.matches()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(m.group(group)));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** Every {@code [key, rawValue]} pair the WebUI's regex finds on a line, in order. */
    private static List<String[]> parameterPairs(String line) {
        List<String[]> pairs = new ArrayList<>();
        Matcher m = PARAMETER.matcher(line);
        while (m.find()) {
            pairs.add(new String[] {m.group(1), m.group(2)});
        }
        return pairs;
    }

    /** JSON-quotes a value only when it would otherwise break the {@code Key: value, ...} line. */
    static String quote(String value) {
        if (value.indexOf(',') < 0 && value.indexOf(':') < 0 && value.indexOf('\n') < 0) {
            return value;
        }
        return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(value)) + '"';
    }

    static String unquote(String value) {
        if (value.length() < 2 || value.charAt(0) != '"' || value.charAt(value.length() - 1) != '"') {
            return value;
        }
        try {
            return JSON.readValue(value, String.class);
        } catch (JsonProcessingException e) {
            return value; // the WebUI also keeps text that only looks quoted
        }
    }

    private static String version() {
        String v = Infotext.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
