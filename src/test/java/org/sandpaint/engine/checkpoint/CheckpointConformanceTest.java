package org.sandpaint.engine.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sandpaint.engine.Engine;
import org.sandpaint.engine.EngineOptions;
import org.sandpaint.engine.GeneratedImage;
import org.sandpaint.engine.GenerationRequest;
import org.sandpaint.engine.InitImage;
import org.sandpaint.engine.image.ImageLoader;
import org.sandpaint.engine.ResizeMode;
import org.sandpaint.engine.Device;
import org.sandpaint.engine.Sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tiny SD 1.x checkpoint opened from its single .safetensors file (graphs built in Java) reproduces
 * diffusers' final latents and pictures for the fixture's cases (../shared/fixtures/tiny-sd1-checkpoint).
 */
class CheckpointConformanceTest {

    private static TinySd1Cases fixture;
    private static Engine engine;

    @BeforeAll
    static void open() throws Exception {
        fixture = TinySd1Cases.require();
        engine = Engine.open(fixture.checkpoint(), EngineOptions.defaults().withDevice(Device.CPU));
    }

    @AfterAll
    static void close() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void eulerAncestral() throws Exception {
        check("t2i_euler_a");
    }

    @Test
    void dpmPlusPlus2mKarrasAtANonSquareSize() throws Exception {
        check("t2i_dpmpp_2m_karras");
    }

    @Test
    void clipSkip2() throws Exception {
        check("t2i_clip_skip2");
    }

    @Test
    void imageToImageSamplesThePosteriorWithTheCasesGenerator() throws Exception {
        check("i2i_euler");
    }

    @Test
    void anotherVaeGivenAsAWeightSourceDecodesThePicture() throws Exception {
        String name = "t2i_alt_vae";
        JsonNode c = fixture.find(name);
        try (SafetensorsFile vae = SafetensorsFile.open(fixture.dir().resolve(c.get("vae").asText()))) {
            Checkpoint checkpoint = Checkpoint.open(fixture.checkpoint(), CheckpointOverrides.NONE);
            try (Engine withVae = Engine.open(checkpoint, CheckpointWeights.withVae(checkpoint.weights(), vae),
                    EngineOptions.defaults().withDevice(Device.CPU))) {
                GeneratedImage image = withVae.generate(request(c).build(), null, null).images().get(0);
                TinySd1Cases.assertLatentsMatch(TinySd1Cases.latents(c), image.latents(), name);
                TinySd1Cases.assertImageMatches(fixture.expectedImage(name), image.image(), 2, name);
            }
        }
    }

    @Test
    void theInfotextNamesTheCheckpointAndItsWholeFileHash() throws Exception {
        GeneratedImage image = engine.generate(request(fixture.find("t2i_euler_a")).steps(1).build(), null, null)
                .images().get(0);
        String infotext = image.infotext().format();
        String hash = new org.sandpaint.engine.image.ModelHash().shortHash(fixture.checkpoint());
        assertTrue(infotext.contains("Model hash: " + hash), infotext);
        assertTrue(infotext.contains("Model: tiny-sd1"), infotext);
        assertEquals("SD 1.x, epsilon prediction (tiny-sd1.yaml)", engine.modelKind());
    }

    private static void check(String name) throws Exception {
        JsonNode c = fixture.find(name);
        GenerationRequest.Builder request = request(c);
        if (c.has("init")) {
            request.initImage(new InitImage(ImageLoader.loadRgb(fixture.dir().resolve("init_" + name + ".png")),
                    c.get("strength").asDouble(), ResizeMode.JUST_RESIZE));
        }
        GeneratedImage image = engine.generate(request.build(), null, null).images().get(0);
        TinySd1Cases.assertLatentsMatch(TinySd1Cases.latents(c), image.latents(), name);
        TinySd1Cases.assertImageMatches(fixture.expectedImage(name), image.image(), 2, name);
    }

    static GenerationRequest.Builder request(JsonNode c) {
        return GenerationRequest.builder(c.get("prompt").asText())
                .negativePrompt(c.get("negative").asText())
                .seed(c.get("seed").asLong())
                .steps(c.get("steps").asInt())
                .cfgScale(c.get("cfg").asDouble())
                .sampler(Sampler.parse(c.get("sampler").asText()))
                .clipSkip(c.get("clip_skip").asInt())
                .size(c.get("width").asInt(), c.get("height").asInt());
    }
}
