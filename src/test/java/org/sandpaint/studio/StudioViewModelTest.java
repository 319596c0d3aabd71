package org.sandpaint.studio;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sandpaint.engine.GenerationRequest;
import org.sandpaint.engine.Inpaint;
import org.sandpaint.engine.PreviewMethod;
import org.sandpaint.engine.image.PngText;
import org.sandpaint.engine.Device;
import org.sandpaint.engine.Sampler;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The studio's view models on a fake engine: no window, no model, no waiting (events run in line). */
class StudioViewModelTest {

    @TempDir
    Path data;

    private final FakeEngineService engine = new FakeEngineService();
    private StudioViewModel vm;
    private ParametersViewModel p;

    @BeforeEach
    void create() {
        vm = new StudioViewModel(engine, Runnable::run, new History(data.resolve("history.json")), data.resolve("outputs"));
        p = vm.parameters();
    }

    private void loadModel(String name) {
        vm.model().load(data.resolve(name));
        assertNotNull(vm.model().loadedProperty().get(), vm.errorProperty().get());
    }

    @Test
    void generatesWithTheChosenSettingsSavesEachPictureAndReportsProgress() throws Exception {
        loadModel("tiny");
        assertEquals("tiny on CPU", vm.model().modelNameProperty().get());
        assertEquals("Sandpaint Studio - tiny", vm.titleProperty().get(), "the title names the active model");
        p.promptProperty().set("a red circle");
        assertEquals("3/75", p.promptTokensProperty().get());
        p.stepsProperty().set(4);
        p.seedTextProperty().set("7");
        p.batchCountProperty().set(2);
        p.widthProperty().set(64);
        p.heightProperty().set(64);
        assertTrue(vm.canGenerateProperty().get());
        List<String> titles = new CopyOnWriteArrayList<>();
        vm.titleProperty().addListener((obs, old, title) -> titles.add(title));

        vm.generate();
        assertTrue(vm.jobs().runningProperty().get());
        GenerationRequest sent = engine.submitted().get(0);
        assertEquals(List.of("a red circle", 4, 7L, 64, 2), List.of(sent.prompt(), sent.steps(), sent.seed(),
                sent.width(), sent.batchCount()));
        engine.runNext();

        assertFalse(vm.jobs().runningProperty().get());
        assertEquals("", vm.errorProperty().get());
        assertEquals(2, vm.jobs().results().size());
        assertTrue(titles.contains("75% step 2/4 ETA 0s - Sandpaint Studio - tiny"), titles.toString());
        assertEquals("Sandpaint Studio - tiny", vm.titleProperty().get());
        assertTrue(vm.statusProperty().get().startsWith("Done: 2 image(s) in 2.0 s."), vm.statusProperty().get());
        assertEquals(1.0, vm.jobs().progressProperty().get(), 1e-9);
        assertEquals(List.of(2, 4), vm.jobs().checkpoints().stream().map(JobsViewModel.Checkpoint::step).toList());
        vm.jobs().showCheckpoint(0);
        assertEquals(vm.jobs().checkpoints().get(0).image(), vm.jobs().previewImageProperty().get());

        // Each picture saved with its parameters, and remembered in the history across restarts.
        assertEquals(2, vm.history().entries().size());
        Path saved = Path.of(vm.history().entries().get(0).file());
        assertEquals(vm.history().outputFolderProperty().get().resolve("7.png"), saved);
        assertTrue(PngText.read(saved).get("parameters").contains("Seed: 7"));
        assertEquals(2, new History(data.resolve("history.json")).entries().size());

        p.randomSeed();
        assertEquals("-1", p.seedTextProperty().get());
        vm.reuseLastSeed();
        assertEquals("7", p.seedTextProperty().get());
    }

