package org.sandpaint.engine.checkpoint.vae;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sandpaint.engine.checkpoint.SafetensorsFile;
import org.sandpaint.engine.checkpoint.TestSafetensors;
import org.sandpaint.engine.ModelException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class VaeFileTest {

    @TempDir
    Path tmp;

    private Path checkpoint() throws Exception {
        return new TestSafetensors()
                .filled("first_stage_model.decoder.conv_in.weight", 1f, 2, 4, 3, 3)
                .filled("first_stage_model.post_quant_conv.weight", 1f, 4, 4, 1, 1)
                .filled("first_stage_model.loss.logvar", 0f)
                .filled("model.diffusion_model.out.2.weight", 3f, 2)
                .write(tmp.resolve("model.safetensors"));
    }

    @Test
    void replacesOnlyTheVaeKeysOfAFittingCheckpoint() throws Exception {
        Path vaePath = new TestSafetensors()
                .filled("decoder.conv_in.weight", 5f, 2, 4, 3, 3)
                .filled("post_quant_conv.weight", 6f, 4, 4, 1, 1)
                .write(tmp.resolve("good.safetensors"));
        try (SafetensorsFile model = SafetensorsFile.open(checkpoint()); VaeFile vae = VaeFile.open(vaePath)) {
            vae.checkFits(model.tensors());
            var weights = vae.over(model::floats);
            assertEquals(5f, weights.values("first_stage_model.decoder.conv_in.weight")[0]);
            assertArrayEquals(new float[]{3f, 3f}, weights.values("model.diffusion_model.out.2.weight"));
        }
    }

    @Test
    void aVaeOfOtherShapesNamesTheWeightAndBothShapes() throws Exception {
        Path vaePath = new TestSafetensors()
                .filled("decoder.conv_in.weight", 5f, 8, 4, 3, 3)
                .filled("post_quant_conv.weight", 6f, 4, 4, 1, 1)
                .write(tmp.resolve("wide.safetensors"));
        try (SafetensorsFile model = SafetensorsFile.open(checkpoint()); VaeFile vae = VaeFile.open(vaePath)) {
            ModelException e = assertThrows(ModelException.class, () -> vae.checkFits(model.tensors()));
            assertTrue(e.getMessage().contains("wide.safetensors") && e.getMessage().contains("decoder.conv_in.weight")
                    && e.getMessage().contains("[8, 4, 3, 3]") && e.getMessage().contains("[2, 4, 3, 3]"), e.getMessage());
        }
    }

    @Test
    void refusesWhatIsNotAVaeFile() throws Exception {
        assertTrue(message(checkpoint()).contains("whole checkpoint"));
        assertTrue(message(Path.of("src/test/models/tiny-networks/loras/merge-a.safetensors")).contains("not a VAE file"));
        Path diffusers = new TestSafetensors().filled("decoder.conv_in.weight", 0, 1).filled("post_quant_conv.weight", 0, 1)
                .filled("decoder.up_blocks.0.resnets.0.conv1.weight", 0, 1).write(tmp.resolve("diffusers.safetensors"));
        assertTrue(message(diffusers).contains("diffusers' layout"));
        Path pickle = Files.writeString(tmp.resolve("old.vae.pt"), "x");
        assertTrue(message(pickle).contains("pickle") && message(pickle).contains(".safetensors version"));
    }

    @Test
    void theFixturesAlternativeVaeFitsItsCheckpoint() throws Exception {
        String shared = System.getProperty("sandpaint.shared");
        Path dir = shared == null ? null : Path.of(shared, "fixtures/tiny-sd1-checkpoint");
        assumeTrue(dir != null && Files.isDirectory(dir), "../shared/fixtures/tiny-sd1-checkpoint is absent: skipped");
        try (SafetensorsFile model = SafetensorsFile.open(dir.resolve("tiny-sd1.safetensors"));
             VaeFile vae = VaeFile.open(dir.resolve("vae/tiny-vae-alt.safetensors"))) {
            vae.checkFits(model.tensors());
        }
    }

    @Test
    void automaticPrefersTheVaeNamedAfterTheCheckpoint() throws Exception {
        Path models = Files.createDirectories(tmp.resolve("Stable-diffusion"));
        Path vaeDir = Files.createDirectories(tmp.resolve("VAE"));
        Path model = Files.writeString(models.resolve("dream.safetensors"), "");
        Files.writeString(models.resolve("other.vae.safetensors"), "");
        assertEquals(Optional.empty(), VaeResolver.resolve(VaeChoice.AUTOMATIC, model, vaeDir).file());

        Path inVaeDir = Files.writeString(vaeDir.resolve("dream-vae.safetensors"), "");
        assertEquals(Optional.of(inVaeDir), VaeResolver.resolve(VaeChoice.AUTOMATIC, model, vaeDir).file());

        Path beside = Files.writeString(models.resolve("dream.vae.safetensors"), "");
        VaeResolver.Resolution found = VaeResolver.resolve(VaeChoice.AUTOMATIC, model, vaeDir);
        assertEquals(Optional.of(beside), found.file());
        assertEquals("found near the checkpoint", found.source());

        assertEquals(Optional.empty(), VaeResolver.resolve(VaeChoice.MODELS_OWN, model, vaeDir).file());
        assertEquals(Optional.of(inVaeDir), VaeResolver.resolve(VaeChoice.file(inVaeDir), model, vaeDir).file());
    }

    @Test
    void automaticPassesOverPickleVaesWithAWarning() throws Exception {
        Path model = Files.writeString(tmp.resolve("dream.safetensors"), "");
        Files.writeString(tmp.resolve("dream.vae.pt"), "");
        VaeResolver.Resolution r = VaeResolver.resolve(VaeChoice.AUTOMATIC, model, null);
        assertEquals(Optional.empty(), r.file());
        assertEquals(1, r.warnings().size());
        assertTrue(r.warnings().get(0).contains("dream.vae.pt") && r.warnings().get(0).contains("pickle"));
        assertEquals(List.of(), VaeResolver.resolve(VaeChoice.MODELS_OWN, model, null).warnings());
    }

    private static String message(Path file) {
        return assertThrows(ModelException.class, () -> VaeFile.open(file).close()).getMessage();
    }
}
