package org.sandpaint.engine.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sandpaint.engine.Engine;
import org.sandpaint.engine.ExtraNetworkFiles;
import org.sandpaint.engine.ModelInfo;
import org.sandpaint.engine.EngineOptions;
import org.sandpaint.engine.GeneratedImage;
import org.sandpaint.engine.GenerationResult;
import org.sandpaint.engine.checkpoint.lora.LoraFolder;
import org.sandpaint.engine.checkpoint.lora.LoraRequest;
import org.sandpaint.engine.Device;
import org.sandpaint.engine.text.LoraTags;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tiny-sd1 fixture's LoRA, embedding and VAE cases (../shared/fixtures/tiny-sd1-checkpoint) against
 * diffusers' latents and pictures: the LoRA merged at 0.8 and -0.5, the embedding's vectors in the prompt,
 * and the pictures decoded by the stand-alone VAE.
 */
class ExtraNetworksConformanceTest {

    private static TinySd1Cases fixture;

    @BeforeAll
    static void open() throws Exception {
        fixture = TinySd1Cases.require();
    }

    @Test
    void loraAtPointEight() throws Exception {
        checkLora("t2i_lora");
    }

    @Test
    void loraAtANegativeWeight() throws Exception {
        checkLora("t2i_lora_negative_weight");
    }

    @Test
    void embeddingInThePrompt() throws Exception {
        JsonNode c = fixture.find("t2i_embedding");
        try (Engine engine = Engine.open(fixture.checkpoint(), options())) {
            assertEquals(List.of(), engine.useEmbeddings(fixture.dir().resolve(c.get("embeddings_dir").asText())));
            GenerationResult result = engine.generate(CheckpointConformanceTest.request(c).build(), null, null);
            assertEquals(List.of(), result.warnings());
            GeneratedImage image = check(c, result);
            String hash = NetworkHashes.embeddingShortHash(fixture.dir().resolve("embeddings/tinyemb.safetensors"));
            assertEquals(Optional.of("tinyemb: " + hash), image.infotext().get("TI hashes"));
            // the counter counts 2 vectors where the name has 3 tokens
            String prompt = c.get("prompt").asText();
            assertEquals(PromptChunkerCount.plain(engine, prompt) - 1, Integer.parseInt(engine.tokenCounter(prompt).split("/")[0]));
        }
    }

    @Test
    void embeddingInsidePromptEditingAndAndPartsThroughTheApi() throws Exception {
        JsonNode c = fixture.find("t2i_embedding");
        List<String> warnings = new ArrayList<>();
        ExtraNetworkFiles files = new ExtraNetworkFiles("none", null,
                fixture.dir().resolve(c.get("embeddings_dir").asText()));
        try (Engine engine = Engine.open(ModelInfo.check(fixture.checkpoint()), options(), files, "", warnings)) {
            assertEquals(List.of(), warnings);
            // The edit never takes effect within 8 steps: every step reads the fixture's own text.
            GenerationResult edited = engine.generate(CheckpointConformanceTest.request(c)
                    .prompt("a portrait of [tinyemb:someone else:99], highly detailed").build(), null, null);
            assertEquals(List.of(), edited.warnings());
            GeneratedImage image = check(c, edited);
            String hash = NetworkHashes.embeddingShortHash(fixture.dir().resolve("embeddings/tinyemb.safetensors"));
            assertEquals(Optional.of("tinyemb: " + hash), image.infotext().get("TI hashes"));
            // Two halves of the same text (encoded once) guide as the whole text does.
            String text = c.get("prompt").asText();
            GenerationResult halves = engine.generate(CheckpointConformanceTest.request(c)
                    .prompt(text + " :0.5 AND " + text + " :0.5").build(), null, null);
            TinySd1Cases.assertLatentsMatch(TinySd1Cases.latents(c), halves.images().get(0).latents(), "AND halves");
            assertEquals(Optional.of("tinyemb: " + hash), halves.images().get(0).infotext().get("TI hashes"));
        }
    }

