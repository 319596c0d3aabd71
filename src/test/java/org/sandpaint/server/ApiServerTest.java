package org.sandpaint.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sandpaint.engine.Engine;
import org.sandpaint.engine.EngineOptions;
import org.sandpaint.engine.GeneratedImage;
import org.sandpaint.engine.GenerationRequest;
import org.sandpaint.engine.Parameters;
import org.sandpaint.engine.GenerationResult;
import org.sandpaint.engine.InitImage;
import org.sandpaint.engine.Inpaint;
import org.sandpaint.engine.image.PngText;
import org.sandpaint.engine.ResizeMode;
import org.sandpaint.engine.Device;
import org.sandpaint.engine.Sampler;
import org.sandpaint.testing.TestModels;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The WebUI API against the real server on a random loopback port, on the tiny committed model. */
class ApiServerTest {

    private static Engine engine;
    private static ApiServer server;
    private static ApiClient client;

    @BeforeAll
    static void start() throws Exception {
        engine = Engine.open(TestModels.folder("tiny-optimum"), EngineOptions.defaults().withDevice(Device.CPU));
        server = ApiServer.start(engine, ServerSettings.local(0));
        client = new ApiClient(server.port(), null);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    private static ObjectNode txt2img(long seed, int steps) {
        ObjectNode body = ApiClient.JSON.createObjectNode();
        body.put("prompt", "a red circle");
        body.put("seed", seed);
        body.put("steps", steps);
        body.put("width", 64);
        body.put("height", 72);
        return body;
    }

    /** The engine's own picture for the same parameters, run directly (no server, no previews). */
    private static GeneratedImage reference(GenerationRequest request) throws Exception {
        GenerationResult result = engine.generate(request, null, null);
        return result.images().get(0);
    }

    private static GenerationRequest.Builder referenceRequest(long seed, int steps) {
        // The API's defaults: sampler Euler, CFG 7, CLIP skip 1.
        return GenerationRequest.builder("a red circle").seed(seed).steps(steps).sampler(Sampler.EULER).size(64, 72);
    }

    private static void assertSamePixels(BufferedImage expected, BufferedImage actual) {
        assertEquals(expected.getWidth(), actual.getWidth());
        assertEquals(expected.getHeight(), actual.getHeight());
        int[] e = expected.getRGB(0, 0, expected.getWidth(), expected.getHeight(), null, 0, expected.getWidth());
        int[] a = actual.getRGB(0, 0, actual.getWidth(), actual.getHeight(), null, 0, actual.getWidth());
        assertArrayEquals(e, a, "pixels differ from the engine's own output");
    }

    @Test
    void txt2imgImageIsTheEnginesOwnPictureAndCarriesItsParameters() throws Exception {
        ObjectNode body = txt2img(42, 5);
        body.put("negative_prompt", "blurry");
        body.put("sampler_name", "DPM++ 2M");
        body.put("scheduler", "Karras");
        body.put("cfg_scale", 6.5);
        ApiClient.Answer answer = client.post("/sdapi/v1/txt2img", body);
        assertEquals(200, answer.status(), answer.text());

        GeneratedImage expected = reference(referenceRequest(42, 5).negativePrompt("blurry")
                .sampler(Sampler.DPMPP_2M_KARRAS).cfgScale(6.5).build());
        String png = answer.json().get("images").get(0).textValue();
        assertSamePixels(expected.image(), ApiClient.image(png));
        Map<String, String> text = PngText.read(Base64.getDecoder().decode(png), "response");
        assertEquals(expected.infotext().format(), text.get("parameters"));

        assertTrue(answer.json().get("info").isTextual(), "info is a JSON string, as in the WebUI");
        JsonNode info = ApiClient.info(answer);
        assertEquals(42, info.get("seed").asLong());
        assertEquals("[42]", info.get("all_seeds").toString());
        assertEquals("DPM++ 2M Karras", info.get("sampler_name").textValue());
        assertEquals(expected.infotext().format(), info.get("infotexts").get(0).textValue());
        assertEquals("blurry", info.get("all_negative_prompts").get(0).textValue());
        JsonNode parameters = answer.json().get("parameters");
        assertEquals("Karras", parameters.get("scheduler").textValue());
        assertEquals("Euler", parameters.get("sampler_index").textValue(), "defaults are echoed");
        assertEquals(false, parameters.get("enable_hr").booleanValue());
    }

    @Test
    void batchesReportEverySeedAndRandomSeedsAreResolved() {
        ObjectNode body = txt2img(-1, 2);
        body.put("batch_size", 2);
        body.put("n_iter", 2);
        ApiClient.Answer answer = client.post("/sdapi/v1/txt2img", body);
        assertEquals(200, answer.status(), answer.text());
        assertEquals(4, answer.json().get("images").size());
        JsonNode info = ApiClient.info(answer);
        long seed = info.get("seed").asLong();
        assertTrue(seed >= 0 && seed < Engine.MAX_RANDOM_SEED, "a random seed is drawn: " + seed);
        for (int i = 0; i < 4; i++) {
            assertEquals(seed + i, info.get("all_seeds").get(i).asLong());
            assertTrue(info.get("infotexts").get(i).textValue().contains("Seed: " + (seed + i)));
        }
    }

    @Test
    void unknownAndUnimplementedFieldsAreAcceptedAndNoted() {
        ObjectNode body = txt2img(3, 2);
        body.put("restore_faces", true);
        body.put("enable_hr", true);
        body.put("hr_scale", 2);
        body.putObject("alwayson_scripts").putObject("ControlNet").putArray("args");
        body.put("save_images", true);
        body.put("some_future_field", 1);
        ApiClient.Answer answer = client.post("/sdapi/v1/txt2img", body);
        assertEquals(200, answer.status(), answer.text());
        String warnings = ApiClient.info(answer).get("warnings").toString();
        for (String field : List.of("restore_faces", "enable_hr", "alwayson_scripts", "save_images", "some_future_field")) {
            assertTrue(warnings.contains(field), field + " is noted in " + warnings);
        }
        assertFalse(warnings.contains("hr_scale"), "a default value is not noted: " + warnings);
        assertFalse(answer.json().get("parameters").has("some_future_field"), "unknown fields are not echoed");
    }

    @Test
    void overrideSettingsApplyToOneJobUnlessKept() {
        ObjectNode body = txt2img(5, 2);
        body.putObject("override_settings").put("CLIP_stop_at_last_layers", 2).put("sd_model_checkpoint", "tiny-optimum [abc123]");
        ApiClient.Answer answer = client.post("/sdapi/v1/txt2img", body);
        assertEquals(200, answer.status(), answer.text());
        assertEquals(2, ApiClient.info(answer).get("clip_skip").asInt());
        assertTrue(ApiClient.info(answer).get("infotexts").get(0).textValue().contains("Clip skip: 2"));
        assertEquals(1, client.get("/sdapi/v1/options").json().get("CLIP_stop_at_last_layers").asInt(), "restored afterwards");

        body.put("override_settings_restore_afterwards", false);
        assertEquals(200, client.post("/sdapi/v1/txt2img", body).status());
        assertEquals(2, client.get("/sdapi/v1/options").json().get("CLIP_stop_at_last_layers").asInt(), "kept");
        assertEquals(200, client.post("/sdapi/v1/options", Map.of("CLIP_stop_at_last_layers", 1)).status());

        ObjectNode unknownModel = txt2img(5, 2);
        unknownModel.putObject("override_settings").put("sd_model_checkpoint", "sd_xl_base_1.0.safetensors");
        ApiClient.Answer refused = client.post("/sdapi/v1/txt2img", unknownModel);
        assertEquals(404, refused.status());
        assertTrue(refused.json().get("detail").textValue().contains("Model not found"), refused.text());
    }

    @Test
    void img2imgInpaintsAsTheEngineDoesAndHidesTheSourceInParameters() throws Exception {
        BufferedImage source = ImageIO.read(Path.of("src/test/models/img2img_source.png").toFile());
        BufferedImage rgbSource = new BufferedImage(64, 72, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgbSource.createGraphics();
        g.drawImage(source, 0, 0, 64, 72, null);
        g.dispose();
        BufferedImage mask = new BufferedImage(64, 72, BufferedImage.TYPE_INT_RGB);
        Graphics2D m = mask.createGraphics();
        m.setColor(Color.WHITE);
        m.fillRect(16, 8, 24, 24);
        m.dispose();

        ObjectNode body = txt2img(11, 6);
        body.putArray("init_images").add("data:image/png;base64," + ApiClient.base64Png(rgbSource));
        body.put("mask", ApiClient.base64Png(mask));
        body.put("denoising_strength", 0.6);
        body.put("mask_blur", 2);
        body.put("inpainting_fill", 1);
        body.put("inpaint_full_res", false);
        body.put("inpaint_full_res_padding", 16);
        body.put("resize_mode", 1);
        ApiClient.Answer answer = client.post("/sdapi/v1/img2img", body);
        assertEquals(200, answer.status(), answer.text());

        Inpaint inpaint = new Inpaint(mask, 2, false, Inpaint.MaskedContent.ORIGINAL, Inpaint.Area.WHOLE_PICTURE, 16);
        GeneratedImage expected = reference(referenceRequest(11, 6)
                .initImage(new InitImage(rgbSource, 0.6, ResizeMode.CROP_AND_RESIZE, inpaint)).build());
        assertSamePixels(expected.image(), ApiClient.image(answer.json().get("images").get(0).textValue()));
        assertEquals(0.6, ApiClient.info(answer).get("denoising_strength").asDouble());
        assertTrue(answer.json().get("parameters").get("init_images").isNull(), "sources are not echoed by default");
        assertTrue(answer.json().get("parameters").get("mask").isNull());
    }

    @Test
    void img2imgWithoutInitImagesIsNotFoundAsInTheWebUi() {
        ApiClient.Answer answer = client.post("/sdapi/v1/img2img", txt2img(1, 2));
        assertEquals(404, answer.status());
        assertEquals("Init image not found", answer.json().get("detail").textValue());
    }

    @Test
    void validationErrorsAre422WithADetail() {
        ObjectNode sampler = txt2img(1, 2);
        sampler.put("sampler_name", "Euler b");
        ApiClient.Answer a = client.post("/sdapi/v1/txt2img", sampler);
        assertEquals(422, a.status());
        String detail = a.json().get("detail").textValue();
        assertTrue(detail.contains("Euler b") && detail.contains("Euler a") && detail.contains("DPM++ 2M"), detail);

        ObjectNode steps = txt2img(1, 2);
        steps.put("steps", "many");
        ApiClient.Answer b = client.post("/sdapi/v1/txt2img", steps);
        assertEquals(422, b.status());
        assertEquals("[\"body\",\"steps\"]", b.json().get("detail").get(0).get("loc").toString());

        ObjectNode zeroSteps = txt2img(1, 0);
        assertEquals(422, client.post("/sdapi/v1/txt2img", zeroSteps).status());

        ObjectNode huge = txt2img(1, 2);
        huge.put("width", 4096);
        ApiClient.Answer c = client.post("/sdapi/v1/txt2img", huge);
        assertEquals(422, c.status());
        assertTrue(c.json().get("detail").textValue().contains("2048"), c.text());

        ObjectNode badBase64 = txt2img(1, 2);
        badBase64.putArray("init_images").add("%%% not base64 %%%");
        assertEquals(422, client.post("/sdapi/v1/img2img", badBase64).status());

        ObjectNode notAPicture = txt2img(1, 2);
        notAPicture.putArray("init_images").add(Base64.getEncoder().encodeToString("hello, world".getBytes()));
        ApiClient.Answer d = client.post("/sdapi/v1/img2img", notAPicture);
        assertEquals(422, d.status());
        assertTrue(d.json().get("detail").textValue().contains("init_images[0]"), d.text());

        ObjectNode url = txt2img(1, 2);
        url.putArray("init_images").add("http://169.254.169.254/latest/meta-data");
        assertEquals(422, client.post("/sdapi/v1/img2img", url).status(), "no URL is ever fetched");

        ApiClient.Answer e = client.post("/sdapi/v1/txt2img", "{\"prompt\": ");
        assertEquals(422, e.status());
        assertNotNull(e.json().get("detail").get(0).get("msg"));

        ObjectNode batch = txt2img(1, 2);
        batch.put("batch_size", 64);
        batch.put("n_iter", 2);
        assertEquals(422, client.post("/sdapi/v1/txt2img", batch).status());
    }

    @Test
    void optionsKeepUnknownKeysAndRefuseWhatCannotBeHonoured() {
        JsonNode options = client.get("/sdapi/v1/options").json();
        for (String key : List.of("sd_model_checkpoint", "sd_vae", "CLIP_stop_at_last_layers", "send_seed",
                "samples_save", "outdir_txt2img_samples")) {
            assertTrue(options.has(key), key);
        }
        assertEquals("tiny-optimum", options.get("sd_model_checkpoint").textValue());

        Map<String, Object> update = Map.of("my_extension_setting", List.of(1, 2), "outdir_txt2img_samples", "/etc/evil",
                "samples_save", false);
        ApiClient.Answer set = client.post("/sdapi/v1/options", update);
        assertEquals(200, set.status(), set.text());
        JsonNode after = client.get("/sdapi/v1/options").json();
        assertEquals("[1,2]", after.get("my_extension_setting").toString());
        assertEquals("/etc/evil", after.get("outdir_txt2img_samples").textValue(), "stored and echoed, never used");

        assertEquals(404, client.post("/sdapi/v1/options", Map.of("sd_model_checkpoint", "nope.ckpt")).status());
        assertEquals(422, client.post("/sdapi/v1/options", Map.of("CLIP_stop_at_last_layers", 13)).status());
        assertEquals(422, client.post("/sdapi/v1/options", Map.of("CLIP_stop_at_last_layers", "two")).status());
        assertEquals(1, client.get("/sdapi/v1/options").json().get("CLIP_stop_at_last_layers").asInt(),
                "a refused update changes nothing");
    }

    @Test
    void listingsAnswerInTheWebUisShapes() {
        JsonNode samplers = client.get("/sdapi/v1/samplers").json();
        assertEquals(Sampler.values().length, samplers.size());
        assertEquals("Euler a", samplers.get(0).get("name").textValue());
        assertTrue(samplers.get(0).get("aliases").toString().contains("k_euler_a"));
        JsonNode models = client.get("/sdapi/v1/sd-models").json();
        assertEquals("tiny-optimum", models.get(0).get("title").textValue());
        assertTrue(models.get(0).has("model_name") && models.get(0).has("filename"));
        assertEquals("automatic", client.get("/sdapi/v1/schedulers").json().get(0).get("name").textValue());
        for (String empty : List.of("sd-vae", "upscalers", "latent-upscale-modes", "loras", "hypernetworks",
                "face-restorers", "realesrgan-models", "prompt-styles", "script-info", "extensions")) {
            ApiClient.Answer a = client.get("/sdapi/v1/" + empty);
            assertEquals(200, a.status(), empty);
            assertEquals("[]", a.json().toString(), empty);
        }
        assertEquals("{\"loaded\":{},\"skipped\":{}}", client.get("/sdapi/v1/embeddings").json().toString());
        JsonNode memory = client.get("/sdapi/v1/memory").json();
        assertTrue(memory.get("ram").get("total").asLong() > 0, memory.toString());
        JsonNode flags = client.get("/sdapi/v1/cmd-flags").json();
        assertTrue(flags.get("api").booleanValue());
        assertTrue(flags.get("api_auth").isNull(), "credentials are never echoed");
        assertEquals("{\"txt2img\":[],\"img2img\":[]}", client.get("/sdapi/v1/scripts").json().toString());
        for (String refresh : List.of("refresh-checkpoints", "refresh-loras", "refresh-vae", "refresh-embeddings",
                "unload-checkpoint", "reload-checkpoint")) {
            assertEquals(200, client.post("/sdapi/v1/" + refresh, "{}").status(), refresh);
        }
        assertEquals(404, client.get("/sdapi/v1/no-such-endpoint").status());
        assertEquals("Not Found", client.get("/sdapi/v1/no-such-endpoint").json().get("detail").textValue());
        assertEquals(405, client.get("/sdapi/v1/txt2img").status());
    }

    @Test
    void pngInfoReadsTheParametersOfAGeneratedPicture() {
        ApiClient.Answer made = client.post("/sdapi/v1/txt2img", txt2img(77, 2));
        String png = made.json().get("images").get(0).textValue();
        ApiClient.Answer answer = client.post("/sdapi/v1/png-info", Map.of("image", "data:image/png;base64," + png));
        assertEquals(200, answer.status(), answer.text());
        assertEquals(ApiClient.info(made).get("infotexts").get(0).textValue(), answer.json().get("info").textValue());
        JsonNode parameters = answer.json().get("parameters");
        assertEquals("a red circle", parameters.get("Prompt").textValue());
        assertEquals("77", parameters.get("Seed").textValue());
        assertEquals("64", parameters.get("Size-1").textValue());
        assertEquals("72", parameters.get("Size-2").textValue());
        assertEquals("1", parameters.get("Clip skip").textValue());

        BufferedImage plain = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        ApiClient.Answer none = client.post("/sdapi/v1/png-info", Map.of("image", ApiClient.base64Png(plain)));
        assertEquals(200, none.status());
        assertEquals("", none.json().get("info").textValue());
        assertEquals(422, client.post("/sdapi/v1/png-info", Map.of("image", "bm90IGEgcGljdHVyZQ==")).status());
        assertEquals(422, client.post("/sdapi/v1/png-info", Map.of()).status());
    }

    @Test
    void idleProgressIsZero() {
        JsonNode p = client.get("/sdapi/v1/progress?skip_current_image=true").json();
        assertEquals(0.0, p.get("progress").asDouble());
        assertEquals(0, p.get("state").get("job_count").asInt());
        assertTrue(p.get("current_image").isNull());
        assertEquals(200, client.post("/sdapi/v1/interrupt", "").status(), "interrupt when idle is harmless");
        assertEquals(200, client.post("/sdapi/v1/skip", "").status());
    }

    @Test
    void concurrentRequestsWaitTheirTurnAndKeepTheirOwnPictures() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<ApiClient.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                ObjectNode body = txt2img(1000 + i, 6);
                body.put("sampler_name", "Euler a");
                answers.add(pool.submit(() -> client.post("/sdapi/v1/txt2img", body)));
            }
            for (int i = 0; i < 4; i++) {
                ApiClient.Answer answer = answers.get(i).get();
                assertEquals(200, answer.status(), answer.text());
                assertEquals(1000 + i, ApiClient.info(answer).get("seed").asLong());
                GeneratedImage expected = reference(referenceRequest(1000 + i, 6).sampler(Sampler.EULER_A).build());
                assertSamePixels(expected.image(), ApiClient.image(answer.json().get("images").get(0).textValue()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void interruptStopsOnlyTheRunningJobAndProgressShowsIt() throws Exception {
        ObjectNode longJob = txt2img(21, Parameters.STEPS.max());
        longJob.put("n_iter", 20); // far longer than the test needs, so the interrupt surely lands mid-job
        CompletableFuture<ApiClient.Answer> first = CompletableFuture.supplyAsync(() -> client.post("/sdapi/v1/txt2img", longJob));
        JsonNode progress = awaitSteps(15);
        assertEquals("scripts_txt2img", progress.get("state").get("job").textValue());
        assertEquals(Parameters.STEPS.max(), progress.get("state").get("sampling_steps").asInt());
        assertTrue(progress.get("progress").asDouble() > 0.01 && progress.get("progress").asDouble() < 1, progress.toString());
        assertTrue(progress.get("current_image").isTextual(), "a live preview every 10 steps");
        assertNotNull(ApiClient.image(progress.get("current_image").textValue()));
        assertTrue(client.get("/sdapi/v1/progress?skip_current_image=True").json().get("current_image").isNull());

        ObjectNode queued = txt2img(22, 4);
        CompletableFuture<ApiClient.Answer> second = CompletableFuture.supplyAsync(() -> client.post("/sdapi/v1/txt2img", queued));
        Thread.sleep(300); // let the second request reach the queue behind the first
        assertEquals(200, client.post("/sdapi/v1/interrupt", "").status());

        ApiClient.Answer interrupted = first.get();
        assertEquals(200, interrupted.status(), interrupted.text());
        int pictures = interrupted.json().get("images").size();
        assertTrue(pictures >= 1 && pictures < 20, "the finished and the partial pictures come back: " + pictures);
        assertTrue(ApiClient.info(interrupted).get("warnings").toString().contains("interrupted"));

        ApiClient.Answer next = second.get();
        assertEquals(200, next.status(), next.text());
        assertFalse(ApiClient.info(next).get("warnings").toString().contains("interrupted"), "the queued job ran whole");
        assertSamePixels(reference(referenceRequest(22, 4).build()).image(),
                ApiClient.image(next.json().get("images").get(0).textValue()));
    }

    @Test
    void skipAbandonsTheCurrentBatchOnly() throws Exception {
        ObjectNode job = txt2img(31, 600);
        job.put("n_iter", 2);
        CompletableFuture<ApiClient.Answer> answer = CompletableFuture.supplyAsync(() -> client.post("/sdapi/v1/txt2img", job));
        JsonNode progress = awaitSteps(5);
        assertEquals(2, progress.get("state").get("job_count").asInt());
        assertEquals(0, progress.get("state").get("job_no").asInt());
        assertEquals(200, client.post("/sdapi/v1/skip", "").status());
        ApiClient.Answer done = answer.get();
        assertEquals(200, done.status(), done.text());
        assertEquals(1, done.json().get("images").size(), "the second batch still ran");
        assertTrue(ApiClient.info(done).get("infotexts").get(0).textValue().contains("Seed: 32"));
    }

    @Test
    void aSixtyMegabyteBodyIsAccepted() {
        ObjectNode body = txt2img(9, 2);
        body.put("padding", "x".repeat(60_000_000));
        ApiClient.Answer answer = client.post("/sdapi/v1/txt2img", body);
        assertEquals(200, answer.status(), answer.text().substring(0, Math.min(300, answer.text().length())));
        assertEquals(1, answer.json().get("images").size());
    }

    /** Polls progress until the running job has done {@code steps} sampling steps. */
    private static JsonNode awaitSteps(int steps) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            JsonNode p = client.get("/sdapi/v1/progress").json();
            if (p.get("state").get("sampling_step").asInt() >= steps) {
                return p;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the job never reached step " + steps);
    }
}
