package org.sandpaint.studio;

import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;
import javafx.scene.control.Spinner;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.sandpaint.engine.GenerationRequest;
import org.controlsfx.control.decoration.Decorator;
import org.sandpaint.engine.Inpaint;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The window's controls on the fake engine (headless TestFX + Monocle): keys typed as an artist types them,
 * and what the drop-downs and field marks show. No model is loaded, so these run in a moment.
 */
class StudioControlsWindowTest extends ApplicationTest {

    private final FakeEngineService engine = new FakeEngineService();
    private StudioViewModel vm;

    @Override
    public void start(Stage stage) throws Exception {
        Path data = Files.createTempDirectory("sandpaint-controls-test");
        vm = new StudioViewModel(engine, Platform::runLater, new History(data.resolve("history.json")),
                data.resolve("outputs"));
        stage.setScene(MainView.scene(vm));
        stage.show();
        vm.model().load(data.resolve("tiny"));
    }

    private void ctrlEnter() {
        press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Jobs the view models made: handed to the engine, or waiting in the queue. */
    private List<GenerationRequest> jobs() {
        List<GenerationRequest> all = new java.util.ArrayList<>(engine.submitted());
        all.addAll(vm.jobs().queue());
        return all;
    }

    @Test
    void ctrlEnterInANumberFieldQueuesOneJobWithTheNumberTyped() {
        clickOn("#steps").press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL).write("37");
        ctrlEnter();
        assertEquals(1, jobs().size(), "one press, one job");
        assertEquals(37, jobs().get(0).steps(), "the number the field shows, though Enter was never pressed");

        clickOn("#batchCount").press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL).write("3");
        ctrlEnter();
        assertEquals(2, jobs().size(), "the second press queues one more job, not two");
        assertEquals(List.of(1, 3), jobs().stream().map(GenerationRequest::batchCount).toList());

        clickOn("#prompt");
        ctrlEnter();
        assertEquals(3, jobs().size());
    }

    @Test
    void clickingGenerateUsesTheNumberBeingTyped() {
        clickOn("#steps").press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL).write("42");
        clickOn("#generate");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(42), jobs().stream().map(GenerationRequest::steps).toList());
    }

    @Test
    void aNumberTypedWithoutEnterCountsWhenTheFieldLosesFocusAndTextThatIsNoNumberIsPutBack() {
        clickOn("#width").press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL).write("640");
        clickOn("#prompt");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(640, vm.parameters().widthProperty().get());

        Spinner<?> height = lookup("#height").queryAs(Spinner.class);
        clickOn("#height").press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL).write("tall");
        clickOn("#prompt");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(512, vm.parameters().heightProperty().get());
        assertEquals("512", height.getEditor().getText(), "the field shows the value it holds again");
    }

    @Test
    void aWrongFieldIsMarkedWhereItIs() {
        Spinner<?> width = lookup("#width").queryAs(Spinner.class);
        String message = "Width must be a multiple of 8 between 64 and 2048, got 100.";
        assertTrue(marks(message).isEmpty(), "no marks while every field is right");
        interact(() -> vm.parameters().widthProperty().set(100));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, Decorator.getDecorations(width).size(), "the wrong field gets ControlsFX's mark");
        assertEquals(1, marks(message).size(), "the mark is drawn, with the message as its tooltip");
        assertTrue(Decorator.getDecorations(lookup("#height").queryAs(Spinner.class)) == null, "the right ones get none");
        assertTrue(lookup("#generate").query().isDisabled());
        interact(() -> vm.parameters().widthProperty().set(512));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(marks(message).isEmpty(), "the mark goes when the value is right again");
        assertFalse(lookup("#generate").query().isDisabled());
        assertEquals("512", width.getEditor().getText());
    }

    /** The decoration labels (ControlsFX draws a Label with the message as its tooltip) showing {@code message}. */
    private java.util.Set<Node> marks(String message) {
        return lookup(n -> n instanceof Label label && label.getTooltip() != null
                && message.equals(label.getTooltip().getText())).queryAll();
    }

    /** The text a closed drop-down shows (its skin's button cell; the list's own cells are hidden children). */
    private static String shown(ComboBox<?> box) {
        return box.getChildrenUnmodifiable().stream().filter(n -> n instanceof ListCell<?>)
                .map(n -> ((ListCell<?>) n).getText()).findFirst().orElseThrow();
    }

    @Test
    void theDropDownsShowWordsNotEnumNames() {
        interact(() -> vm.parameters().modeProperty().set(Mode.INPAINT));
        WaitForAsyncUtils.waitForFxEvents();
        ComboBox<Inpaint.MaskedContent> content = lookup("#maskedContent").queryComboBox();
        ComboBox<Inpaint.Area> area = lookup("#inpaintArea").queryComboBox();
        assertEquals(List.of("fill", "original", "latent noise", "latent nothing"),
                content.getItems().stream().map(content.getConverter()::toString).toList());
        assertEquals(List.of("Whole picture", "Only masked"),
                area.getItems().stream().map(area.getConverter()::toString).toList());
        assertEquals("original", shown(content), "the closed box shows the word too");
        assertEquals("Whole picture", shown(area));
        assertEquals("Just resize", shown(lookup("#resizeMode").queryComboBox()));
        assertEquals("Euler a", shown(lookup("#sampler").queryComboBox()));
        assertEquals("Full", shown(lookup("#previewMethod").queryComboBox()));
    }
}
