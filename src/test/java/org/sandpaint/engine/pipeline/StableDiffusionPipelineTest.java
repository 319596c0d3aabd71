package org.sandpaint.engine.pipeline;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sandpaint.engine.Engine;
import org.sandpaint.engine.EngineOptions;
import org.sandpaint.engine.GeneratedImage;
import org.sandpaint.engine.GenerationControl;
import org.sandpaint.engine.GenerationRequest;
import org.sandpaint.engine.GenerationResult;
import org.sandpaint.engine.Preview;
import org.sandpaint.engine.PreviewMethod;
import org.sandpaint.engine.ProgressListener;
import org.sandpaint.engine.StepProgress;
import org.sandpaint.engine.Device;
import org.sandpaint.engine.Sampler;
import org.sandpaint.engine.SeedVariation;
import org.sandpaint.testing.TestModels;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Behaviour of a whole generation on a tiny model: previews, progress, batches, interrupt, skip. */
class StableDiffusionPipelineTest {

    private static Engine engine;

    @BeforeAll
    static void open() throws Exception {
        engine = Engine.open(TestModels.optimum(), EngineOptions.defaults().withDevice(Device.CPU));
    }

    @AfterAll
    static void close() {
        if (engine != null) {
            engine.close();
        }
    }

    private static GenerationRequest.Builder request() {
        return GenerationRequest.builder("a red circle on a blue background").seed(7).steps(6)
                .sampler(Sampler.EULER_A).size(64, 64);
    }

    /** A listener that saves each image itself gets them all, and the result does not hold them too. */
    @Test
    void listenerThatSavesImagesKeepsThemOutOfTheResult() throws Exception {
        List<Long> seen = new java.util.ArrayList<>();
        org.sandpaint.engine.ProgressListener saver = new org.sandpaint.engine.ProgressListener() {
            @Override
            public void onImage(org.sandpaint.engine.GeneratedImage image) {
                seen.add(image.seed());
            }

            @Override
            public boolean keepImagesInResult() {
                return false;
            }
        };
        var result = engine.generate(request().steps(2).batchSize(2).batchCount(3).build(), saver, null);
        assertEquals(List.of(7L, 8L, 9L, 10L, 11L, 12L), seen);
        assertTrue(result.images().isEmpty());
        assertEquals(6, engine.generate(request().steps(2).batchSize(2).batchCount(3).build(), null, null)
                .images().size());
    }

    @Test
    void previewsNeverChangeTheResult() throws Exception {
        float[] plain = engine.generate(request().build(), null, null).images().get(0).latents();
        Recorder recorder = new Recorder();
        float[] previewed = engine.generate(request().preview(2, PreviewMethod.FULL).build(), recorder, null)
                .images().get(0).latents();
        assertArrayEquals(plain, previewed);

        // Full decodes at steps 2 and 4, the cheap preview on 1, 3, 5, the final image as step 6.
        List<String> seen = recorder.previews.stream().map(p -> p.step() + (p.full() ? "F" : "c")).toList();
        assertEquals(List.of("1c", "2F", "3c", "4F", "5c", "6F"), seen);
        assertEquals(64, recorder.previews.get(1).images().get(0).getWidth());
        assertEquals(8, recorder.previews.get(0).images().get(0).getWidth(), "cheap previews are at latent size");
        assertEquals(6, recorder.steps.size());
        assertEquals(1.0, recorder.steps.get(5).fraction(), 1e-9);
    }

    @Test
    void cheapMethodOnlyUsesTheLinearPreview() throws Exception {
        Recorder recorder = new Recorder();
        engine.generate(request().preview(3, PreviewMethod.APPROX_CHEAP).build(), recorder, null);
        List<String> seen = recorder.previews.stream().map(p -> p.step() + (p.full() ? "F" : "c")).toList();
        assertEquals(List.of("3c", "6F"), seen);
    }

    @Test
    void batchImagesEqualSingleRunsWithConsecutiveSeeds() throws Exception {
        GenerationResult batch = engine.generate(request().batchSize(2).batchCount(2).build(), null, null);
        assertEquals(4, batch.images().size());
        for (int i = 0; i < 4; i++) {
            GeneratedImage single = engine.generate(request().seed(7 + i).build(), null, null).images().get(0);
            assertEquals(7 + i, batch.images().get(i).seed());
            float[] a = batch.images().get(i).latents();
            float[] b = single.latents();
            double worst = 0;
            for (int k = 0; k < a.length; k++) {
                worst = Math.max(worst, Math.abs(a[k] - b[k]));
            }
            assertTrue(worst < 1e-3, "image " + i + " differs from its single run by " + worst);
        }
    }

    @Test
    void differentSeedsGiveDifferentImagesAndTheSameSeedTheSame() throws Exception {
        float[] a = engine.generate(request().build(), null, null).images().get(0).latents();
        float[] b = engine.generate(request().build(), null, null).images().get(0).latents();
        float[] c = engine.generate(request().seed(8).build(), null, null).images().get(0).latents();
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
    }

