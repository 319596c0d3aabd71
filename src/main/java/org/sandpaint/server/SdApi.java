package org.sandpaint.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import org.sandpaint.engine.Engine;
import org.sandpaint.engine.GenerationRequest;
import org.sandpaint.engine.Infotext;
import org.sandpaint.engine.ImageFiles;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The {@code /sdapi/v1} endpoints: each takes the parsed JSON body (POST) and returns what is sent back. */
final class SdApi {

    /** One endpoint. */
    record Route(HandlerType method, String path, Handler handler) {
    }

    @FunctionalInterface
    interface Handler {
        Object handle(Context ctx, JsonNode body) throws Exception;
    }

    private static final String PREFIX = "/sdapi/v1/";

    private final GenerationQueue queue;
    private final ServerSettings settings;
    private final ObjectMapper json;
    private final ServedModel model;
    private final ServerOptions options;
    private final int nativeSize;

    SdApi(GenerationQueue queue, ServerSettings settings, ObjectMapper json) {
        this.queue = queue;
        this.settings = settings;
        this.json = json;
        this.model = new ServedModel(queue.engine().model().name());
        this.options = new ServerOptions(model);
        this.nativeSize = queue.engine().model().nativeSize();
    }

    List<Route> routes() {
        return List.of(
                post("txt2img", (ctx, body) -> generate(body, WebUiParameters.Mode.TXT2IMG)),
                post("img2img", (ctx, body) -> generate(body, WebUiParameters.Mode.IMG2IMG)),
                get("progress", (ctx, body) -> progress(ctx)),
                post("interrupt", (ctx, body) -> {
                    queue.interrupt();
                    return Map.of();
                }),
                post("skip", (ctx, body) -> {
                    queue.skip();
                    return null;
                }),
                post("png-info", (ctx, body) -> pngInfo(body)),
                get("options", (ctx, body) -> options.snapshot()),
                post("options", (ctx, body) -> {
                    options.update(body);
                    return null;
                }),
                get("cmd-flags", (ctx, body) -> Listings.cmdFlags(settings, model)),
                get("sd-models", (ctx, body) -> Listings.sdModels(model)),
                get("sd-vae", (ctx, body) -> List.of()),
                get("samplers", (ctx, body) -> SamplerNames.list()),
                get("schedulers", (ctx, body) -> Listings.schedulers()),
                get("upscalers", (ctx, body) -> List.of()),
                get("latent-upscale-modes", (ctx, body) -> List.of()),
                get("loras", (ctx, body) -> List.of()),
                get("embeddings", (ctx, body) -> Listings.embeddings()),
                get("hypernetworks", (ctx, body) -> List.of()),
                get("face-restorers", (ctx, body) -> List.of()),
                get("realesrgan-models", (ctx, body) -> List.of()),
                get("prompt-styles", (ctx, body) -> List.of()),
                get("memory", (ctx, body) -> Listings.memory(queue.engine().provider())),
                get("scripts", (ctx, body) -> Listings.scripts()),
                get("script-info", (ctx, body) -> List.of()),
                get("extensions", (ctx, body) -> List.of()),
                post("refresh-checkpoints", (ctx, body) -> null),
                post("refresh-embeddings", (ctx, body) -> null),
                post("unload-checkpoint", (ctx, body) -> Map.of()),
                post("reload-checkpoint", (ctx, body) -> Map.of()),
                post("refresh-vae", (ctx, body) -> null),
                post("refresh-loras", (ctx, body) -> null));
    }

    private Map<String, Object> generate(JsonNode body, WebUiParameters.Mode mode) throws Exception {
        WebUiParameters.Job job = WebUiParameters.parse(body, mode, options, nativeSize);
        // The seed is fixed here, not in the engine, so info reports it even when no picture is finished.
        GenerationRequest request = job.request().toBuilder().seed(Engine.resolveSeed(job.request().seed())).build();
        String name = mode == WebUiParameters.Mode.TXT2IMG ? "scripts_txt2img" : "scripts_img2img";
        GenerationQueue.Ran ran = queue.run(name, request);
        if (!job.restoreAfterwards()) {
            options.keep(job.overrides());
        }
        return GenerationResponse.of(job, request, ran.result(), ran.jobTimestamp(),
                queue.engine().unetChannels() == 9, model.title(), json);
    }

    private Map<String, Object> progress(Context ctx) {
        String skip = ctx.queryParam("skip_current_image");
        boolean skipImage = skip != null && List.of("true", "1", "yes", "on").contains(skip.strip().toLowerCase(Locale.ROOT));
        Progress p = queue.progress();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("progress", p.progress());
        out.put("eta_relative", p.etaRelative());
        out.put("state", p.state());
        out.put("current_image", p.currentImage() == null || skipImage ? null : Pictures.png(p.currentImage(), Map.of()));
        out.put("textinfo", p.textinfo());
        return out;
    }

    /** The parameters text and other text chunks of a picture, parsed as the WebUI's png-info does. */
    private Map<String, Object> pngInfo(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiError.field(List.of("body"), "field required", "value_error.missing");
        }
        JsonFields f = JsonFields.body(body);
        if (!f.has("image")) {
            throw ApiError.field(List.of("body", "image"), "field required", "value_error.missing");
        }
        byte[] data = Pictures.bytes(f.text("image", ""), "image");
        Map<String, String> text;
        try {
            text = ImageFiles.pngText(data, "image");
        } catch (IOException e) {
            Pictures.decode(data, "image"); // a JPEG or other picture: no PNG text, but not an error
            text = Map.of();
        }
        Map<String, Object> items = new LinkedHashMap<>(text);
        String parameters = (String) items.remove("parameters");
        Map<String, Object> parsed = new LinkedHashMap<>();
        if (parameters != null) {
            Infotext info = Infotext.parse(parameters);
            parsed.put("Prompt", info.prompt());
            parsed.put("Negative prompt", info.negativePrompt());
            parsed.putAll(info.parameters());
            info.get("Size").ifPresent(size -> {
                String[] wh = size.split("x", 2);
                if (wh.length == 2) {
                    parsed.put("Size-1", wh[0]);
                    parsed.put("Size-2", wh[1]);
                }
            });
            parsed.putIfAbsent("Clip skip", "1");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("info", parameters == null ? "" : parameters);
        out.put("items", items);
        out.put("parameters", parsed);
        return out;
    }

    private static Route get(String name, Handler handler) {
        return new Route(HandlerType.GET, PREFIX + name, handler);
    }

    private static Route post(String name, Handler handler) {
        return new Route(HandlerType.POST, PREFIX + name, handler);
    }
}
