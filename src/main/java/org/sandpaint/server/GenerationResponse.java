package org.sandpaint.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.sandpaint.engine.GeneratedImage;
import org.sandpaint.engine.GenerationRequest;
import org.sandpaint.engine.GenerationResult;
import org.sandpaint.engine.Infotext;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The body of a txt2img/img2img answer: {@code images} (base64 PNGs carrying the WebUI's parameters text),
 * {@code parameters} (the request with its defaults) and {@code info}, a JSON <em>string</em> with the
 * WebUI's {@code Processed.js()} keys plus {@code warnings}: the fields that were accepted but not honoured.
 */
final class GenerationResponse {

    /** Infotext keys the WebUI reports on their own in info; the others go to extra_generation_params. */
    private static final Set<String> MAIN_KEYS = Set.of("Steps", "Sampler", "Schedule type", "CFG scale", "Seed",
            "Size", "Model hash", "Model", "VAE hash", "VAE", "Denoising strength", "Clip skip", "Version");

    private GenerationResponse() {
    }

    static Map<String, Object> of(WebUiParameters.Job job, GenerationRequest request, GenerationResult result,
                                  String timestamp, boolean inpaintingModel, String modelTitle, ObjectMapper json) {
        List<String> images = new ArrayList<>();
        if (job.sendImages()) {
            for (GeneratedImage image : result.images()) {
                images.add(Pictures.png(image.image(), Map.of("parameters", image.infotext().format())));
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("images", images);
        body.put("parameters", job.parameters());
        try {
            body.put("info", json.writeValueAsString(info(job, request, result, timestamp, inpaintingModel, modelTitle)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return body;
    }

    private static Map<String, Object> info(WebUiParameters.Job job, GenerationRequest request, GenerationResult result,
                                            String timestamp, boolean inpaintingModel, String modelTitle) {
        int count = request.batchSize() * request.batchCount();
        List<Long> seeds = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            seeds.add(request.seed() + i);
        }
        long subseed = job.parameters().path("subseed").asLong(-1);
        Infotext first = result.images().isEmpty() ? null : result.images().get(0).infotext();
        ObjectNode p = job.parameters();

        Map<String, Object> info = new LinkedHashMap<>();
        info.put("prompt", request.prompt());
        info.put("all_prompts", Collections.nCopies(count, request.prompt()));
        info.put("negative_prompt", request.negativePrompt());
        info.put("all_negative_prompts", Collections.nCopies(count, request.negativePrompt()));
        info.put("seed", request.seed());
        info.put("all_seeds", seeds);
        info.put("subseed", subseed);
        info.put("all_subseeds", Collections.nCopies(count, subseed));
        info.put("subseed_strength", p.path("subseed_strength").asDouble(0));
        info.put("width", request.width());
        info.put("height", request.height());
        info.put("sampler_name", request.sampler().displayName());
        info.put("cfg_scale", request.cfgScale());
        info.put("steps", request.steps());
        info.put("batch_size", request.batchSize());
        info.put("restore_faces", false);
        info.put("face_restoration_model", null);
        info.put("sd_model_name", first == null ? modelTitle : first.get("Model").orElse(modelTitle));
        info.put("sd_model_hash", first == null ? null : first.get("Model hash").orElse(null));
        info.put("sd_vae_name", null);
        info.put("sd_vae_hash", null);
        info.put("seed_resize_from_w", -1);
        info.put("seed_resize_from_h", -1);
        info.put("denoising_strength", request.initImage() != null ? request.initImage().strength()
                : p.path("denoising_strength").asDouble(0.75));
        Map<String, String> extra = new LinkedHashMap<>();
        if (first != null) {
            first.parameters().forEach((k, v) -> {
                if (!MAIN_KEYS.contains(k)) {
                    extra.put(k, v);
                }
            });
        }
        info.put("extra_generation_params", extra);
        info.put("index_of_first_image", 0);
        info.put("infotexts", result.images().stream().map(i -> i.infotext().format()).toList());
        info.put("styles", List.of());
        info.put("job_timestamp", timestamp);
        info.put("clip_skip", request.clipSkip());
        info.put("is_using_inpainting_conditioning", inpaintingModel && request.initImage() != null);
        info.put("version", first == null ? null : first.get("Version").orElse(null));
        info.put("interrupted", result.interrupted()); // not the WebUI's: lets remote clients tell partial pictures
        List<String> warnings = new ArrayList<>(job.notes());
        warnings.addAll(result.warnings());
        if (result.interrupted()) {
            warnings.add("interrupted: " + result.images().size() + " of " + count + " pictures");
        }
        info.put("warnings", warnings);
        return info;
    }
}
