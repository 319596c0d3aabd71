package org.sandpaint.styles;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The user's saved styles, kept in a styles.csv of the WebUI's format (so the file can be copied either
 * way). Saving writes a new file and moves it into place, keeping the previous one as {@code styles.csv.bak}
 * as the WebUI does, so an interrupted save never loses styles.
 */
public final class StyleLibrary {

    private final Path file;
    private final Map<String, PromptStyle> styles = new LinkedHashMap<>();

    private StyleLibrary(Path file, List<PromptStyle> styles) {
        this.file = file;
        styles.forEach(s -> this.styles.put(s.name(), s));
    }

    /** The styles in {@code file}; none when it does not exist yet. */
    public static StyleLibrary load(Path file) throws IOException {
        try {
            return new StyleLibrary(file, readFile(file));
        } catch (NoSuchFileException e) {
            return new StyleLibrary(file, List.of());
        }
    }

    /** The styles of a WebUI styles.csv; the message says what is wrong with a file that is not one. */
    public static List<PromptStyle> readFile(Path csv) throws IOException {
        String text;
        try {
            text = Files.readString(csv, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new IOException(csv + " is not a UTF-8 text file; styles files are CSV text (name,prompt,negative_prompt).", e);
        }
        try {
            return StyleCsv.read(text);
        } catch (IllegalArgumentException e) {
            throw new IOException(csv + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    public List<PromptStyle> styles() {
        return List.copyOf(styles.values());
    }

    public List<String> names() {
        return List.copyOf(styles.keySet());
    }

    public Optional<PromptStyle> get(String name) {
        return Optional.ofNullable(styles.get(name));
    }

    /** Adds a style, replacing one of the same name in its place. Call {@link #save()} to keep it. */
    public void put(PromptStyle style) {
        styles.put(style.name(), style);
    }

    /** Adds the styles of a WebUI styles.csv (same names replaced) and saves; returns how many were read. */
    public int importFile(Path csv) throws IOException {
        List<PromptStyle> read = readFile(csv);
        read.forEach(this::put);
        save();
        return read.size();
    }

    /** Writes all styles to {@code csv} in the WebUI's format, at that name (replacing a file there). */
    public void exportFile(Path csv) throws IOException {
        writeAtomically(csv, StyleCsv.write(styles()));
    }

    public void save() throws IOException {
        if (Files.exists(file)) {
            Files.copy(file, file.resolveSibling(file.getFileName() + ".bak"), StandardCopyOption.REPLACE_EXISTING);
        }
        writeAtomically(file, StyleCsv.write(styles()));
    }

    /**
     * The prompts with the named styles applied in order, each wrapping the result of the one before (the
     * WebUI's {@code apply_styles_to_prompt}). An unknown name is refused with the list of known ones.
     */
    public StyledPrompt apply(String prompt, String negativePrompt, List<String> names) {
        List<PromptStyle> chosen = new ArrayList<>();
        for (String name : names) {
            chosen.add(get(name).orElseThrow(() -> unknown(name)));
        }
        String p = prompt;
        String n = negativePrompt;
        for (PromptStyle style : chosen) {
            p = style.applyToPrompt(p);
            n = style.applyToNegative(n);
        }
        return new StyledPrompt(p, n);
    }

    private IllegalArgumentException unknown(String name) {
        if (styles.isEmpty()) {
            return new IllegalArgumentException("Unknown style '" + name + "': no styles are saved in " + file
                    + " yet. Import a WebUI styles.csv with: sandpaint styles import FILE");
        }
        return new IllegalArgumentException("Unknown style '" + name + "'. Known styles: " + String.join(", ", names()) + ".");
    }

    /** A prompt and negative prompt after styles. */
    public record StyledPrompt(String prompt, String negativePrompt) {
    }

    private static void writeAtomically(Path target, String text) throws IOException {
        Path absolute = target.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path temp = Files.createTempFile(absolute.getParent(), absolute.getFileName().toString(), ".tmp");
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            try {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
