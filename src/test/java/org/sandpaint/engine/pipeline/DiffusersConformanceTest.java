package org.sandpaint.engine.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.sandpaint.engine.Engine;
import org.sandpaint.engine.EngineOptions;
import org.sandpaint.engine.GeneratedImage;
import org.sandpaint.engine.GenerationRequest;
import org.sandpaint.engine.GenerationResult;
import org.sandpaint.engine.Device;
import org.sandpaint.engine.Sampler;
import org.sandpaint.testing.SharedFixtures;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End-to-end conformance: the tiny Optimum pipeline in ../shared/fixtures must give the final latents
 * that diffusers produced for each recorded case, within max|ours - ref| / max|ref| < 1e-3.
 */
class DiffusersConformanceTest {

    private static Path fixture;
    private static Engine engine;

    @BeforeAll
    static void open() throws Exception {
        fixture = SharedFixtures.require("fixtures/tiny-sd-optimum");
        engine = Engine.open(fixture, EngineOptions.defaults().withDevice(Device.CPU));
    }

    @AfterAll
    static void close() {
        if (engine != null) {
            engine.close();
        }
    }

    @TestFactory
    List<DynamicTest> reproducesDiffusersLatents() throws Exception {
        JsonNode cases = new ObjectMapper().readTree(fixture.resolve("reference.json").toFile());
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : cases) {
            tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> checkCase(c)));
        }
        return tests;
    }

    private void checkCase(JsonNode c) throws Exception {
        GenerationRequest request = GenerationRequest.builder(c.get("prompt").asText())
                .negativePrompt(c.get("negative").asText())
                .seed(c.get("seed").asLong())
                .steps(c.get("steps").asInt())
                .cfgScale(c.get("cfg").asDouble())
                .sampler(Sampler.parse(c.get("sampler").asText()))
                .clipSkip(c.get("clip_skip").asInt())
                .size(c.get("width").asInt(), c.get("height").asInt())
                .build();
        GenerationResult result = engine.generate(request, null, null);
        GeneratedImage image = result.images().get(0);

        float[] ours = image.latents();
        JsonNode ref = c.get("latents");
        assertEquals(ref.size(), ours.length, "latent count");
        double maxRef = 0;
        double maxDiff = 0;
        for (int i = 0; i < ours.length; i++) {
            double r = ref.get(i).asDouble();
            maxRef = Math.max(maxRef, Math.abs(r));
            maxDiff = Math.max(maxDiff, Math.abs(ours[i] - r));
        }
        double relative = maxDiff / maxRef;
        System.out.printf("%s: max|ours-ref|/max|ref| = %.3g%n", c.get("name").asText(), relative);
        assertTrue(relative < 1e-3, c.get("name").asText() + ": relative error " + relative + " is not below 1e-3");

        // The decoded picture matches diffusers' PNG up to rounding of the 8-bit values.
        BufferedImage expected = ImageIO.read(fixture.resolve("expected_" + c.get("name").asText() + ".png").toFile());
        assertEquals(expected.getWidth(), image.image().getWidth());
        int worst = 0;
        for (int y = 0; y < expected.getHeight(); y++) {
            for (int x = 0; x < expected.getWidth(); x++) {
                int a = expected.getRGB(x, y);
                int b = image.image().getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    worst = Math.max(worst, Math.abs(((a >> shift) & 255) - ((b >> shift) & 255)));
                }
            }
        }
        assertTrue(worst <= 2, "pixels differ from diffusers' PNG by up to " + worst + " levels");
    }
}
