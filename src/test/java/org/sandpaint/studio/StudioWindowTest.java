package org.sandpaint.studio;

import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.image.ImageView;
import javafx.event.Event;
import javafx.scene.input.KeyCode;
import javafx.scene.Node;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sandpaint.testing.TestModels;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Drives the real studio window headless (TestFX + Monocle), as an artist would. */
class StudioWindowTest extends ApplicationTest {

    private EngineService service;
    private StudioViewModel vm;
    private ParametersViewModel p;
    private final AtomicInteger previewUpdates = new AtomicInteger();

    @Override
    public void start(Stage stage) {
        service = new OnnxEngineService(null);
        try {
            Path data = Files.createTempDirectory("sandpaint-studio-test");
            vm = new StudioViewModel(service, Platform::runLater, new History(data.resolve("history.json")),
                    data.resolve("outputs"));
            p = vm.parameters();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        stage.setScene(MainView.scene(vm));
        stage.show();
        vm.jobs().previewImageProperty().addListener((obs, old, image) -> previewUpdates.incrementAndGet());
        vm.model().load(TestModels.folder("tiny-optimum"));
    }

    @AfterEach
    void close() {
        service.close();
    }

    @Test
    void typePromptSetControlsAndGenerateWithCtrlEnter() throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.canGenerateProperty().get());
        clickOn("#prompt").write("a red circle");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("3/75", lookup("#promptTokens").queryAs(Label.class).getText());

