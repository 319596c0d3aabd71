package org.sandpaint.studio;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import org.sandpaint.engine.Parameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the studio remembers between runs. Read field by field: a value that cannot be read (wrong kind, a
 * path with a NUL in it) falls back to its default while the other fields are kept, and the damaged file is
 * moved aside ({@code settings.json.bad-<time>}) with a warning for the user; never a crash.
 */
public record StudioSettings(String modelFolder, String outputFolder, String prompt, String negativePrompt,
                             String sampler, int steps, double cfgScale, int clipSkip, int width, int height,
                             int batchCount, int batchSize, String seed, int previewEvery, String previewMethod,
                             String device) {

    /**
     * The studio shows a full preview every 5 steps by default (the engine's own default, for the command
     * line, is none): watching the picture form is the point of the window.
     */
    static final int PREVIEW_EVERY = 5;

    private static final Logger LOG = LoggerFactory.getLogger(StudioSettings.class);

    public static StudioSettings defaults(Path outputFolder) {
        return new StudioSettings(null, outputFolder.toString(), Parameters.PROMPT.defaultValue(),
                Parameters.NEGATIVE_PROMPT.defaultValue(), Parameters.SAMPLER.defaultText(),
                Parameters.STEPS.defaultValue(), Parameters.CFG_SCALE.defaultValue(), Parameters.CLIP_SKIP.defaultValue(),
                Parameters.WIDTH.defaultValue(), Parameters.HEIGHT.defaultValue(), Parameters.BATCH_COUNT.defaultValue(),
                Parameters.BATCH_SIZE.defaultValue(), Parameters.SEED.defaultText(), PREVIEW_EVERY,
                Parameters.PREVIEW_METHOD.defaultValue().name(), "auto");
    }

    /** Loads the settings, logging any problem (tests, tools). */
    public static StudioSettings load(Path file, Path defaultOutputs) {
        return load(file, defaultOutputs, warning -> LOG.warn(warning));
    }

    /** @param warnings told (in words for the user) what could not be read and where the damaged file went */
    public static StudioSettings load(Path file, Path defaultOutputs, Consumer<String> warnings) {
        StudioSettings d = defaults(defaultOutputs);
        if (!Files.isRegularFile(file)) {
            return d;
        }
        JsonNode root;
        try {
            root = JsonFiles.JSON.readTree(file.toFile());
        } catch (JacksonException e) {
            root = null;
        } catch (IOException e) {
            warnings.accept("The settings in " + file + " cannot be read (" + e.getMessage() + "); using the defaults.");
            return d;
        }
        if (root != null && root.isMissingNode()) {
            return d;
        }
        Fields f = new Fields(root != null && root.isObject() ? root : null);
        StudioSettings settings = new StudioSettings(f.path("modelFolder", d.modelFolder()),
                f.path("outputFolder", d.outputFolder()), f.text("prompt", d.prompt()),
                f.text("negativePrompt", d.negativePrompt()), f.text("sampler", d.sampler()),
                f.integer("steps", d.steps()), f.number("cfgScale", d.cfgScale()), f.integer("clipSkip", d.clipSkip()),
                f.integer("width", d.width()), f.integer("height", d.height()), f.integer("batchCount", d.batchCount()),
                f.integer("batchSize", d.batchSize()), f.text("seed", d.seed()),
                f.integer("previewEvery", d.previewEvery()), f.text("previewMethod", d.previewMethod()),
                f.text("device", d.device()));
        if (root == null || !root.isObject() || !f.bad.isEmpty()) {
            String what = root == null || !root.isObject() ? "could not be read; using the defaults"
                    : "had values that could not be read (" + String.join(", ", f.bad) + "); they are back to their defaults";
            try {
                warnings.accept("The settings file " + what + ". The damaged file is saved as "
                        + JsonFiles.moveAside(file) + ".");
            } catch (IOException e) {
                warnings.accept("The settings file " + what + ".");
            }
        }
        return settings;
    }

    public void save(Path file) throws IOException {
        JsonFiles.writeAtomically(file, this);
    }

    /** Reads single fields of a settings object, noting each that is there but unreadable. */
    private static final class Fields {
        private final JsonNode root;
        private final List<String> bad = new ArrayList<>();

        Fields(JsonNode root) {
            this.root = root;
        }

        private JsonNode node(String name) {
            return root == null ? null : root.get(name);
        }

        /** Text, or the default when absent or null (null is how "none" is written). */
        String text(String name, String fallback) {
            JsonNode n = node(name);
            if (n == null || n.isNull()) {
                return fallback;
            }
            if (!n.isTextual()) {
                bad.add(name);
                return fallback;
            }
            return n.asText();
        }

        String path(String name, String fallback) {
            JsonNode n = node(name);
            String text = text(name, fallback);
            if (n != null && n.isTextual() && JsonFiles.path(text).isEmpty()) {
                bad.add(name);
                return fallback;
            }
            return text;
        }

        int integer(String name, int fallback) {
            JsonNode n = node(name);
            if (n == null) {
                return fallback;
            }
            if (!n.isIntegralNumber() || !n.canConvertToInt()) {
                bad.add(name);
                return fallback;
            }
            return n.asInt();
        }

        double number(String name, double fallback) {
            JsonNode n = node(name);
            if (n == null) {
                return fallback;
            }
            if (!n.isNumber() || !Double.isFinite(n.asDouble())) {
                bad.add(name);
                return fallback;
            }
            return n.asDouble();
        }
    }
}
