package org.sandpaint.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The WebUI's settings ({@code /sdapi/v1/options}): the few that change what this server does are checked
 * (the checkpoint, CLIP skip, live previews); every other key is kept and returned as sent, so clients that
 * save and restore settings keep working. The output folders ({@code outdir_*}) are stored and echoed only:
 * the server never writes pictures to disk, so no client can make it write to a path it names.
 */
final class ServerOptions {

    static final String CHECKPOINT = "sd_model_checkpoint";
    static final String CLIP_SKIP = "CLIP_stop_at_last_layers";
    static final String VAE = "sd_vae";
    static final String PREVIEW_EVERY = "show_progress_every_n_steps";
    static final String PREVIEW_TYPE = "show_progress_type";
    static final String PREVIEWS_ENABLED = "live_previews_enable";

    private final ServedModel model;
    private final ObjectNode values = JsonNodeFactory.instance.objectNode();

    ServerOptions(ServedModel model) {
        this.model = model;
        values.put(CHECKPOINT, model.title());
        values.putNull("sd_checkpoint_hash");
        values.put(VAE, "Automatic");
        values.put(CLIP_SKIP, 1);
        values.put("send_seed", true);
        values.put("send_size", true);
        values.put("samples_save", true);
        values.put("samples_format", "png");
        values.put("outdir_samples", "");
        values.put("outdir_txt2img_samples", "outputs/txt2img-images");
        values.put("outdir_img2img_samples", "outputs/img2img-images");
        values.put("outdir_grids", "");
        values.put("outdir_txt2img_grids", "outputs/txt2img-grids");
        values.put("outdir_img2img_grids", "outputs/img2img-grids");
        values.put(PREVIEWS_ENABLED, true);
        values.put(PREVIEW_EVERY, 10);
        values.put(PREVIEW_TYPE, "Approx cheap");
        values.put("eta_noise_seed_delta", 0);
        values.put("return_grid", false);
    }

    synchronized ObjectNode snapshot() {
        return values.deepCopy();
    }

    /** Checks every key of {@code update} first, then stores them all (all or nothing). */
    synchronized void update(JsonNode update) {
        check(update, List.of("body"));
        update.fields().forEachRemaining(e -> values.set(e.getKey(), e.getValue()));
    }

    /**
     * Refuses settings this server cannot honour: a checkpoint it does not serve (404, as the WebUI) and a
     * CLIP skip outside 1..12 or of the wrong type (422).
     */
    void check(JsonNode settings, List<Object> location) {
        if (settings == null) {
            throw ApiError.field(location, "field required", "value_error.missing");
        }
        if (!settings.isObject()) {
            throw ApiError.field(location, "value is not a valid dict", "type_error.dict");
        }
        JsonFields fields = new JsonFields(settings, location);
        if (fields.has(CHECKPOINT) && !model.matches(fields.text(CHECKPOINT, ""))) {
            throw ApiError.of(404, "Model not found: '" + fields.text(CHECKPOINT, "") + "'. This server runs '"
                    + model.title() + "' (see /sdapi/v1/sd-models).");
        }
        if (fields.has(CLIP_SKIP)) {
            int clipSkip = fields.integer(CLIP_SKIP, 1);
            if (clipSkip < 1 || clipSkip > 12) {
                throw ApiError.invalid(CLIP_SKIP + " must be between 1 and 12 (1 = last layer), got " + clipSkip + ".");
            }
        }
        fields.integer(PREVIEW_EVERY, 0);
        fields.bool(PREVIEWS_ENABLED, true);
        fields.text(PREVIEW_TYPE, "");
    }

    /** Copies {@code overrides} into the stored settings (override_settings_restore_afterwards = false). */
    synchronized void keep(ObjectNode overrides) {
        for (Iterator<Map.Entry<String, JsonNode>> it = overrides.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            values.set(e.getKey(), e.getValue());
        }
    }
}
