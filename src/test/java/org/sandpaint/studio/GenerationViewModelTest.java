package org.sandpaint.studio;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.sandpaint.engine.Infotext;
import org.sandpaint.engine.image.PngText;
import org.sandpaint.engine.Sampler;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.sandpaint.engine.PreviewMethod;
import org.sandpaint.testing.TestModels;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The studio's view model without a window: events are applied directly instead of on the FX thread. */
class GenerationViewModelTest {

    @TempDir
    static Path dataDir;

    private final EngineService service = new EngineService();
    private GenerationViewModel vm;

    @BeforeEach
    void create() throws Exception {
        Path data = Files.createTempDirectory(dataDir, "data");
        vm = new GenerationViewModel(service, Runnable::run, new History(data.resolve("history.json")),
                data.resolve("outputs"));
    }

    @AfterEach
    void close() {
        service.close();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(20);
        }
    }

    private void loadTinyModel() throws InterruptedException {
        vm.loadModel(TestModels.folder("tiny-optimum"));
        await(() -> vm.modelReadyProperty().get() || !vm.errorProperty().get().isEmpty());
        assertTrue(vm.modelReadyProperty().get(), vm.errorProperty().get());
    }

    private void loadAndWait(Path folder) throws InterruptedException {
        vm.loadModel(folder);
        await(() -> vm.modelReadyProperty().get() || !vm.errorProperty().get().isEmpty());
        assertTrue(vm.modelReadyProperty().get(), vm.errorProperty().get());
    }

    @Test
    void aNewModelSetsItsOwnSizeButTheRememberedModelKeepsTheRememberedSize() throws Exception {
        Path small = Files.createTempDirectory(dataDir, "small-model");
        Path tiny = TestModels.folder("tiny-optimum");
        try (var files = Files.walk(tiny, java.nio.file.FileVisitOption.FOLLOW_LINKS)) { // tokenizer/ is a link
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = small.resolve(tiny.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Files.writeString(small.resolve("vae_decoder/config.json"), "{\"sample_size\": 64}");
        StudioSettings remembered = StudioSettings.defaults(dataDir);
        vm.applySettings(new StudioSettings(small.toString(), remembered.outputFolder(), "", "", "Euler a", 20, 7.0,
                1, 256, 192, 1, 1, "-1", 0, "FULL", "auto"));

        loadAndWait(small);
        assertEquals(256, vm.widthProperty().get(), "the size chosen last time with this model stays");
        assertEquals(192, vm.heightProperty().get());
        loadAndWait(tiny);
        assertEquals(512, vm.widthProperty().get(), "a model without a size in its config gets SD 1.x's 512");
        assertEquals(512, vm.heightProperty().get());
        loadAndWait(small);
        assertEquals(64, vm.widthProperty().get(), "switching back uses the model's own size");
        assertTrue(vm.statusProperty().get().contains("64x64"), vm.statusProperty().get());
    }

    @Test
    void generatesWithTheChosenSettingsAndReportsProgress() throws Exception {
        loadTinyModel();
        assertTrue(vm.modelNameProperty().get().startsWith("tiny-optimum"), vm.modelNameProperty().get());
        assertEquals("Sandpaint Studio - tiny-optimum", vm.titleProperty().get(), "the title names the active model");
        vm.promptProperty().set("a red circle");
        assertEquals("3/75", vm.promptTokensProperty().get());
        vm.stepsProperty().set(4);
        vm.clipSkipProperty().set(2);
        vm.seedTextProperty().set("7");
        vm.widthProperty().set(64);
        vm.heightProperty().set(64);
        vm.previewEveryProperty().set(2);
        vm.previewMethodProperty().set(PreviewMethod.FULL);
        assertTrue(vm.canGenerateProperty().get());
        java.util.List<String> titles = new java.util.concurrent.CopyOnWriteArrayList<>();
        vm.titleProperty().addListener((obs, old, title) -> titles.add(title));

        vm.generate();
        assertTrue(vm.runningProperty().get());
        await(() -> !vm.runningProperty().get());
        assertEquals("", vm.errorProperty().get());
        assertEquals(1, vm.results().size());
        assertTrue(titles.stream().anyMatch(t -> t.matches("50% step 2/4 ETA \\d+s - Sandpaint Studio - tiny-optimum")), titles.toString());
        assertEquals("Sandpaint Studio - tiny-optimum", vm.titleProperty().get());
        assertEquals(7, vm.results().get(0).seed());
        assertTrue(vm.results().get(0).infotext().format().contains("Clip skip: 2"));
        assertNotNull(vm.previewImageProperty().get());
        assertTrue(vm.statusProperty().get().startsWith("Done"), vm.statusProperty().get());
        // The filmstrip: full previews at steps 2 and 4 (the last is the final picture).
        assertEquals(java.util.List.of(2, 4), vm.checkpoints().stream().map(GenerationViewModel.Checkpoint::step).toList());
        vm.showCheckpoint(0);
        assertEquals(vm.checkpoints().get(0).image(), vm.previewImageProperty().get());
        assertEquals(1.0, vm.progressProperty().get(), 1e-9);

        // Saved at once with its parameters, and remembered in the history across restarts.
        assertEquals(1, vm.historyEntries().size());
        Path saved = Path.of(vm.historyEntries().get(0).file());
        assertEquals(vm.outputFolderProperty().get().resolve("7.png"), saved);
        assertTrue(PngText.read(saved).get("parameters").contains("Seed: 7"));
        Path store = saved.getParent().getParent().resolve("history.json");
        assertEquals(1, new History(store).entries().size());

        vm.randomSeed();
        assertEquals("-1", vm.seedTextProperty().get());
        vm.reuseLastSeed();
        assertEquals("7", vm.seedTextProperty().get());
    }

    @Test
    void invalidFieldsAreRefusedWithAReasonBeforeGenerating() throws Exception {
        loadTinyModel();
        vm.widthProperty().set(100);
        assertTrue(vm.validationProperty().get().contains("multiple of 8"));
        assertFalse(vm.canGenerateProperty().get());
        vm.widthProperty().set(512);
        vm.seedTextProperty().set("twelve");
        assertTrue(vm.validationProperty().get().contains("Seed"));
        vm.seedTextProperty().set("12");
        assertEquals("", vm.validationProperty().get());
        vm.swapSize();
        assertEquals(512, vm.heightProperty().get());
    }

    @Test
    void aBadModelFolderShowsAMessageAndNothingElseChanges() throws Exception {
        vm.loadModel(Path.of("/nonexistent/model"));
        await(() -> !vm.errorProperty().get().isEmpty());
        assertTrue(vm.errorProperty().get().contains("does not exist"), vm.errorProperty().get());
        assertFalse(vm.canGenerateProperty().get());
    }

    @Test
    void interruptKeepsAPartialImage() throws Exception {
        loadTinyModel();
        vm.promptProperty().set("a red circle");
        vm.stepsProperty().set(150);
        vm.batchCountProperty().set(50); // long enough that the interrupt always lands inside the job
        vm.widthProperty().set(64);
        vm.heightProperty().set(64);
        vm.generate();
        await(() -> vm.progressProperty().get() > 0.01);
        vm.interrupt();
        await(() -> !vm.runningProperty().get());
        assertTrue(vm.statusProperty().get().startsWith("Interrupted"), vm.statusProperty().get());
        assertTrue(vm.results().size() < 50);
        assertTrue(vm.results().get(vm.results().size() - 1).interrupted());
    }

    @Test
    void parametersComeBackFromAWebUiPicture() throws Exception {
        String webui = "masterpiece, (castle:1.2) on a hill\nNegative prompt: blurry, lowres\n"
                + "Steps: 28, Sampler: DPM++ 2M Karras, CFG scale: 6.5, Seed: 3344, Size: 768x512, "
                + "Model hash: 45dee52b, Model: v1-5, Clip skip: 2, Version: v1.10.1";
        java.awt.image.BufferedImage picture = new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB);
        Path png = Files.createTempFile(dataDir, "webui", ".png");
        PngText.write(picture, java.util.Map.of("parameters", webui), png);
        vm.restoreFrom(png);
        assertEquals("masterpiece, (castle:1.2) on a hill", vm.promptProperty().get());
        assertEquals("blurry, lowres", vm.negativePromptProperty().get());
        assertEquals(28, vm.stepsProperty().get());
        assertEquals(Sampler.DPMPP_2M_KARRAS, vm.samplerProperty().get());
        assertEquals(6.5, vm.cfgScaleProperty().get());
        assertEquals("3344", vm.seedTextProperty().get());
        assertEquals(768, vm.widthProperty().get());
        assertEquals(512, vm.heightProperty().get());
        assertEquals(2, vm.clipSkipProperty().get());

        Path plain = Files.createTempFile(dataDir, "plain", ".png");
        PngText.write(picture, java.util.Map.of(), plain);
        vm.restoreFrom(plain);
        assertTrue(vm.statusProperty().get().contains("no generation parameters"), vm.statusProperty().get());
    }

    @Test
    void settingsSurviveARestartAndBadFilesFallBackToDefaults() throws Exception {
        vm.promptProperty().set("a lighthouse");
        vm.stepsProperty().set(33);
        vm.samplerProperty().set(Sampler.DDIM);
        vm.deviceProperty().set(org.sandpaint.engine.Device.CPU);
        Path file = Files.createTempDirectory(dataDir, "settings").resolve("settings.json");
        vm.settings().save(file);

        GenerationViewModel next = new GenerationViewModel(service, Runnable::run,
                new History(file.resolveSibling("history.json")), file.getParent());
        next.applySettings(StudioSettings.load(file, file.getParent()));
        assertEquals("a lighthouse", next.promptProperty().get());
        assertEquals(33, next.stepsProperty().get());
        assertEquals(Sampler.DDIM, next.samplerProperty().get());
        assertEquals(org.sandpaint.engine.Device.CPU, next.deviceProperty().get());

        Files.writeString(file, "{broken");
        assertEquals(20, StudioSettings.load(file, file.getParent()).steps());
    }

    @Test
    void imageToImageAndInpaintNeedTheirPicturesThenRun() throws Exception {
        loadTinyModel();
        vm.widthProperty().set(64);
        vm.heightProperty().set(64);
        vm.stepsProperty().set(4);
        vm.promptProperty().set("a blue square");
        vm.modeProperty().set(Mode.IMAGE_TO_IMAGE);
        assertTrue(vm.validationProperty().get().contains("source image"), vm.validationProperty().get());
        vm.source().openSource(Path.of("src/test/models/img2img_source.png"));
        assertEquals("", vm.validationProperty().get());

        vm.modeProperty().set(Mode.INPAINT);
        assertTrue(vm.validationProperty().get().contains("mask"), vm.validationProperty().get());
        vm.source().openMask(Path.of("/nonexistent/mask.png"));
        assertTrue(vm.errorProperty().get().contains("does not exist"), vm.errorProperty().get());
        java.awt.image.BufferedImage mask = new java.awt.image.BufferedImage(64, 64, java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int y = 16; y < 40; y++) {
            for (int x = 16; x < 40; x++) {
                mask.setRGB(x, y, 0xFFFFFF);
            }
        }
        Path maskFile = Files.createTempFile(dataDir, "mask", ".png");
        javax.imageio.ImageIO.write(mask, "png", maskFile.toFile());
        vm.source().openMask(maskFile);
        vm.source().maskedContentProperty().set(org.sandpaint.engine.Inpaint.MaskedContent.LATENT_NOISE);
        assertEquals("", vm.validationProperty().get());
        vm.generate();
        await(() -> !vm.runningProperty().get());
        assertEquals("", vm.errorProperty().get());
        String info = vm.results().get(0).infotext().format();
        assertTrue(info.contains("Denoising strength: 0.75") && info.contains("Masked content: latent noise"), info);

        vm.sendTo(vm.historyEntries().get(0), Mode.IMAGE_TO_IMAGE);
        assertEquals(Mode.IMAGE_TO_IMAGE, vm.modeProperty().get());
        assertEquals("a blue square", vm.promptProperty().get());
        assertNotNull(vm.source().sourceImageProperty().get());
    }

    @Test
    void generateWhileBusyQueuesTheJob() throws Exception {
        loadTinyModel();
        vm.widthProperty().set(64);
        vm.heightProperty().set(64);
        vm.stepsProperty().set(150);
        vm.batchCountProperty().set(20);
        vm.promptProperty().set("first");
        vm.generate();
        vm.stepsProperty().set(3);
        vm.batchCountProperty().set(1);
        vm.promptProperty().set("second");
        vm.generate();
        vm.promptProperty().set("third");
        vm.generate();
        assertEquals(2, vm.queue().size());
        vm.removeQueued(vm.queue().get(1));
        vm.interrupt();
        await(() -> vm.queue().isEmpty() && !vm.runningProperty().get()
                && vm.results().stream().anyMatch(r -> r.infotext().prompt().equals("second")));
        assertTrue(vm.results().stream().noneMatch(r -> r.infotext().prompt().equals("third")), "removed jobs never run");
    }
}
