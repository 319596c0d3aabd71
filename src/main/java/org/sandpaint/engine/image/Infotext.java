package org.sandpaint.engine.image;

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
 * WebUI exactly, so images and prompts move between the two programs.
 *
 * <p>Layout: the prompt (one or more lines), then {@code Negative prompt: ...} (omitted when empty), then one
 * line {@code Key: value, Key: value, ...}. Values holding {@code ,} {@code :} or a newline are JSON-quoted.
 *
 * @param parameters ordered parameters; copied into an unmodifiable map that keeps the given order
 */
public record Infotext(String prompt, String negativePrompt, Map<String, String> parameters) {

    private static final String NEGATIVE_PREFIX = "Negative prompt:";

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

    public Optional<String> sampler() {
        return get("Sampler");
    }

    /** Empty when missing or not an integer. */
    public OptionalInt steps() {
        return intParameter("Steps");
    }

    /** Empty when missing or not an integer. Seeds are unsigned 32-bit in the WebUI, so they need a long. */
    public OptionalLong seed() {
        String value = parameters.get("Seed");
        try {
            return value == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Empty when missing or not a number. */
    public OptionalDouble cfgScale() {
        String value = parameters.get("CFG scale");
        try {
            return value == null ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(value.strip()));
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    /**
     * The CLIP skip setting. The WebUI writes {@code Clip skip} only when it is above 1, so a missing key
     * means 1; empty only when the value is present but not an integer.
     */
    public OptionalInt clipSkip() {
        return parameters.containsKey("Clip skip") ? intParameter("Clip skip") : OptionalInt.of(1);
    }

    /** The width from {@code Size: WxH}; empty when missing or malformed. */
    public OptionalInt width() {
        return sizePart(1);
    }

    /** The height from {@code Size: WxH}; empty when missing or malformed. */
    public OptionalInt height() {
        return sizePart(2);
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
        Matcher m = SIZE.matcher(parameters.getOrDefault("Size", "").strip());
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
}