    @Test
    void standAloneVae() throws Exception {
        JsonNode c = fixture.find("t2i_alt_vae");
        Checkpoint checkpoint = Checkpoint.open(fixture.checkpoint(), CheckpointOverrides.NONE);
        ExtraNetworks extras = ExtraNetworks.open(checkpoint, Optional.of(fixture.dir().resolve(c.get("vae").asText())),
                new LoraFolder(fixture.dir().resolve("loras")), List.of(), new ArrayList<>());
        try (Engine engine = Engine.open(checkpoint, extras, options())) {
            check(c, engine.generate(CheckpointConformanceTest.request(c).build(), null, null));
        }
    }

    @Test
    void promptsSwitchLorasInALoadedEngineAndSwitchingBackRestoresTheWeights() throws Exception {
        JsonNode plus = fixture.find("t2i_lora");
        JsonNode minus = fixture.find("t2i_lora_negative_weight");
        float[] without;
        String plainPrompt = LoraTags.strip(plus.get("prompt").asText()).prompt();
        try (Engine plain = Engine.open(fixture.checkpoint(), options())) {
            without = plain.generate(CheckpointConformanceTest.request(plus).prompt(plainPrompt).build(), null, null)
                    .images().get(0).latents();
        }
        Checkpoint checkpoint = Checkpoint.open(fixture.checkpoint(), CheckpointOverrides.NONE);
        ExtraNetworks extras = ExtraNetworks.open(checkpoint, Optional.empty(), new LoraFolder(fixture.dir().resolve("loras")),
                List.of(), new ArrayList<>());
        try (Engine engine = Engine.open(checkpoint, extras, options())) {
            check(plus, engine.generate(CheckpointConformanceTest.request(plus).build(), null, null));
            check(minus, engine.generate(CheckpointConformanceTest.request(minus).build(), null, null));
            GenerationResult back = engine.generate(CheckpointConformanceTest.request(plus).prompt(plainPrompt).build(), null, null);
            assertArrayEquals(without, back.images().get(0).latents());
            assertEquals(Optional.empty(), back.images().get(0).infotext().get("Lora hashes"));
            assertEquals(java.util.Map.of(), extras.loraHashes());
        }
    }

    private static void checkLora(String name) throws Exception {
        JsonNode c = fixture.find(name);
        List<String> warnings = new ArrayList<>();
        Checkpoint checkpoint = Checkpoint.open(fixture.checkpoint(), CheckpointOverrides.NONE);
        List<LoraRequest> requests = LoraRequest.fromTags(LoraTags.strip(c.get("prompt").asText()).tags());
        ExtraNetworks extras = ExtraNetworks.open(checkpoint, Optional.empty(),
                new LoraFolder(fixture.dir().resolve(c.get("lora_dir").asText())), requests, warnings);
        try (Engine engine = Engine.open(checkpoint, extras, options())) {
            GenerationResult result = engine.generate(CheckpointConformanceTest.request(c).build(), null, null);
            assertEquals(List.of(), warnings);
            assertEquals(List.of(), result.warnings());
            GeneratedImage image = check(c, result);
            String hash = extras.loraHashes().get("tiny-style");
            assertEquals(12, hash.length());
            assertEquals(Optional.of("tiny-style: " + hash), image.infotext().get("Lora hashes"));
            assertTrue(image.infotext().format().contains("Lora hashes: \"tiny-style: " + hash + "\""));
        }
    }

    private static GeneratedImage check(JsonNode c, GenerationResult result) throws Exception {
        String name = c.get("name").asText();
        GeneratedImage image = result.images().get(0);
        TinySd1Cases.assertLatentsMatch(TinySd1Cases.latents(c), image.latents(), name);
        TinySd1Cases.assertImageMatches(fixture.expectedImage(name), image.image(), 2, name);
        return image;
    }

    private static EngineOptions options() {
        return EngineOptions.defaults().withDevice(Device.CPU);
    }

    /** The token count of a prompt read as plain text (no embeddings). */
    private static final class PromptChunkerCount {
        static int plain(Engine engine, String prompt) throws Exception {
            return Engine.tokenize(org.sandpaint.engine.ModelInfo.check(fixture.checkpoint()), prompt).length - 2;
        }
    }
}