    @Test
    void eachFieldSaysWhatIsWrongAndGenerateWaitsUntilAllAreRight() {
        loadModel("tiny");
        p.widthProperty().set(100);
        assertTrue(p.widthCheck().messageProperty().get().contains("multiple of 8"));
        assertEquals(p.widthCheck().messageProperty().get(), p.validationProperty().get());
        assertFalse(vm.canGenerateProperty().get());
        vm.generate();
        assertTrue(engine.submitted().isEmpty(), "an invalid job is never sent");
        p.widthProperty().set(512);
        p.seedTextProperty().set("twelve");
        assertTrue(p.seedCheck().messageProperty().get().contains("Seed"));
        assertTrue(p.widthCheck().isValid());
        p.seedTextProperty().set("12");
        p.stepsProperty().set(151);
        assertEquals("Steps must be between 1 and 150, got 151.", p.stepsCheck().messageProperty().get());
        p.stepsProperty().set(20);
        p.clipSkipProperty().set(13);
        assertEquals("CLIP skip must be between 1 and 12 (1 = last layer), got 13.", p.validationProperty().get());
        p.clipSkipProperty().set(2);
        assertEquals("", p.validationProperty().get());
        assertTrue(vm.canGenerateProperty().get());
        p.heightProperty().set(768);
        p.swapSize();
        assertEquals(768, p.widthProperty().get());
        assertEquals(512, p.heightProperty().get());
    }

    @Test
    void aBadModelFolderShowsAMessageAndNothingElseChanges() {
        vm.model().load(Path.of("/nonexistent/broken-model"));
        assertTrue(vm.errorProperty().get().contains("not a model folder"), vm.errorProperty().get());
        assertEquals("The model could not be loaded.", vm.statusProperty().get());
        assertFalse(vm.canGenerateProperty().get());
    }

    @Test
    void aFolderThatFailsToOpenLeavesThePreviousModelUsable() {
        loadModel("tiny");
        p.promptProperty().set("a red circle");
        vm.model().load(data.resolve("broken-download"));
        assertTrue(vm.errorProperty().get().contains("not a model folder"), vm.errorProperty().get());
        assertEquals("The model could not be loaded; still using tiny on CPU.", vm.statusProperty().get());
        assertTrue(vm.canGenerateProperty().get(), "Generate stays enabled: the previous model is still loaded");
        assertEquals("Sandpaint Studio - tiny", vm.titleProperty().get());
        vm.generate();
        assertEquals(1, engine.submitted().size());
        engine.runNext();
        loadModel("tiny");
        assertEquals("", vm.errorProperty().get(), "a later successful load clears the load error");
    }

    @Test
    void aNewModelSetsItsOwnSizeButTheRememberedModelKeepsTheRememberedSize() {
        engine.nativeSize("small", 64);
        StudioSettings remembered = StudioSettings.defaults(data);
        vm.applySettings(new StudioSettings(data.resolve("small").toString(), remembered.outputFolder(), "", "",
                "Euler a", 20, 7.0, 1, 256, 192, 1, 1, "-1", 0, "FULL", "auto"));
        loadModel("small");
        assertEquals(256, p.widthProperty().get(), "the size chosen last time with this model stays");
        assertEquals(192, p.heightProperty().get());
        loadModel("tiny");
        assertEquals(512, p.widthProperty().get(), "another model gets its own size");
        loadModel("small");
        assertEquals(64, p.widthProperty().get(), "switching back uses the model's own size");
        assertTrue(vm.statusProperty().get().contains("64x64"), vm.statusProperty().get());
    }

    @Test
    void theTokenCounterFollowsTheLoadedModel() {
        p.promptProperty().set("a red circle");
        assertEquals("0/75", p.promptTokensProperty().get(), "no model, no tokenizer");
        loadModel("tiny");
        assertEquals("3/75", p.promptTokensProperty().get(), "counted again once a model is loaded");
        p.negativePromptProperty().set("blurry");
        assertEquals("1/75", p.negativeTokensProperty().get());
    }

    @Test
    void anInterruptedBatchKeepsEveryFinishedPicture() {
        loadModel("tiny");
        p.batchCountProperty().set(5);
        vm.generate();
        vm.jobs().interrupt();
        engine.runNext();
        assertTrue(vm.statusProperty().get().startsWith("Interrupted: 0 image(s)"), vm.statusProperty().get());

        vm.generate();
        engine.failNextAfter(3, "The GPU ran out of memory.");
        assertEquals("The GPU ran out of memory.", vm.errorProperty().get());
        assertTrue(vm.statusProperty().get().contains("the 3 picture(s) finished before are saved"), vm.statusProperty().get());
        assertEquals(3, vm.history().entries().size(), "each picture went to the history as it was decoded");
        for (History.Entry entry : vm.history().entries()) {
            assertTrue(Files.isRegularFile(Path.of(entry.file())), entry.file());
        }
    }

