package org.sandpaint.engine.model;

import org.sandpaint.engine.Device;
import org.junit.jupiter.api.Test;
import org.sandpaint.engine.Engine;
import org.sandpaint.engine.EngineOptions;
import org.sandpaint.engine.GenerationRequest;
import org.sandpaint.engine.Sampler;
import org.sandpaint.testing.TestModels;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same tiny networks exported in the layouts users download (src/test/models/make_tiny_models.py)
 * must give the same picture: int32/int64 ids, float scalar / int64 [1] / float16 [batch] timesteps,
 * a UNet fixed to batch 1 (guidance then takes two calls), float16 tensors at every boundary, and the
 * three external-weight file names.
 */
class OnnxLayoutsTest {

    /** DDIM: integer timesteps, so an int64 timestep input loses nothing. */
    private static final GenerationRequest DDIM = GenerationRequest.builder("a red circle").seed(3).steps(5)
            .cfgScale(7).sampler(Sampler.DDIM).size(64, 64).build();

    private static float[] latents(Path model, GenerationRequest request) throws Exception {
        try (Engine engine = Engine.open(model, EngineOptions.defaults().withDevice(Device.CPU))) {
            return engine.generate(request, null, null).images().get(0).latents();
        }
    }

    private static double relativeError(float[] ours, float[] reference) {
        double maxRef = 0;
        double maxDiff = 0;
        for (int i = 0; i < ours.length; i++) {
            maxRef = Math.max(maxRef, Math.abs(reference[i]));
            maxDiff = Math.max(maxDiff, Math.abs(ours[i] - reference[i]));
        }
        return maxDiff / maxRef;
    }

    @Test
    void legacyLayoutWithFixedBatchAndInt64TimestepsMatchesOptimum() throws Exception {
        float[] reference = latents(TestModels.folder("tiny-optimum"), DDIM);
        float[] legacy = latents(TestModels.folder("tiny-legacy"), DDIM);
        assertEquals(reference.length, legacy.length);
        double error = relativeError(legacy, reference);
        assertTrue(error < 1e-5, "legacy layout differs by " + error);
    }

    @Test
    void float16LayoutMatchesWithinHalfPrecision() throws Exception {
        float[] reference = latents(TestModels.folder("tiny-optimum"), DDIM);
        float[] io16 = latents(TestModels.folder("tiny-io16"), DDIM);
        double error = relativeError(io16, reference);
        assertTrue(error < 2e-2, "io16 layout differs by " + error);
    }

    @Test
    void int64TimestepsTruncateFractionalTimestepsAsDiffusersDoes() throws Exception {
        // Euler with linspace spacing has fractional timesteps (999, 856.29, ...): an int64 UNet sees them
        // truncated, so its result must differ from the float UNet's, but only slightly.
        GenerationRequest euler = DDIM.toBuilder().sampler(Sampler.EULER).build();
        float[] reference = latents(TestModels.folder("tiny-optimum"), euler);
        float[] legacy = latents(TestModels.folder("tiny-legacy"), euler);
        double error = relativeError(legacy, reference);
        assertTrue(error > 1e-6 && error < 0.2, "expected a small truncation difference, got " + error);
    }

    @Test
    void reportsTheDeclaredShapesOfEachLayout() throws Exception {
        SessionFactory sessions = new SessionFactory(Device.CPU);
        try (StableDiffusionModel legacy = StableDiffusionModel.load(ModelFolder.open(TestModels.folder("tiny-legacy")), sessions);
             StableDiffusionModel optimum = StableDiffusionModel.load(ModelFolder.open(TestModels.folder("tiny-optimum")), sessions)) {
            assertEquals(1, legacy.unet().fixedBatch());
            assertEquals(-1, optimum.unet().fixedBatch());
            assertEquals(4, optimum.unet().inChannels());
            assertEquals(16, optimum.textEncoder().hiddenSize());
            assertEquals(ModelFolder.DEFAULT_SCALING_FACTOR, legacy.folder().vaeScalingFactor());
        }
    }
}
