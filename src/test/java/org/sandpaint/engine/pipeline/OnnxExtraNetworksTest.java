package org.sandpaint.engine.pipeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sandpaint.engine.Engine;
import org.sandpaint.engine.EngineOptions;
import org.sandpaint.engine.GenerationRequest;
import org.sandpaint.engine.GenerationResult;
import org.sandpaint.engine.checkpoint.TestSafetensors;
import org.sandpaint.engine.Device;
import org.sandpaint.engine.Sampler;
import org.sandpaint.testing.TestModels;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An ONNX model (token ids only) says so when a prompt calls an embedding or a LoRA, and reads it as words. */
class OnnxExtraNetworksTest {

    @Test
    void embeddingsAndLorasInPromptsGiveWarningsNotSilentChanges(@TempDir Path dir) throws Exception {
        try (Engine engine = Engine.open(TestModels.folder("tiny-optimum"), EngineOptions.defaults().withDevice(Device.CPU))) {
            GenerationResult plain = run(engine, "a tinyemb circle");
            assertEquals(List.of(), plain.warnings());
            int width = 16; // the tiny text encoder's width
            new TestSafetensors().filled("emb_params", 0.5f, 2, width).write(dir.resolve("tinyemb.safetensors"));
            engine.useEmbeddings(dir);

            GenerationResult named = run(engine, "a tinyemb circle <lora:ink:0.5>");
            assertEquals(2, named.warnings().size(), named.warnings().toString());
            assertTrue(named.warnings().get(0).contains("LoRAs need a .safetensors checkpoint"), named.warnings().get(0));
            assertTrue(named.warnings().get(1).contains("tinyemb") && named.warnings().get(1).contains(".safetensors checkpoint"),
                    named.warnings().get(1));
            assertArrayEquals(plain.images().get(0).latents(), named.images().get(0).latents());
            assertEquals(java.util.Optional.empty(), named.images().get(0).infotext().get("TI hashes"));
        }
    }

    private static GenerationResult run(Engine engine, String prompt) throws Exception {
        return engine.generate(GenerationRequest.builder(prompt).seed(5).steps(2).sampler(Sampler.EULER)
                .size(64, 64).build(), null, null);
    }
}