    @Test
    void generateWhileBusyQueuesTheJobAndRemovedJobsNeverRun() {
        loadModel("tiny");
        p.promptProperty().set("first");
        vm.generate();
        p.promptProperty().set("second");
        vm.generate();
        p.promptProperty().set("third");
        vm.generate();
        assertEquals(2, vm.jobs().queue().size());
        assertTrue(vm.statusProperty().get().startsWith("Queued: 2"), vm.statusProperty().get());
        vm.jobs().removeQueued(vm.jobs().queue().get(1));
        engine.runNext();
        assertEquals(List.of("first", "second"), engine.submitted().stream().map(GenerationRequest::prompt).toList(),
                "the next job starts when the running one ends");
        engine.runNext();
        assertEquals(0, engine.waitingJobs());
        assertTrue(vm.jobs().queue().isEmpty());
        assertFalse(vm.jobs().runningProperty().get());
    }

    @Test
    void parametersComeBackFromAWebUiPicture() throws Exception {
        String webui = "masterpiece, (castle:1.2) on a hill\nNegative prompt: blurry, lowres\n"
                + "Steps: 28, Sampler: DPM++ 2M Karras, CFG scale: 6.5, Seed: 3344, Size: 768x512, "
                + "Model hash: 45dee52b, Model: v1-5, Clip skip: 2, Version: v1.10.1";
        BufferedImage picture = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        Path png = data.resolve("webui.png");
        PngText.write(picture, Map.of("parameters", webui), png);
        vm.restoreFrom(png);
        assertEquals("masterpiece, (castle:1.2) on a hill", p.promptProperty().get());
        assertEquals("blurry, lowres", p.negativePromptProperty().get());
        assertEquals(28, p.stepsProperty().get());
        assertEquals(Sampler.DPMPP_2M_KARRAS, p.samplerProperty().get());
        assertEquals(6.5, p.cfgScaleProperty().get());
        assertEquals("3344", p.seedTextProperty().get());
        assertEquals(768, p.widthProperty().get());
        assertEquals(512, p.heightProperty().get());
        assertEquals(2, p.clipSkipProperty().get());

        Path plain = data.resolve("plain.png");
        PngText.write(picture, Map.of(), plain);
        vm.restoreFrom(plain);
        assertTrue(vm.statusProperty().get().contains("no generation parameters"), vm.statusProperty().get());
        vm.restoreFrom(data.resolve("missing.png"));
        assertFalse(vm.errorProperty().get().isEmpty(), "a missing file is reported, not thrown");
    }

    @Test
    void settingsSurviveARestart() {
        p.promptProperty().set("a lighthouse");
        p.stepsProperty().set(33);
        p.samplerProperty().set(Sampler.DDIM);
        p.previewMethodProperty().set(PreviewMethod.APPROX_CHEAP);
        vm.model().deviceProperty().set(Device.CPU);
        Path file = data.resolve("settings.json");
        StudioSettings saved = vm.settings();
        assertEquals("DDIM", saved.sampler());

        StudioViewModel next = new StudioViewModel(engine, Runnable::run, new History(data.resolve("history.json")), data);
        next.applySettings(saved);
        assertEquals("a lighthouse", next.parameters().promptProperty().get());
        assertEquals(33, next.parameters().stepsProperty().get());
        assertEquals(Sampler.DDIM, next.parameters().samplerProperty().get());
        assertEquals(PreviewMethod.APPROX_CHEAP, next.parameters().previewMethodProperty().get());
        assertEquals(Device.CPU, next.model().deviceProperty().get());
        assertEquals(data.resolve("outputs"), next.history().outputFolderProperty().get());
    }

