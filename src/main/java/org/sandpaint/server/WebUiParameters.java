package org.sandpaint.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.sandpaint.engine.GenerationRequest;
import org.sandpaint.engine.InitImage;
import org.sandpaint.engine.Inpaint;
import org.sandpaint.engine.PreviewMethod;
import org.sandpaint.engine.ResizeMode;
import org.sandpaint.engine.Sampler;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The WebUI's txt2img and img2img request fields, their API defaults and this server's limits, mapped to a
 * {@link GenerationRequest}: the one place the server knows parameter names. Defaults are the WebUI API's
 * own (they differ from its window: 50 steps, sampler "Euler", and for inpainting masked content "fill" and
 * "only masked"), except width and height, which default to the model's native size (512 for SD 1.x, as in
 * the WebUI). Fields Sandpaint does not implement are accepted and named in {@link Job#notes()}.
 */
final class WebUiParameters {

    /** Largest width or height this server generates (the WebUI's slider limit). */
    static final int MAX_SIDE = 2048;
    /** Most pictures one request may ask for (batch_size x n_iter). */
    static final int MAX_IMAGES = 64;

    enum Mode { TXT2IMG, IMG2IMG }

    /**
     * A parsed request.
     *
     * @param parameters        the request with every field's default filled in, echoed in the response
     * @param notes             what was accepted but not honoured, for {@code info}
     * @param overrides         override_settings as sent
     * @param restoreAfterwards false when the overrides become the server's settings after the job
     */
    record Job(Mode mode, GenerationRequest request, ObjectNode parameters, List<String> notes, ObjectNode overrides,
               boolean restoreAfterwards, boolean sendImages) {
    }

    /** Fields Sandpaint does not implement, ignored (and noted) when they differ from their default. */
    private static final Set<String> NOT_IMPLEMENTED = Set.of("styles", "subseed_strength", "seed_resize_from_h",
            "seed_resize_from_w", "restore_faces", "tiling", "eta", "s_min_uncond", "s_churn", "s_tmax", "s_tmin",
            "s_noise", "refiner_checkpoint", "refiner_switch_at", "enable_hr", "firstphase_width",
            "firstphase_height", "hr_scale", "hr_upscaler", "hr_second_pass_steps", "hr_resize_x", "hr_resize_y",
            "hr_checkpoint_name", "hr_sampler_name", "hr_scheduler", "hr_prompt", "hr_negative_prompt",
            "script_name", "script_args", "alwayson_scripts", "infotext", "firstpass_image", "image_cfg_scale",
            "initial_noise_multiplier", "latent_mask", "mask_round", "save_images", "disable_extra_networks");

    private WebUiParameters() {
    }

    /** Every field of the WebUI API's request model with its default (pydantic's field order). */
    static ObjectNode defaults(Mode mode, int nativeSize) {
        ObjectNode d = JsonNodeFactory.instance.objectNode();
        d.put("prompt", "");
        d.put("negative_prompt", "");
        d.putNull("styles");
        d.put("seed", -1);
        d.put("subseed", -1);
        d.put("subseed_strength", 0);
        d.put("seed_resize_from_h", -1);
        d.put("seed_resize_from_w", -1);
        d.putNull("sampler_name");
        d.putNull("scheduler");
        d.put("batch_size", 1);
        d.put("n_iter", 1);
        d.put("steps", 50);
        d.put("cfg_scale", 7.0);
        d.put("width", nativeSize);
        d.put("height", nativeSize);
        d.putNull("restore_faces");
        d.putNull("tiling");
        d.put("do_not_save_samples", false);
        d.put("do_not_save_grid", false);
        d.putNull("eta");
        d.put("denoising_strength", 0.75);
        for (String s : List.of("s_min_uncond", "s_churn", "s_tmax", "s_tmin", "s_noise", "override_settings")) {
            d.putNull(s);
        }
        d.put("override_settings_restore_afterwards", true);
        d.putNull("refiner_checkpoint");
        d.putNull("refiner_switch_at");
        d.put("disable_extra_networks", false);
        d.putNull("firstpass_image");
        d.putNull("comments");
        if (mode == Mode.TXT2IMG) {
            d.put("enable_hr", false);
            d.put("firstphase_width", 0);
            d.put("firstphase_height", 0);
            d.put("hr_scale", 2.0);
            d.putNull("hr_upscaler");
            d.put("hr_second_pass_steps", 0);
            d.put("hr_resize_x", 0);
            d.put("hr_resize_y", 0);
            d.putNull("hr_checkpoint_name");
            d.putNull("hr_sampler_name");
            d.putNull("hr_scheduler");
            d.put("hr_prompt", "");
            d.put("hr_negative_prompt", "");
        } else {
            d.putNull("init_images");
            d.put("resize_mode", 0);
            d.putNull("image_cfg_scale");
            d.putNull("mask");
            d.put("mask_blur_x", 4);
            d.put("mask_blur_y", 4);
            d.putNull("mask_blur");
            d.put("mask_round", true);
            d.put("inpainting_fill", 0);
            d.put("inpaint_full_res", true);
            d.put("inpaint_full_res_padding", 0);
            d.put("inpainting_mask_invert", 0);
            d.putNull("initial_noise_multiplier");
            d.putNull("latent_mask");
            d.put("include_init_images", false);
        }
        d.putNull("force_task_id");
        d.put("sampler_index", "Euler");
        d.putNull("script_name");
        d.putArray("script_args");
        d.put("send_images", true);
        d.put("save_images", false);
        d.putObject("alwayson_scripts");
        d.putNull("infotext");
        return d;
    }

    /**
     * Reads a request body. {@code settings} are the server's current options; the request's
     * override_settings win over them for this job.
     */
    static Job parse(JsonNode body, Mode mode, ServerOptions options, int nativeSize) {
        if (body == null) {
            throw ApiError.field(List.of("body"), "field required", "value_error.missing");
        }
        if (!body.isObject()) {
            throw ApiError.field(List.of("body"), "value is not a valid dict", "type_error.dict");
        }
        ObjectNode defaults = defaults(mode, nativeSize);
        JsonFields f = JsonFields.body(body).withDefaults(defaults);
        List<String> notes = new ArrayList<>();
        ObjectNode parameters = echo(body, defaults, notes);

        ObjectNode overrides = overrides(f, options);
        ObjectNode settings = options.snapshot();
        settings.setAll(overrides);
        JsonFields s = new JsonFields(settings, List.of("body", "override_settings"));
        if (!s.text(ServerOptions.VAE, "Automatic").matches("(?i)automatic|none|")) {
            notes.add("sd_vae: only the model's own VAE is available, '" + s.text(ServerOptions.VAE, "") + "' ignored");
        }

        int batchSize = f.integer("batch_size");
        int batchCount = f.integer("n_iter");
        int width = f.integer("width");
        int height = f.integer("height");
        checkServerLimits(batchSize, batchCount, width, height);
        boolean previews = s.bool(ServerOptions.PREVIEWS_ENABLED, true);
        int previewEvery = previews ? Math.max(0, s.integer(ServerOptions.PREVIEW_EVERY, 10)) : 0;
        PreviewMethod previewMethod = "full".equalsIgnoreCase(s.text(ServerOptions.PREVIEW_TYPE, ""))
                ? PreviewMethod.FULL : PreviewMethod.APPROX_CHEAP;
        try {
            GenerationRequest request = GenerationRequest.builder(f.text("prompt"))
                    .negativePrompt(f.text("negative_prompt"))
                    .steps(f.integer("steps"))
                    .cfgScale(f.number("cfg_scale"))
                    .seed(f.longValue("seed"))
                    .sampler(sampler(f, notes))
                    .clipSkip(s.integer(ServerOptions.CLIP_SKIP, 1))
                    .size(width, height)
                    .batchSize(batchSize)
                    .batchCount(batchCount)
                    .preview(previewEvery, previewMethod)
                    .initImage(mode == Mode.IMG2IMG ? initImage(f, notes) : null)
                    .build();
            if (mode == Mode.IMG2IMG && !f.bool("include_init_images")) {
                parameters.putNull("init_images");
                parameters.putNull("mask");
            }
            return new Job(mode, request, parameters, List.copyOf(notes), overrides,
                    f.bool("override_settings_restore_afterwards"), f.bool("send_images"));
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid(e.getMessage());
        }
    }

    /**
     * The other direction, for remote back ends: the txt2img or img2img body that asks a WebUI-API server for
     * exactly {@code request} (its seed must already be fixed; previews are not asked for).
     */
    static ObjectNode toJson(GenerationRequest request) {
        ObjectNode b = JsonNodeFactory.instance.objectNode();
        b.put("prompt", request.prompt());
        b.put("negative_prompt", request.negativePrompt());
        b.put("seed", request.seed());
        b.put("steps", request.steps());
        b.put("cfg_scale", request.cfgScale());
        b.put("width", request.width());
        b.put("height", request.height());
        b.put("batch_size", request.batchSize());
        b.put("n_iter", request.batchCount());
        b.put("sampler_name", request.sampler().displayName());
        // WebUI 1.9+ names the Karras schedule apart; older versions and Sandpaint read the sampler name alone.
        b.put("scheduler", request.sampler() == Sampler.DPMPP_2M_KARRAS ? "Karras" : "Automatic");
        b.putObject("override_settings").put(ServerOptions.CLIP_SKIP, request.clipSkip());
        b.put("override_settings_restore_afterwards", true);
        InitImage init = request.initImage();
        if (init != null) {
            b.putArray("init_images").add(Pictures.png(init.image(), Map.of()));
            b.put("denoising_strength", init.strength());
            b.put("resize_mode", switch (init.resizeMode()) {
                case JUST_RESIZE -> 0;
                case CROP_AND_RESIZE -> 1;
                case RESIZE_AND_FILL -> 2;
            });
            Inpaint inpaint = init.inpaint();
            if (inpaint != null) {
                b.put("mask", Pictures.png(inpaint.mask(), Map.of()));
                b.put("mask_blur", inpaint.maskBlur());
                b.put("inpainting_fill", switch (inpaint.maskedContent()) {
                    case FILL -> 0;
                    case ORIGINAL -> 1;
                    case LATENT_NOISE -> 2;
                    case LATENT_NOTHING -> 3;
                });
                b.put("inpaint_full_res", inpaint.area() == Inpaint.Area.ONLY_MASKED);
                b.put("inpaint_full_res_padding", inpaint.padding());
                b.put("inpainting_mask_invert", inpaint.invertMask() ? 1 : 0);
            }
        }
        return b;
    }

    /**
     * The request with every field's default filled in (what the WebUI echoes as {@code parameters}); notes
     * fields that are not the WebUI's and those Sandpaint does not implement.
     */
    private static ObjectNode echo(JsonNode body, ObjectNode defaults, List<String> notes) {
        ObjectNode parameters = defaults.deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            if (!defaults.has(key)) {
                notes.add(key + ": not a field of the WebUI API, ignored");
                continue;
            }
            parameters.set(key, e.getValue());
            if (NOT_IMPLEMENTED.contains(key) && isSet(e.getValue()) && !same(e.getValue(), defaults.get(key))) {
                notes.add(key.equals("save_images")
                        ? "save_images: this server never writes pictures to disk; they are in the response"
                        : key + ": not implemented by Sandpaint, ignored");
            }
        }
        return parameters;
    }

    /** This server's own limits, stricter than the engine's: they bound one request's time and memory. */
    private static void checkServerLimits(int batchSize, int batchCount, int width, int height) {
        if ((long) Math.max(batchSize, 1) * Math.max(batchCount, 1) > MAX_IMAGES) {
            throw ApiError.invalid("batch_size x n_iter is " + (long) batchSize * batchCount + "; this server makes at most "
                    + MAX_IMAGES + " pictures per request.");
        }
        if (width > MAX_SIDE || height > MAX_SIDE) {
            throw ApiError.invalid("width and height must be at most " + MAX_SIDE + " on this server, got "
                    + width + "x" + height + ".");
        }
    }

    /** The request's override_settings, checked like a POST to /options. */
    private static ObjectNode overrides(JsonFields f, ServerOptions options) {
        JsonNode node = f.node("override_settings");
        if (node == null || node.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        options.check(node, List.of("body", "override_settings"));
        return (ObjectNode) node.deepCopy();
    }

    /**
     * sampler_name, else sampler_index (the WebUI's order), in the WebUI's names, our slugs or the WebUI's
     * k-diffusion aliases; scheduler "karras" turns DPM++ 2M into DPM++ 2M Karras (WebUI 1.9+ spelling).
     */
    static Sampler sampler(JsonFields f, List<String> notes) {
        String name = f.text("sampler_name");
        if (name.isBlank()) {
            name = f.text("sampler_index");
        }
        Sampler sampler = SamplerNames.parse(name);
        String scheduler = f.text("scheduler").strip().toLowerCase(Locale.ROOT);
        if (scheduler.equals("karras") && sampler == Sampler.DPMPP_2M) {
            return Sampler.DPMPP_2M_KARRAS;
        }
        if (!scheduler.isEmpty() && !scheduler.equals("automatic")
                && !(scheduler.equals("karras") && sampler == Sampler.DPMPP_2M_KARRAS)) {
            notes.add("scheduler: '" + f.text("scheduler") + "' is not available for " + sampler.displayName()
                    + ", its own schedule was used");
        }
        return sampler;
    }

    private static InitImage initImage(JsonFields f, List<String> notes) {
        List<String> sources = f.texts("init_images");
        if (!f.has("init_images")) {
            throw ApiError.of(404, "Init image not found");
        }
        if (sources.isEmpty()) {
            throw ApiError.invalid("init_images is empty: send one picture as base64.");
        }
        if (sources.size() > 1) {
            notes.add("init_images: only the first of " + sources.size() + " pictures was used");
        }
        BufferedImage source = Pictures.rgb(sources.get(0), "init_images[0]");
        int resize = f.integer("resize_mode");
        ResizeMode resizeMode = switch (resize) {
            case 0 -> ResizeMode.JUST_RESIZE;
            case 1 -> ResizeMode.CROP_AND_RESIZE;
            case 2 -> ResizeMode.RESIZE_AND_FILL;
            case 3 -> {
                notes.add("resize_mode: 3 (latent upscale) ran as 0 (just resize)");
                yield ResizeMode.JUST_RESIZE;
            }
            default -> throw ApiError.invalid("resize_mode must be 0 (just resize), 1 (crop and resize), "
                    + "2 (resize and fill) or 3 (just resize, latent upscale), got " + resize + ".");
        };
        Inpaint inpaint = null;
        if (f.has("mask")) {
            BufferedImage mask = Pictures.mask(f.text("mask"), "mask");
            int blurX = f.integer("mask_blur_x");
            int blurY = f.integer("mask_blur_y");
            int blur = f.has("mask_blur") ? f.integer("mask_blur") : blurX;
            if (!f.has("mask_blur") && blurX != blurY) {
                notes.add("mask_blur_x/mask_blur_y: one blur for both directions, " + blurX + " was used");
            }
            int fill = f.integer("inpainting_fill");
            Inpaint.MaskedContent content = switch (fill) {
                case 0 -> Inpaint.MaskedContent.FILL;
                case 1 -> Inpaint.MaskedContent.ORIGINAL;
                case 2 -> Inpaint.MaskedContent.LATENT_NOISE;
                case 3 -> Inpaint.MaskedContent.LATENT_NOTHING;
                default -> throw ApiError.invalid("inpainting_fill must be 0 (fill), 1 (original), 2 (latent noise) "
                        + "or 3 (latent nothing), got " + fill + ".");
            };
            int invert = f.has("inpainting_mask_invert") && f.node("inpainting_mask_invert").isBoolean()
                    ? (f.bool("inpainting_mask_invert") ? 1 : 0) : f.integer("inpainting_mask_invert");
            if (invert != 0 && invert != 1) {
                throw ApiError.invalid("inpainting_mask_invert must be 0 (inpaint masked) or 1 (inpaint not masked), got "
                        + invert + ".");
            }
            inpaint = new Inpaint(mask, blur, invert == 1, content,
                    f.bool("inpaint_full_res") ? Inpaint.Area.ONLY_MASKED : Inpaint.Area.WHOLE_PICTURE,
                    f.integer("inpaint_full_res_padding"));
        }
        return new InitImage(source, f.number("denoising_strength"), resizeMode, inpaint);
    }

    /** Equal JSON values, 2 and 2.0 included. */
    private static boolean same(JsonNode a, JsonNode b) {
        return a.isNumber() && b.isNumber() ? a.doubleValue() == b.doubleValue() : a.equals(b);
    }

    /** True for values that say something: not null, false, 0, "", [] or {}. */
    private static boolean isSet(JsonNode v) {
        if (v.isNull()) {
            return false;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isNumber()) {
            return v.doubleValue() != 0;
        }
        if (v.isTextual()) {
            return !v.textValue().isEmpty();
        }
        return !v.isContainerNode() || v.size() > 0;
    }
}
