package org.sandpaint.studio;

import org.sandpaint.engine.Parameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the studio remembers between runs. Missing or unreadable settings fall back to the defaults (with a
 * log line), never to a crash.
 */
public record StudioSettings(String modelFolder, String outputFolder, String prompt, String negativePrompt,
                             String sampler, int steps, double cfgScale, int clipSkip, int width, int height,
                             int batchCount, int batchSize, String seed, int previewEvery, String previewMethod,
                             String device) {

    private static final Logger LOG = LoggerFactory.getLogger(StudioSettings.class);

    public static StudioSettings defaults(Path outputFolder) {
        return new StudioSettings(null, outputFolder.toString(), Parameters.PROMPT.defaultValue(),
                Parameters.NEGATIVE_PROMPT.defaultValue(), Parameters.SAMPLER.defaultText(),
                Parameters.STEPS.defaultValue(), Parameters.CFG_SCALE.defaultValue(), Parameters.CLIP_SKIP.defaultValue(),
                Parameters.WIDTH.defaultValue(), Parameters.HEIGHT.defaultValue(), Parameters.BATCH_COUNT.defaultValue(),
                Parameters.BATCH_SIZE.defaultValue(), Parameters.SEED.defaultText(), 5,
                Parameters.PREVIEW_METHOD.defaultValue().name(), "auto");
    }

    public static StudioSettings load(Path file, Path defaultOutputs) {
        if (!Files.isRegularFile(file)) {
            return defaults(defaultOutputs);
        }
        try {
            return JsonFiles.JSON.readValue(file.toFile(), StudioSettings.class);
        } catch (IOException e) {
            LOG.warn("Ignoring unreadable settings {} ({}); using the defaults.", file, e.getMessage());
            return defaults(defaultOutputs);
        }
    }

    public void save(Path file) throws IOException {
        JsonFiles.writeAtomically(file, this);
    }
}