    /** What StudioApp.start does with the data folder, on the files that used to stop the studio starting. */
    @Test
    void theStudioStartsWhateverItsFilesHold() throws Exception {
        String[][] files = {
                {"null", "null"},
                {"[{\"file\":\"a\\u0000b.png\",\"parameters\":\"x\",\"createdMillis\":1}]",
                        "{\"modelFolder\":\"/m\\u0000\",\"outputFolder\":\"/o\\u0000\"}"},
                {"[null, {\"file\":null}]", "{\"steps\":null,\"device\":7}"}};
        for (String[] content : files) {
            Path folder = Files.createTempDirectory(data, "data");
            Files.writeString(folder.resolve("history.json"), content[0]);
            Files.writeString(folder.resolve("settings.json"), content[1]);
            List<String> warnings = new java.util.ArrayList<>();
            History history = new History(folder.resolve("history.json"), warnings::add);
            StudioSettings settings = StudioSettings.load(folder.resolve("settings.json"), folder.resolve("outputs"),
                    warnings::add);
            StudioViewModel started = new StudioViewModel(engine, Runnable::run, history, folder.resolve("outputs"));
            started.applySettings(settings);
            warnings.forEach(started::warn);
            assertTrue(started.history().entries().isEmpty());
            assertEquals(folder.resolve("outputs"), started.history().outputFolderProperty().get(), content[1]);
            assertTrue(StudioApp.initialModel(List.of(), settings).map(m -> !m.toString().contains("\u0000")).orElse(true));
            assertTrue(started.errorProperty().get().contains("history file was damaged")
                    && started.errorProperty().get().contains("settings file"), started.errorProperty().get());
        }
    }

    @Test
    void settingsThatAreNoPathsAreIgnored() {
        Path outputs = vm.history().outputFolderProperty().get();
        vm.applySettings(new StudioSettings("/models/a\u0000b", "/out\u0000put", null, null, null, 20, 7.0, 1, 512,
                512, 1, 1, null, 5, null, null));
        assertEquals(outputs, vm.history().outputFolderProperty().get());
        assertEquals("", p.promptProperty().get());
        assertEquals(Sampler.EULER_A, p.samplerProperty().get());
        assertEquals(Device.AUTO, vm.model().deviceProperty().get());
        assertEquals("-1", vm.settings().seed());
    }

    @Test
    void imageToImageAndInpaintNeedTheirPicturesThenRun() throws Exception {
        loadModel("tiny");
        p.promptProperty().set("a blue square");
        p.modeProperty().set(Mode.IMAGE_TO_IMAGE);
        assertTrue(p.validationProperty().get().contains("source image"), p.validationProperty().get());
        p.source().openSource(Path.of("src/test/models/img2img_source.png"));
        assertEquals("", p.validationProperty().get());

        p.modeProperty().set(Mode.INPAINT);
        assertTrue(p.sourceCheck().messageProperty().get().contains("mask"), p.validationProperty().get());
        p.source().openMask(Path.of("/nonexistent/mask.png"));
        assertTrue(vm.errorProperty().get().contains("does not exist"), vm.errorProperty().get());
        BufferedImage mask = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        mask.setRGB(20, 20, 0xFFFFFF);
        Path maskFile = data.resolve("mask.png");
        javax.imageio.ImageIO.write(mask, "png", maskFile.toFile());
        p.source().openMask(maskFile);
        p.source().maskedContentProperty().set(Inpaint.MaskedContent.LATENT_NOISE);
        assertEquals("", p.validationProperty().get());
        vm.generate();
        GenerationRequest sent = engine.submitted().get(0);
        assertEquals(Inpaint.MaskedContent.LATENT_NOISE, sent.initImage().inpaint().maskedContent());
        assertEquals(0.75, sent.initImage().strength());
        engine.runNext();

        vm.history().sendTo(vm.history().entries().get(0), Mode.IMAGE_TO_IMAGE);
        assertEquals(Mode.IMAGE_TO_IMAGE, p.modeProperty().get());
        assertEquals("a blue square", p.promptProperty().get());
        assertNotNull(p.source().sourceImageProperty().get());
    }

    @Test
    void deletingAPictureRemovesItsFileAndEntry() {
        loadModel("tiny");
        vm.generate();
        engine.runNext();
        History.Entry entry = vm.history().entries().get(0);
        vm.history().show(entry);
        assertNotNull(vm.jobs().previewImageProperty().get());
        vm.history().delete(entry);
        assertTrue(vm.history().entries().isEmpty());
        assertFalse(Files.exists(Path.of(entry.file())));
        assertTrue(new History(data.resolve("history.json")).entries().isEmpty());
    }
}