        Slider clipSkip = lookup("#clipSkipSlider").queryAs(Slider.class);
        interact(() -> clipSkip.setValue(2));
        assertEquals(2, p.clipSkipProperty().get());
        Spinner<Integer> steps = lookup("#steps").queryAs(Spinner.class);
        interact(() -> steps.getValueFactory().setValue(6));
        interact(() -> lookup("#width").queryAs(Spinner.class).getValueFactory().setValue(64));
        interact(() -> lookup("#height").queryAs(Spinner.class).getValueFactory().setValue(64));
        clickOn("#seed").press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL).write("1234");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("1234", p.seedTextProperty().get());
        interact(() -> lookup("#previewEvery").queryAs(Spinner.class).getValueFactory().setValue(2));

        clickOn("#prompt");
        press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.jobs().results().size() == 1 && !vm.jobs().runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(1234, vm.jobs().results().get(0).seed());
        String info = vm.jobs().results().get(0).infotext().format();
        assertTrue(info.contains("Steps: 6") && info.contains("Clip skip: 2") && info.contains("Size: 64x64"), info);
        // Previews at steps 1..5 (full at 2 and 4, cheap between) and the final image: at least the checkpoints.
        assertTrue(previewUpdates.get() >= 3, "preview updated " + previewUpdates.get() + " times");
        assertNotNull(lookup("#preview").queryAs(ImageView.class).getImage());
        assertTrue(lookup("#status").queryAs(Label.class).getText().startsWith("Done"));
        assertEquals(1, lookup("#history").queryAs(javafx.scene.control.ListView.class).getItems().size(),
                "the history strip shows the new picture");
    }

    @Test
    void escapeInterruptsAndKeepsThePartialImage() throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.canGenerateProperty().get());
        interact(() -> {
            p.promptProperty().set("a red circle");
            p.stepsProperty().set(150);
            p.batchCountProperty().set(50); // long enough that Esc always lands inside the job
            p.widthProperty().set(64);
            p.heightProperty().set(64);
        });
        clickOn("#generate");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.jobs().progressProperty().get() > 0.02);
        press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !vm.jobs().runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(lookup("#status").queryAs(Label.class).getText().startsWith("Interrupted"));
        assertTrue(vm.jobs().results().size() < 50);
        assertTrue(vm.jobs().results().get(vm.jobs().results().size() - 1).interrupted(), "the running image is kept, partial");
        assertEquals(vm.jobs().results().size(), vm.history().entries().size(), "every finished picture is saved");
    }

    @Test
    void paintAMaskAndInpaint() throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.canGenerateProperty().get());
        interact(() -> {
            p.modeProperty().set(Mode.INPAINT);
            p.source().openSource(Path.of("src/test/models/img2img_source.png"));
            p.promptProperty().set("a blue square");
            p.stepsProperty().set(4);
            p.widthProperty().set(64);
            p.heightProperty().set(64);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(p.validationProperty().get().contains("mask"), p.validationProperty().get());
        javafx.scene.Node canvas = lookup("#maskCanvas").query();
        javafx.geometry.Bounds b = canvas.localToScreen(canvas.getBoundsInLocal());
        drag(b.getMinX() + 60, b.getMinY() + 60).dropTo(new javafx.geometry.Point2D(b.getMinX() + 200, b.getMinY() + 200));
        WaitForAsyncUtils.waitForFxEvents();
        assertNotNull(p.source().maskImageProperty().get(), "dragging on the source paints a mask");
        assertEquals("", p.validationProperty().get());
        clickOn("#generate");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !vm.jobs().results().isEmpty() && !vm.jobs().runningProperty().get());
        String info = vm.jobs().results().get(0).infotext().format();
        assertTrue(info.contains("Mask blur: 4") && info.contains("Denoising strength"), info);
    }

    @Test
    void aModelFolderThatFailsLeavesGenerateWorkingOnTheLoadedModel() throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.canGenerateProperty().get());
        interact(() -> vm.model().load(Path.of("/nonexistent/model")));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !vm.errorProperty().get().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(lookup("#error").queryAs(Label.class).getText().contains("does not exist"));
        assertTrue(lookup("#status").queryAs(Label.class).getText().contains("still using tiny-optimum"));
        assertTrue(!lookup("#generate").query().isDisabled(), "Generate stays enabled");
        interact(() -> {
            p.stepsProperty().set(2);
            p.widthProperty().set(64);
            p.heightProperty().set(64);
        });
        clickOn("#generate");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.jobs().results().size() == 1 && !vm.jobs().runningProperty().get());
    }

    /**
     * A PNG from the WebUI dropped on the window fills the fields. No robot can drag a file in from
     * another program, so the test builds the drag board a file manager would hand over and delivers the
     * drag-over and drop events to the window's root, where the studio's real handlers take them.
     */
    @Test
    void droppingAPngOnTheWindowRestoresItsParameters() throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.canGenerateProperty().get());
        Path png = Files.createTempFile("webui", ".png");
        org.sandpaint.engine.image.PngText.write(new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB),
                java.util.Map.of("parameters", "a castle on a hill, (oil painting:1.2)\nNegative prompt: blurry\n"
                        + "Steps: 28, Sampler: DPM++ 2M Karras, CFG scale: 6.5, Seed: 3344, Size: 768x512, Clip skip: 2"), png);
        Node root = lookup("#studio").query();
        java.util.concurrent.atomic.AtomicReference<TransferMode> accepted = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean completed = new java.util.concurrent.atomic.AtomicBoolean();
        interact(() -> {
            Dragboard board = FileDragBoard.of(png.toFile());
            DragEvent over = new DragEvent(root, root, DragEvent.DRAG_OVER, board, 640, 400, 640, 400,
                    TransferMode.COPY, null, null, null);
            Event.fireEvent(root, over);
            accepted.set(over.getAcceptedTransferMode());
            DragEvent drop = new DragEvent(root, root, DragEvent.DRAG_DROPPED, board, 640, 400, 640, 400,
                    TransferMode.COPY, null, null, null);
            Event.fireEvent(root, drop);
            completed.set(drop.isDropCompleted());
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(TransferMode.COPY, accepted.get(), "the window accepts a dragged file");
        assertTrue(completed.get(), "the drop is reported done");
        assertEquals("a castle on a hill, (oil painting:1.2)", lookup("#prompt").queryAs(javafx.scene.control.TextArea.class).getText());
        assertEquals(28, lookup("#steps").queryAs(Spinner.class).getValue());
        assertEquals(2, p.clipSkipProperty().get());
        assertEquals(768, p.widthProperty().get());
        assertEquals("3344", p.seedTextProperty().get());
    }
}