    @Test
    void guidanceOffSkipsTheNegativePrompt() throws Exception {
        float[] one = engine.generate(request().cfgScale(1).negativePrompt("green").build(), null, null)
                .images().get(0).latents();
        float[] other = engine.generate(request().cfgScale(1).negativePrompt("purple").build(), null, null)
                .images().get(0).latents();
        assertArrayEquals(one, other, "without guidance the negative prompt plays no part");
        float[] guided = engine.generate(request().cfgScale(5).negativePrompt("purple").build(), null, null)
                .images().get(0).latents();
        assertFalse(Arrays.equals(one, guided));
    }

    @Test
    void interruptKeepsThePartialImageAndTheEngineStaysUsable() throws Exception {
        GenerationControl control = new GenerationControl();
        Recorder recorder = new Recorder() {
            @Override
            public void onStep(StepProgress progress) {
                super.onStep(progress);
                if (progress.step() == 2) {
                    control.interrupt();
                }
            }
        };
        GenerationResult result = engine.generate(request().steps(20).batchCount(3).build(), recorder, control);
        assertTrue(result.interrupted());
        assertEquals(1, result.images().size(), "the running batch is kept, later ones do not start");
        assertTrue(result.images().get(0).interrupted());
        assertEquals(2, recorder.steps.size());
        assertEquals(64, result.images().get(0).image().getWidth());

        GenerationResult after = engine.generate(request().build(), null, null);
        assertFalse(after.interrupted());
        assertEquals(1, after.images().size());
    }

    @Test
    void skipAbandonsTheCurrentBatchOnly() throws Exception {
        GenerationControl control = new GenerationControl();
        Recorder recorder = new Recorder() {
            @Override
            public void onStep(StepProgress progress) {
                super.onStep(progress);
                if (progress.batchIndex() == 0 && progress.step() == 1) {
                    control.skip();
                }
            }
        };
        GenerationResult result = engine.generate(request().batchCount(2).build(), recorder, control);
        assertFalse(result.interrupted());
        assertEquals(1, result.images().size());
        assertEquals(8, result.images().get(0).seed(), "the second batch (seed + 1) still runs");
    }

    @Test
    void infotextDescribesTheImage() throws Exception {
        GeneratedImage image = engine.generate(request().negativePrompt("blurry").cfgScale(7.5).build(), null, null)
                .images().get(0);
        String text = image.infotext().format();
        assertTrue(text.startsWith("a red circle on a blue background\nNegative prompt: blurry\n"), text);
        assertTrue(text.contains("Steps: 6, Sampler: Euler a, CFG scale: 7.5, Seed: 7, Size: 64x64, Model hash: "), text);
        assertTrue(text.contains("RNG: CPU"), text);
        assertFalse(text.contains("Clip skip"), "CLIP skip 1 is not written, as in the WebUI");
    }

    /**
     * End to end with the deterministic Euler: a full-strength variation starts from the variation seed's
     * noise, so it ends where that seed does; in a batch every image keeps the seed and counts the variation
     * seed; a seed resize to the picture's own size changes nothing.
     */
    @Test
    void variationSeedsReachTheLatents() throws Exception {
        GenerationRequest.Builder euler = request().sampler(Sampler.EULER);
        float[] seedNine = engine.generate(euler.seed(9).build(), null, null).images().get(0).latents();
        float[] full = engine.generate(euler.seed(7).variation(new SeedVariation(9, 1, 0, 0)).build(), null, null)
                .images().get(0).latents();
        for (int k = 0; k < full.length; k++) {
            assertEquals(seedNine[k], full[k], 1e-4);
        }
        GenerationResult batch = engine.generate(euler.seed(7).variation(new SeedVariation(9, 0.3, 0, 0)).batchSize(2)
                .build(), null, null);
        float[] second = engine.generate(euler.seed(7).variation(new SeedVariation(10, 0.3, 0, 0)).batchSize(1)
                .build(), null, null).images().get(0).latents();
        assertEquals(7, batch.images().get(1).seed());
        assertTrue(batch.images().get(1).infotext().format().contains("Variation seed: 10, Variation seed strength: 0.3"));
        float[] inBatch = batch.images().get(1).latents();
        for (int k = 0; k < second.length; k++) {
            assertEquals(second[k], inBatch[k], 1e-3);
        }
        float[] plain = engine.generate(euler.seed(7).variation(SeedVariation.NONE).build(), null, null)
                .images().get(0).latents();
        float[] sameSize = engine.generate(euler.seed(7).variation(new SeedVariation(-1, 0, 64, 64)).build(), null, null)
                .images().get(0).latents();
        assertArrayEquals(plain, sameSize);
    }

    @Test
    void everySamplerProducesFiniteLatents() throws Exception {
        for (Sampler sampler : Sampler.values()) {
            float[] latents = engine.generate(request().sampler(sampler).steps(4).build(), null, null)
                    .images().get(0).latents();
            for (float v : latents) {
                assertTrue(Float.isFinite(v), sampler + " produced " + v);
            }
        }
    }

    private static class Recorder implements ProgressListener {
        final List<StepProgress> steps = new ArrayList<>();
        final List<Preview> previews = new ArrayList<>();

        @Override
        public void onStep(StepProgress progress) {
            steps.add(progress);
        }

        @Override
        public void onPreview(Preview preview) {
            previews.add(preview);
        }
    }
}
