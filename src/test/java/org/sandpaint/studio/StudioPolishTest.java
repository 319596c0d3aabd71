package org.sandpaint.studio;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 17's studio polish and gallery, on the fake engine without a window. */
class StudioPolishTest {

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
    void theReasonGenerateIsDisabledIsSaid() {
        assertEquals("Open a model to generate (Open model...).", vm.generateHintProperty().get());
        loadModel("tiny");
        assertEquals("", vm.generateHintProperty().get());
        p.seedTextProperty().set("abc");
        assertFalse(vm.canGenerateProperty().get());
        assertEquals("Seed must be a whole number (-1 for random).", vm.generateHintProperty().get());
    }

    @Test
    void theDemoModelGetsAPromptItCanDraw() {
        loadModel("demo");
        assertTrue(vm.promptHintProperty().get().endsWith("Try: " + PromptSuggestion.DEMO), vm.promptHintProperty().get());
        loadModel("v1-5");
        assertTrue(vm.promptHintProperty().get().endsWith("Try: " + PromptSuggestion.GENERAL));
    }

    @Test
    void aStoppedJobLabelsItsLastCheckpointWithTheStepReachedAndCheapPreviewsDoNotFlicker() {
        loadModel("tiny");
        p.stepsProperty().set(20);
        List<BufferedImage> shown = new ArrayList<>();
        vm.jobs().previewImageProperty().addListener((obs, old, image) -> shown.add(image));
        vm.generate();
        engine.runNextStoppedAt(7);

        List<String> labels = vm.jobs().checkpoints().stream().map(JobsViewModel.Checkpoint::label).toList();
        assertEquals(List.of("step 6", "step 7 (interrupted)"), labels);
        // The cheap 1x1 preview of step 1 is shown enlarged 8x; the cheap one of step 7, after the full decode
        // of step 6, is not (it would flash a coarse picture over the sharp one).
        assertEquals(8, shown.get(0).getWidth());
        assertEquals(8, shown.get(1).getWidth());
        assertTrue(shown.stream().skip(1).allMatch(image -> image.getWidth() == 8 && image.getRGB(0, 0) == shown.get(1).getRGB(0, 0)),
                "after the full decode only full pictures are shown");
        assertTrue(vm.statusProperty().get().startsWith("Interrupted: 1 image(s)"), vm.statusProperty().get());
    }

    @Test
    void escStopsTheRunningJobAndClearQueueEmptiesTheQueueEachSayingWhatHappened() {
        loadModel("tiny");
        vm.generate();
        vm.generate();
        vm.generate();
        assertEquals(2, vm.jobs().queue().size());
        vm.jobs().interrupt();
        assertEquals("Stopping the running job after this step (Esc); the 2 waiting job(s) still run "
                + "(Clear queue removes them).", vm.statusProperty().get());
        vm.jobs().clearQueue();
        assertTrue(vm.jobs().queue().isEmpty());
        assertEquals("Cleared the queue: 2 waiting job(s) removed; the running job goes on (Esc stops it).",
                vm.statusProperty().get());
        engine.runNext();
        assertEquals(0, engine.waitingJobs(), "no queued job started after the stopped one");
    }

    @Test
    void aBatchShowsAGridAndAPictureChosenFromItComesWithItsParameters() {
        loadModel("tiny");
        p.promptProperty().set("a red circle");
        p.batchSizeProperty().set(2);
        p.batchCountProperty().set(2);
        p.seedTextProperty().set("5");
        vm.generate();
        engine.runNext();
        assertEquals(4, vm.jobs().results().size());
        assertEquals(-1, vm.jobs().shownResultProperty().get(), "several pictures: the grid");
        vm.jobs().showResult(2);
        assertSame(vm.jobs().results().get(2).image(), vm.jobs().previewImageProperty().get());
        assertTrue(vm.jobs().shownParametersProperty().get().startsWith("a red circle\n"));
        assertTrue(vm.jobs().shownParametersProperty().get().contains("Seed: 7"), vm.jobs().shownParametersProperty().get());
        vm.jobs().showResult(-1);
        assertEquals("", vm.jobs().shownParametersProperty().get());

        vm.generate();
        p.batchSizeProperty().set(1);
        p.batchCountProperty().set(1);
        vm.generate();
        engine.runNext();
        engine.runNext();
        assertEquals(0, vm.jobs().shownResultProperty().get(), "one picture is shown large at once");
    }

    @Test
    void clickingAHistoryPictureReplacesTheLastJobsFilmstripAndShowsItsParameters() {
        loadModel("tiny");
        p.promptProperty().set("a blue square");
        vm.generate();
        engine.runNext();
        assertEquals(2, vm.jobs().checkpoints().size());
        History.Entry entry = vm.history().entries().get(0);
        vm.history().show(entry);
        assertTrue(vm.jobs().checkpoints().isEmpty());
        assertEquals(entry.parameters(), vm.jobs().shownParametersProperty().get());
    }

    @Test
    void deleteMovesThePictureToTheTrashAndUndoBringsItBack() throws Exception {
        loadModel("tiny");
        vm.generate();
        engine.runNext();
        History.Entry entry = vm.history().entries().get(0);
        Path file = Path.of(entry.file());
        vm.history().delete(entry);
        Path trashed = file.resolveSibling(".trash").resolve(file.getFileName());
        assertTrue(Files.exists(trashed), "the file is kept in the output folder's .trash");
        assertFalse(Files.exists(file));
        assertTrue(new History(data.resolve("history.json")).entries().isEmpty());
        assertTrue(vm.history().canUndoProperty().get());
        assertTrue(vm.statusProperty().get().contains("Undo brings it back"), vm.statusProperty().get());

        vm.history().undoDelete();
        assertTrue(Files.exists(file));
        assertFalse(Files.exists(trashed));
        assertEquals(List.of(entry.file()), new History(data.resolve("history.json")).entries().stream()
                .map(History.Entry::file).toList());
        assertFalse(vm.history().canUndoProperty().get());
    }

    @Test
    void theCheapPreviewIsEnlargedWithoutASeamAtItsEdges() {
        BufferedImage small = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        small.setRGB(0, 0, 0xFF0000);
        small.setRGB(1, 0, 0x00FF00);
        small.setRGB(0, 1, 0x0000FF);
        small.setRGB(1, 1, 0xFFFFFF);
        BufferedImage big = PreviewUpscale.toSize(small, 16, 16);
        // Pixel centres up to half a source pixel from the edge lie outside the source's centres: they clamp
        // to the edge colour instead of fading into black.
        for (int i = 0; i < 4; i++) {
            assertEquals(0xFF0000, big.getRGB(i, 0) & 0xFFFFFF);
            assertEquals(0xFF0000, big.getRGB(0, i) & 0xFFFFFF);
            assertEquals(0xFFFFFF, big.getRGB(15 - i, 15) & 0xFFFFFF);
        }
        // Between red (255, 0, 0) and green (0, 255, 0) on the top row, as PyTorch's bilinear interpolation
        // (align_corners=False) samples: pixel 7's centre 7.5 maps to 7.5 * 2 / 16 - 0.5 = 0.4375, so red
        // 255 * 0.5625 = 143.4 and green 255 * 0.4375 = 111.6, rounded.
        int mid = (big.getRGB(7, 0) & 0xFFFFFF);
        assertEquals((143 << 16) | (112 << 8), mid, Integer.toHexString(mid));
    }
}
