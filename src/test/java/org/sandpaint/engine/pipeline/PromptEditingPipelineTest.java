package org.sandpaint.engine.pipeline;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sandpaint.engine.Engine;
import org.sandpaint.engine.EngineOptions;
import org.sandpaint.engine.GenerationRequest;
import org.sandpaint.engine.GenerationResult;
import org.sandpaint.engine.Device;
import org.sandpaint.engine.model.ModelFolder;
import org.sandpaint.engine.model.SessionFactory;
import org.sandpaint.engine.model.StableDiffusionModel;
import org.sandpaint.engine.model.UnetRun;
import org.sandpaint.engine.Sampler;
import org.sandpaint.engine.scheduler.SamplerSchedulers;
import org.sandpaint.engine.scheduler.Scheduler;
import org.sandpaint.engine.text.ScheduleTiming;
import org.sandpaint.testing.TestModels;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Prompt editing, alternation and AND through the whole engine, against denoising loops built here from
 * the engine's lower-level pieces (text encoder, UNet, scheduler) with the conditioning chosen by hand.
 */
class PromptEditingPipelineTest {

    private static final int STEPS = 4;
    private static final long SEED = 5;
    private static final double CFG = 7;
    private static final String NEGATIVE = "blurry";

    private static Engine engine;
    private static StableDiffusionModel model;

    @BeforeAll
    static void open() throws Exception {
        engine = Engine.open(TestModels.optimum(), EngineOptions.defaults().withDevice(Device.CPU));
        model = StableDiffusionModel.load(ModelFolder.open(TestModels.optimum()), new SessionFactory(Device.CPU));
    }

    @AfterAll
    static void close() {
        if (engine != null) {
            engine.close();
        }
        if (model != null) {
            model.close();
        }
    }

    private static GenerationResult run(String prompt) throws Exception {
        return engine.generate(GenerationRequest.builder(prompt).negativePrompt(NEGATIVE).seed(SEED).steps(STEPS)
                .cfgScale(CFG).sampler(Sampler.EULER).size(64, 64).build(), null, null);
    }

    private static float[] latents(String prompt) throws Exception {
        return run(prompt).images().get(0).latents();
    }

    /** One text encoded alone (negative prompt first, then the text), as the UNet context of one image. */
    private static float[] context(String text) throws Exception {
        PromptConditioning c = new PromptEncoder(model).encode(text, NEGATIVE, true, 1, ScheduleTiming.of(STEPS),
                new ArrayList<>());
        return c.contextFor(c.selectionAt(0), 1);
    }

    private static float[] startLatents(Scheduler scheduler) {
        float[] latents = new BatchNoise(List.of(SEED)).randn(4 * 8 * 8);
        for (int i = 0; i < latents.length; i++) {
            latents[i] *= scheduler.initNoiseSigma();
        }
        return latents;
    }

    /** Euler with guidance: UNet call k uses {@code texts[k]} as the prompt. */
    private static float[] referenceLoop(String... texts) throws Exception {
        Scheduler scheduler = SamplerSchedulers.create(Sampler.EULER, model.folder().scheduler(), STEPS);
        float[] latents = startLatents(scheduler);
        try (UnetRun unet = model.unet().begin(2, 8, 8, context(texts[0]), 77)) {
            for (int i = 0; i < STEPS; i++) {
                unet.setContext(context(texts[i]));
                float[] input = scheduler.scaleModelInput(latents, i);
                float[] prediction = unet.predict(Guidance.repeated(input, 2), scheduler.timesteps()[i]);
                float[] guided = new float[input.length];
                for (int k = 0; k < guided.length; k++) {
                    float uncond = prediction[k];
                    guided[k] = uncond + (float) CFG * (prediction[input.length + k] - uncond);
                }
                latents = scheduler.step(guided, i, latents, new BatchNoise(List.of(SEED))).prevSample();
            }
        }
        return latents;
    }

    @Test
    void theReferenceLoopIsTheEnginesPlainRun() throws Exception {
        assertArrayEquals(latents("red"), referenceLoop("red", "red", "red", "red"));
    }

    @Test
    void conditioningSwitchesAtTheWebUisStep() throws Exception {
        // 4 steps, [red:blue:0.5]: change point 2; the WebUI's denoiser counts calls 0, 1, 2, 3 and uses
        // "red" while the count is <= 2, so three calls see red and the last one blue.
        float[] edited = latents("[red:blue:0.5]");
        assertArrayEquals(referenceLoop("red", "red", "red", "blue"), edited);
        assertFalse(Arrays.equals(referenceLoop("red", "red", "blue", "blue"), edited));
        assertArrayEquals(edited, latents("[red:blue:2]"));
        assertArrayEquals(referenceLoop("blue", "blue", "red", "red"), latents("[blue:red:1]"));
        assertArrayEquals(referenceLoop("", "", "red", "red"), latents("[red:1]"));
    }

    @Test
    void alternationChangesTextEveryStep() throws Exception {
        // Change points 1, 2, 3, 4 -> texts red, blue, red, blue; calls 0 and 1 both take the first entry.
        assertArrayEquals(referenceLoop("red", "red", "blue", "red"), latents("[red|blue]"));
    }

