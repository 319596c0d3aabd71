package org.sandpaint.engine.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.sandpaint.engine.Engine;
import org.sandpaint.engine.EngineOptions;
import org.sandpaint.engine.GeneratedImage;
import org.sandpaint.engine.GenerationRequest;
import org.sandpaint.engine.InitImage;
import org.sandpaint.engine.image.ImageLoader;
import org.sandpaint.engine.ResizeMode;
import org.sandpaint.engine.Device;
import org.sandpaint.engine.Sampler;
import org.sandpaint.testing.TestModels;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Image to image against diffusers' algorithm: the reference latents were computed in torch with the same
 * networks (src/test/models/make_img2img_reference.py), including the order of the random draws.
 */
class ImageToImageTest {

    private static Engine engine;
    private static BufferedImage source;

    @BeforeAll
    static void open() throws Exception {
        engine = Engine.open(TestModels.folder("tiny-optimum"), EngineOptions.defaults().withDevice(Device.CPU));
        source = ImageLoader.loadRgb(Path.of("src/test/models/img2img_source.png"));
    }

    @AfterAll
    static void close() {
        if (engine != null) {
            engine.close();
        }
    }

    private static GenerationRequest.Builder request(double strength) {
        return GenerationRequest.builder("a red circle").seed(11).steps(10).cfgScale(7.5).sampler(Sampler.DDIM)
                .size(64, 64).initImage(new InitImage(source, strength, ResizeMode.JUST_RESIZE));
    }

    @TestFactory
    List<DynamicTest> reproducesDiffusersImg2Img() throws Exception {
        JsonNode cases = new ObjectMapper().readTree(Path.of("src/test/models/img2img_reference.json").toFile());
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : cases) {
            tests.add(DynamicTest.dynamicTest("seed " + c.get("seed") + " strength " + c.get("strength"), () -> {
                GenerationRequest r = request(c.get("strength").asDouble()).seed(c.get("seed").asLong())
                        .steps(c.get("steps").asInt()).cfgScale(c.get("cfg").asDouble()).build();
                float[] ours = engine.generate(r, null, null).images().get(0).latents();
                JsonNode ref = c.get("latents");
                double maxRef = 0;
                double maxDiff = 0;
                for (int i = 0; i < ours.length; i++) {
                    maxRef = Math.max(maxRef, Math.abs(ref.get(i).asDouble()));
                    maxDiff = Math.max(maxDiff, Math.abs(ours[i] - ref.get(i).asDouble()));
                }
                assertTrue(maxDiff / maxRef < 1e-3, "relative error " + maxDiff / maxRef);
            }));
        }
        return tests;
    }

    @Test
    void strengthZeroReturnsTheSourceUnchanged() throws Exception {
        GeneratedImage image = engine.generate(request(0).build(), null, null).images().get(0);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                assertEquals(source.getRGB(x, y), image.image().getRGB(x, y));
            }
        }
        assertTrue(image.infotext().format().contains("Denoising strength: 0"), image.infotext().format());
    }

    @Test
    void lowStrengthStaysCloserToTheSourceThanHighStrength() throws Exception {
        // In latent space: the tiny VAE has random weights, so only its latents say how far a run moved.
        float[] clean = engine.generate(request(0).build(), null, null).images().get(0).latents();
        double low = distance(clean, engine.generate(request(0.2).build(), null, null).images().get(0).latents());
        double high = distance(clean, engine.generate(request(0.9).build(), null, null).images().get(0).latents());
        assertTrue(low < high / 2, "strength 0.2 moved " + low + ", strength 0.9 moved " + high);
    }

    @Test
    void everySamplerRunsFromTheMiddleOfItsSchedule() throws Exception {
        for (Sampler sampler : Sampler.values()) {
            GenerationRequest r = request(0.6).sampler(sampler).steps(6).build();
            var result = engine.generate(r, null, null);
            for (float v : result.images().get(0).latents()) {
                assertTrue(Float.isFinite(v), sampler + " produced " + v);
            }
        }
    }

    @Test
    void sourceOfAnotherSizeIsFitted() throws Exception {
        BufferedImage wide = new BufferedImage(200, 50, BufferedImage.TYPE_INT_RGB);
        GenerationRequest r = request(0.5).initImage(new InitImage(wide, 0.5, ResizeMode.CROP_AND_RESIZE)).build();
        assertEquals(64, engine.generate(r, null, null).images().get(0).image().getWidth());
    }

    @Test
    void encodersThatSampleInsideTheGraphWork() throws Exception {
        // tiny-legacy's VAE encoder outputs latent_sample (no posterior to draw from) and is fixed to batch 1.
        try (Engine legacy = Engine.open(TestModels.folder("tiny-legacy"), EngineOptions.defaults().withDevice(Device.CPU))) {
            GenerationRequest r = request(0.5).batchSize(2).build();
            var images = legacy.generate(r, null, null).images();
            assertEquals(2, images.size());
            for (float v : images.get(1).latents()) {
                assertTrue(Float.isFinite(v));
            }
        }
    }

    @Test
    void inpaintingModelsAlsoDoTextToImage() throws Exception {
        try (Engine inpainting = Engine.open(TestModels.folder("tiny-inpaint"), EngineOptions.defaults().withDevice(Device.CPU))) {
            assertEquals(9, inpainting.unetChannels());
            GenerationRequest r = GenerationRequest.builder("a red circle").seed(3).steps(4).size(64, 64).build();
            assertEquals(64, inpainting.generate(r, null, null).images().get(0).image().getWidth());
        }
    }

    private static double distance(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs(a[i] - b[i]);
        }
        return sum;
    }
}
