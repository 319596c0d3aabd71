package org.sandpaint.engine.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sandpaint.engine.Engine;
import org.sandpaint.engine.EngineOptions;
import org.sandpaint.engine.GeneratedImage;
import org.sandpaint.engine.GenerationRequest;
import org.sandpaint.engine.InitImage;
import org.sandpaint.engine.image.ImageLoader;
import org.sandpaint.engine.ResizeMode;
import org.sandpaint.engine.Device;
import org.sandpaint.engine.ModelException;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tiny SD 1.x checkpoint as a diffusers folder of .safetensors parts (its tensors under the names
 * {@code src/test/models/make_tiny_sd1_diffusers.py} derived from diffusers' conversion tables, configs as
 * diffusers writes them) reproduces the fixture's cases.
 */
class DiffusersFolderTest {

    private static final Path CONFIGS = Path.of("src/test/models/tiny-sd1-diffusers");
    private static final EngineOptions CPU = EngineOptions.defaults().withDevice(Device.CPU);

    @TempDir
    Path dir;

    /** Writes the folder: each fixture tensor under its diffusers name in its part, plus configs and tokenizer. */
    private Path assemble(TinySd1Cases fixture) throws Exception {
        JsonNode keyMap = new ObjectMapper().readTree(CONFIGS.resolve("key_map.json").toFile());
        Map<String, SafetensorsWriter> parts = new HashMap<>();
        try (SafetensorsFile file = SafetensorsFile.open(fixture.checkpoint())) {
            for (Iterator<Map.Entry<String, JsonNode>> it = keyMap.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                TensorEntry entry = file.require(e.getKey());
                String part = e.getValue().get(0).asText();
                String name = e.getValue().get(1).asText();
                long[] shape = entry.shape();
                if (part.equals("vae") && name.contains("attentions") && shape.length == 4) {
                    shape = new long[]{shape[0], shape[1]}; // diffusers stores the VAE attention as Linear layers
                }
                ByteBuffer bytes = file.bytes(entry);
                byte[] copy = new byte[bytes.remaining()];
                bytes.get(copy);
                parts.computeIfAbsent(part, p -> new SafetensorsWriter()).raw(name, entry.dtype().name(), shape, copy);
            }
        }
        Path root = dir.resolve("tiny-sd1-diffusers");
        parts.get("unet").write(Files.createDirectories(root.resolve("unet")).resolve("diffusion_pytorch_model.safetensors"));
        parts.get("vae").write(Files.createDirectories(root.resolve("vae")).resolve("diffusion_pytorch_model.safetensors"));
        parts.get("text_encoder").write(Files.createDirectories(root.resolve("text_encoder")).resolve("model.safetensors"));
        for (String config : List.of("unet/config.json", "vae/config.json", "text_encoder/config.json",
                "scheduler/scheduler_config.json", "model_index.json")) {
            Files.createDirectories(root.resolve(config).getParent());
            Files.copy(CONFIGS.resolve(config), root.resolve(config));
        }
        Path tokenizer = Files.createDirectories(root.resolve("tokenizer"));
        for (String name : List.of("vocab.json", "merges.txt", "special_tokens_map.json", "tokenizer_config.json")) {
            Files.copy(Path.of("src/test/models/clip-tokenizer").resolve(name), tokenizer.resolve(name));
        }
        return root;
    }

    @Test
    void reproducesTheFixtureCases() throws Exception {
        TinySd1Cases fixture = TinySd1Cases.require();
        Path folder = assemble(fixture);
        try (Engine engine = Engine.open(folder, CPU)) {
            assertEquals("SD 1.x, epsilon prediction (scheduler_config.json)", engine.modelKind());
            assertEquals("tiny-sd1-diffusers", engine.model().name());
            for (String name : List.of("t2i_euler_a", "t2i_clip_skip2", "i2i_euler")) {
                JsonNode c = fixture.find(name);
                GenerationRequest.Builder request = CheckpointConformanceTest.request(c);
                if (c.has("init")) {
                    request.initImage(new InitImage(ImageLoader.loadRgb(fixture.dir().resolve("init_" + name + ".png")),
                            c.get("strength").asDouble(), ResizeMode.JUST_RESIZE));
                }
                GeneratedImage image = engine.generate(request.build(), null, null).images().get(0);
                TinySd1Cases.assertLatentsMatch(TinySd1Cases.latents(c), image.latents(), name);
                TinySd1Cases.assertImageMatches(fixture.expectedImage(name), image.image(), 2, name);
            }
        }
    }

    @Test
    void aFolderWithPickleWeightsOnlyIsRefusedByPart() throws Exception {
        TinySd1Cases fixture = TinySd1Cases.require();
        Path folder = assemble(fixture);
        Files.move(folder.resolve("vae/diffusion_pytorch_model.safetensors"),
                folder.resolve("vae/diffusion_pytorch_model.bin"));
        ModelException e = assertThrows(ModelException.class, () -> Engine.open(folder, CPU).close());
        assertTrue(e.getMessage().contains("vae/diffusion_pytorch_model.safetensors")
                && e.getMessage().contains("never reads .bin"), e.getMessage());
    }

    @Test
    void sd2HeadCountsFromDiffusersConfigsBecomeHeadWidths() throws Exception {
        JsonNode sd21 = new ObjectMapper().readTree("{\"in_channels\": 4, \"out_channels\": 4, \"block_out_channels\":"
                + " [320, 640, 1280, 1280], \"layers_per_block\": 2, \"down_block_types\": [\"CrossAttnDownBlock2D\","
                + " \"CrossAttnDownBlock2D\", \"CrossAttnDownBlock2D\", \"DownBlock2D\"], \"cross_attention_dim\": 1024,"
                + " \"attention_head_dim\": [5, 10, 20, 20], \"use_linear_projection\": true}");
        UnetConfig config = DiffusersFolder.unetConfig(sd21, dir);
        assertEquals(new UnetConfig(4, 4, 320, new int[]{1, 2, 4, 4}, 2, new int[]{0, 1, 2}, 1024, -1, 64, 1, true, 0),
                config);
    }
}