    @Test
    void andCombinesWeightedPredictionsAsTheWebUi() throws Exception {
        // uncond + sum_i (cond_i - uncond) * (w_i * cfg), from the UNet's prediction for each text alone.
        double[] weights = {0.7, 0.5};
        Scheduler scheduler = SamplerSchedulers.create(Sampler.EULER, model.folder().scheduler(), STEPS);
        float[] latents = startLatents(scheduler);
        try (UnetRun red = model.unet().begin(2, 8, 8, context("red"), 77);
             UnetRun blue = model.unet().begin(2, 8, 8, context("blue"), 77)) {
            for (int i = 0; i < STEPS; i++) {
                float[] input = Guidance.repeated(scheduler.scaleModelInput(latents, i), 2);
                float[] p1 = red.predict(input, scheduler.timesteps()[i]);
                float[] p2 = blue.predict(input, scheduler.timesteps()[i]);
                int n = latents.length;
                float[] guided = new float[n];
                for (int k = 0; k < n; k++) {
                    double uncond = p1[k];
                    guided[k] = (float) (uncond + (p1[n + k] - uncond) * weights[0] * CFG
                            + (p2[n + k] - uncond) * weights[1] * CFG);
                }
                latents = scheduler.step(guided, i, latents, new BatchNoise(List.of(SEED))).prevSample();
            }
        }
        float[] ours = latents("red :0.7 AND blue:0.5");
        double worst = 0;
        double scale = 0;
        for (int k = 0; k < ours.length; k++) {
            worst = Math.max(worst, Math.abs(ours[k] - latents[k]));
            scale = Math.max(scale, Math.abs(latents[k]));
        }
        assertTrue(worst / scale < 1e-5, "relative difference " + worst / scale);
        assertFalse(Arrays.equals(ours, latents("red :0.5 AND blue:0.7")));

        GenerationResult absurd = run("red AND blue :" + "9".repeat(400));
        assertArrayEquals(latents("red AND blue :100"), absurd.images().get(0).latents());
        assertTrue(absurd.warnings().size() == 1 && absurd.warnings().get(0).contains("limited to 100"),
                absurd.warnings().toString());
    }

    @Test
    void eachDistinctTextIsEncodedOnce() throws Exception {
        PromptConditioning c = new PromptEncoder(model).encode("[red|blue] AND[blue|red]AND red:0.5", NEGATIVE,
                true, 1, ScheduleTiming.of(10), new ArrayList<>());
        assertEquals(4, c.distinctTexts()); // red, blue, " red" (a part keeps its leading space), blurry
        assertEquals(4, c.conditionsPerImage());
        assertArrayEquals(new double[] {1, 1, 0.5}, c.weights());
        // A single unweighted part without guidance needs no negative prompt.
        PromptConditioning plain = new PromptEncoder(model).encode("[red:blue:0.5]", NEGATIVE, false, 1,
                ScheduleTiming.of(10), new ArrayList<>());
        assertFalse(plain.combined());
        assertEquals(2, plain.distinctTexts());
    }

    @Test
    void unreadSyntaxIsWarnedAboutNotChanged() throws Exception {
        assertEquals(List.of(), run("[red:blue:0.5]").warnings());
        List<String> warnings = run("[red:blue:0.5x]").warnings();
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("[red:blue:0.5x]") && warnings.get(0).contains("kept as text"), warnings.get(0));

        warnings = run("a | b [red:blue:1]").warnings();
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("used as written"), warnings.get(0));

        // (Without the " x", ":0.5" would be the part's AND weight, as in the WebUI.)
        warnings = run("a [red:blue:0.5 x").warnings();
        assertTrue(warnings.size() == 1 && warnings.get(0).contains("[red:blue:0.5 x"), warnings.toString());
        warnings = engine.generate(GenerationRequest.builder("red").negativePrompt("[x:y:1").seed(SEED).steps(2)
                .size(64, 64).build(), null, null).warnings();
        assertTrue(warnings.size() == 1 && warnings.get(0).startsWith("Negative prompt:"), warnings.toString());
    }

    @Test
    void tokenCounterShowsTheLongestScheduledText() {
        String longText = "red, ".repeat(40);
        String counted = engine.tokenCounter(longText);
        assertEquals(counted, engine.tokenCounter("[" + longText + ":blue:0.5]"));
        assertEquals(counted, engine.tokenCounter("[blue|" + longText + "]"));
        assertEquals(counted, engine.tokenCounter("blue AND " + longText + ":0.5"));
        assertEquals(engine.tokenCounter("blue"), engine.tokenCounter("[blue:red:0.5]"));
        assertFalse(counted.equals(engine.tokenCounter("blue")));
    }

    @Test
    void hugeAndAbsurdStepNumbersKeepTheFirstText() throws Exception {
        float[] red = latents("red");
        assertArrayEquals(red, latents("[red:blue:1e999]"));
        assertArrayEquals(red, latents("[red:blue:99999999999999999999999]"));
        assertArrayEquals(red, latents("[red:blue:1.0e999]"));
        assertArrayEquals(latents("blue"), latents("[red:blue:-1e999]"));
        assertEquals(List.of(), run("[red:blue:1e999]").warnings());
    }
}
