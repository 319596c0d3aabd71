package org.sandpaint.engine.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sandpaint.engine.Engine;
import org.sandpaint.engine.EngineOptions;
import org.sandpaint.engine.GenerationRequest;
import org.sandpaint.engine.ModelInfo;
import org.sandpaint.engine.InitImage;
import org.sandpaint.engine.Inpaint;
import org.sandpaint.engine.ResizeMode;
import org.sandpaint.engine.Device;
import org.sandpaint.engine.scheduler.PredictionType;
import org.sandpaint.engine.Sampler;

import java.awt.image.BufferedImage;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An SD 2.x-style checkpoint (OpenCLIP names, penultimate layer, v-prediction, linear projections, BF16/F32/F16
 * in one file, the VAE's attention as Linear layers) reproduces the latents of an independent PyTorch port
 * ({@code src/test/models/make_sd2_reference.py}).
 */
class Sd2CheckpointTest {

    private static final EngineOptions CPU = EngineOptions.defaults().withDevice(Device.CPU);

    @TempDir
    Path dir;

    @Test
    void reproducesTheReferenceLatents() throws Exception {
        TinySd2Checkpoint.requireDir();
        Path file = TinySd2Checkpoint.write(dir, true);
        JsonNode cases = new ObjectMapper().readTree(TinySd2Checkpoint.reference().toFile());
        try (Engine engine = Engine.open(file, CPU)) {
            assertEquals("SD 2.x, v-prediction (tiny-sd2.yaml)", engine.modelKind());
            assertEquals(768, engine.model().nativeSize());
            for (JsonNode c : cases) {
                String name = c.get("name").asText();
                int[] ids = Engine.tokenize(engine.model(), c.get("prompt").asText());
                int[] expectedIds = new ObjectMapper().convertValue(c.get("token_ids"), int[].class);
                assertArrayEquals(expectedIds, ids, name + ": token ids");
                float[] latents = engine.generate(request(c).build(), null, null).images().get(0).latents();
                TinySd1Cases.assertLatentsMatch(TinySd1Cases.latents(c), latents, name);
            }
        }
    }

    @Test
    void clipSkipDoesNotChangeAnSd2Model() throws Exception {
        TinySd2Checkpoint.requireDir();
        Path file = TinySd2Checkpoint.write(dir, true);
        JsonNode c = new ObjectMapper().readTree(TinySd2Checkpoint.reference().toFile()).get(0);
        try (Engine engine = Engine.open(file, CPU)) {
            float[] skip1 = engine.generate(request(c).steps(1).build(), null, null).images().get(0).latents();
            float[] skip2 = engine.generate(request(c).steps(1).clipSkip(2).build(), null, null).images().get(0).latents();
            assertArrayEquals(skip1, skip2, 0f, "the WebUI conditions SD 2.x on the penultimate layer whatever CLIP skip says");
        }
    }

    @Test
    void withoutAConfigTheFamilyIsDetectedAndPredictionCanBeOverridden() throws Exception {
        TinySd2Checkpoint.requireDir();
        Path file = TinySd2Checkpoint.write(dir, false);
        try (Checkpoint detected = Checkpoint.open(file, CheckpointOverrides.NONE)) {
            CheckpointArchitecture arch = detected.architecture();
            assertEquals(CheckpointFamily.SD2, arch.family());
            assertEquals(PredictionType.V_PREDICTION, arch.prediction());
            assertEquals("default for SD 2.x", arch.predictionSource());
            assertEquals(3, arch.text().layers());
            assertEquals(2, arch.text().defaultLayer());
            assertEquals(new VaeConfig(32, new int[]{1, 1, 1, 1}, 1, 4), arch.vae());
            assertEquals(true, arch.unet().linearProjection());
        }
        try (Engine engine = Engine.open(ModelInfo.check(file, null, "epsilon"), CPU)) {
            assertEquals("SD 2.x, epsilon prediction (--prediction)", engine.modelKind());
            assertEquals(512, engine.model().nativeSize());
        }
        try (Checkpoint overridden = Checkpoint.open(file, CheckpointOverrides.NONE.withPrediction(PredictionType.EPSILON))) {
            assertEquals("epsilon", overridden.settings().scheduler().getString("prediction_type", ""));
        }
    }

    @Test
    void anInpaintingVariantTakesNineChannelsAndRepaintsOnlyTheMask() throws Exception {
        TinySd2Checkpoint.requireDir();
        Path file = TinySd2Checkpoint.write(dir, false, 9);
        try (Engine engine = Engine.open(file, CPU)) {
            assertEquals(9, engine.unetChannels());
            assertEquals("SD 2.x inpainting, v-prediction (default for SD 2.x)", engine.modelKind());
            BufferedImage source = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
            BufferedImage mask = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 64; y++) {
                for (int x = 0; x < 64; x++) {
                    source.setRGB(x, y, 0x3080C0);
                    mask.setRGB(x, y, x >= 32 ? 0xFFFFFF : 0);
                }
            }
            Inpaint inpaint = new Inpaint(mask, 0, false, Inpaint.MaskedContent.ORIGINAL, Inpaint.Area.WHOLE_PICTURE, 0);
            GenerationRequest request = GenerationRequest.builder("a red circle").seed(5).steps(3)
                    .sampler(Sampler.parse("Euler")).size(64, 64)
                    .initImage(new InitImage(source, 1.0, ResizeMode.JUST_RESIZE, inpaint)).build();
            BufferedImage out = engine.generate(request, null, null).images().get(0).image();
            assertEquals(0x3080C0, out.getRGB(4, 30) & 0xFFFFFF, "the unmasked half is the source, as the WebUI keeps it");
            assertTrue((out.getRGB(60, 30) & 0xFFFFFF) != 0x3080C0, "the masked half was repainted");
        }
    }

    private static GenerationRequest.Builder request(JsonNode c) {
        return GenerationRequest.builder(c.get("prompt").asText())
                .negativePrompt(c.get("negative").asText())
                .seed(c.get("seed").asLong())
                .steps(c.get("steps").asInt())
                .cfgScale(c.get("cfg").asDouble())
                .sampler(Sampler.parse(c.get("sampler").asText()))
                .size(c.get("width").asInt(), c.get("height").asInt());
    }
}
