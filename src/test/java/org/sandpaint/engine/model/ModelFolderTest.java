package org.sandpaint.engine.model;

import org.sandpaint.engine.ModelException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelFolderTest {

    @TempDir
    Path dir;

    private Path completeFolder() throws IOException {
        for (String f : new String[] {"text_encoder/model.onnx", "unet/model.onnx", "vae_decoder/model.onnx",
                "tokenizer/vocab.json", "tokenizer/merges.txt"}) {
            Path p = dir.resolve(f);
            Files.createDirectories(p.getParent());
            Files.writeString(p, "x");
        }
        return dir;
    }

    @Test
    void missingFolderIsNamed() {
        ModelException e = assertThrows(ModelException.class, () -> ModelFolder.open(dir.resolve("nope")));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void listsEveryMissingPart() throws IOException {
        Files.createDirectories(dir.resolve("unet"));
        Files.writeString(dir.resolve("unet/model.onnx"), "x");
        ModelException e = assertThrows(ModelException.class, () -> ModelFolder.open(dir));
        assertTrue(e.getMessage().contains("text_encoder/model.onnx"), e.getMessage());
        assertTrue(e.getMessage().contains("vae_decoder/model.onnx"), e.getMessage());
        assertTrue(e.getMessage().contains("tokenizer/vocab.json"), e.getMessage());
    }

    @Test
    void checkpointFilesAreNamedForWhatTheyAre() throws IOException {
        Path single = Files.writeString(dir.resolve("v1-5.safetensors"), "x");
        ModelException e = assertThrows(ModelException.class, () -> ModelFolder.open(single));
        assertTrue(e.getMessage().contains("single-file checkpoint"), e.getMessage());
        Path pickle = Files.writeString(dir.resolve("v1-5.ckpt"), "x");
        e = assertThrows(ModelException.class, () -> ModelFolder.open(pickle));
        assertTrue(e.getMessage().contains("use the .safetensors version"), e.getMessage());
    }

    @Test
    void subfolderPointsToItsParent() throws IOException {
        completeFolder();
        ModelException e = assertThrows(ModelException.class, () -> ModelFolder.open(dir.resolve("text_encoder")));
        assertTrue(e.getMessage().contains("parent folder"), e.getMessage());
    }

    @Test
    void sdxlIsRefusedClearly() throws IOException {
        completeFolder();
        Files.createDirectories(dir.resolve("text_encoder_2"));
        ModelException e = assertThrows(ModelException.class, () -> ModelFolder.open(dir));
        assertTrue(e.getMessage().contains("SDXL"), e.getMessage());
    }

    @Test
    void readsConfigAndDefaults() throws Exception {
        completeFolder();
        ModelFolder plain = ModelFolder.open(dir);
        assertEquals(0.18215f, plain.vaeScalingFactor());
        assertEquals("scaled_linear", plain.scheduler().getString("beta_schedule", ""));
        assertEquals(dir.resolve("unet/model.onnx"), plain.unetWeights());

        Files.writeString(dir.resolve("vae_decoder/config.json"), "{\"scaling_factor\": 0.13025}");
        Files.writeString(dir.resolve("unet/model.onnx_data"), "weights");
        Files.createDirectories(dir.resolve("scheduler"));
        Files.writeString(dir.resolve("scheduler/scheduler_config.json"), "{\"prediction_type\": \"v_prediction\"}");
        ModelFolder configured = ModelFolder.open(dir);
        assertEquals(0.13025f, configured.vaeScalingFactor());
        assertEquals(dir.resolve("unet/model.onnx_data"), configured.unetWeights());
        assertEquals("v_prediction", configured.scheduler().getString("prediction_type", ""));
    }

    @Test
    void nativeSizeComesFromTheVaeInPixelsOrTheUnetInLatentCells() throws Exception {
        completeFolder();
        assertEquals(512, ModelFolder.open(dir).nativeSize(), "no config: SD 1.x's size");
        Files.writeString(dir.resolve("unet/config.json"), "{\"sample_size\": 96}");
        assertEquals(768, ModelFolder.open(dir).nativeSize(), "UNet sample_size counts 8-pixel latent cells");
        Files.writeString(dir.resolve("vae_decoder/config.json"), "{\"sample_size\": 64}");
        assertEquals(64, ModelFolder.open(dir).nativeSize(), "the VAE's sample_size is in pixels and wins");
    }

    @Test
    void brokenJsonNamesTheFile() throws Exception {
        completeFolder();
        Files.createDirectories(dir.resolve("scheduler"));
        Files.writeString(dir.resolve("scheduler/scheduler_config.json"), "{not json");
        ModelException e = assertThrows(ModelException.class, () -> ModelFolder.open(dir));
        assertTrue(e.getMessage().contains("scheduler_config.json"), e.getMessage());
    }
}
