package org.sandpaint.studio;

import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 17's window behaviour on the fake engine, at the smallest supported size (1024x600). */
class StudioPanelsWindowTest extends ApplicationTest {

    private final FakeEngineService engine = new FakeEngineService();
    private StudioViewModel vm;
    private Stage stage;

    @Override
    public void start(Stage stage) throws Exception {
        this.stage = stage;
        Path data = Files.createTempDirectory("sandpaint-panels-test");
        vm = new StudioViewModel(engine, Platform::runLater, new History(data.resolve("history.json")),
                data.resolve("outputs"));
        stage.setScene(MainView.scene(vm));
        stage.setWidth(1024);
        stage.setHeight(600);
        stage.show();
        vm.model().load(data.resolve("tiny"));
    }

    private void runJob() {
        interact(() -> vm.generate());
        interact(engine::runNext);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void tabLeavesThePromptAndGenerateIsReachableByKeyboard() {
        clickOn("#prompt").write("a red circle");
        press(KeyCode.TAB).release(KeyCode.TAB);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("a red circle", vm.parameters().promptProperty().get(), "no tab typed into the prompt");
        assertEquals("negativePrompt", stage.getScene().getFocusOwner().getId());
        Node generate = lookup("#generate").query();
        for (int i = 0; i < 4 && stage.getScene().getFocusOwner() != generate; i++) {
            press(KeyCode.TAB).release(KeyCode.TAB);
            WaitForAsyncUtils.waitForFxEvents();
        }
        assertEquals(generate, stage.getScene().getFocusOwner());
        press(KeyCode.SPACE).release(KeyCode.SPACE);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, engine.submitted().size(), "Space on the focused Generate button starts the job");
    }

    @Test
    void theTokenCounterSitsBesideThePromptText() {
        clickOn("#prompt").write("a very long prompt ".repeat(12));
        WaitForAsyncUtils.waitForFxEvents();
        Bounds area = lookup("#prompt").query().localToScene(lookup("#prompt").query().getLayoutBounds());
        Bounds counter = lookup("#promptTokens").query().localToScene(lookup("#promptTokens").query().getBoundsInLocal());
        assertTrue(counter.getMinX() >= area.getMaxX() - 0.5, area + " / " + counter);
    }

    @Test
    void fieldNamesKeepTheirWordsWhenALongMessageAppears() {
        interact(() -> vm.parameters().modeProperty().set(Mode.INPAINT));
        interact(() -> vm.warn("A very long message about something that went wrong, long enough to fill the window "
                + "from one side to the other and then some more words to be sure."));
        WaitForAsyncUtils.waitForFxEvents();
        for (Node n : lookup("#parameters .label .text").queryAll()) {
            String shown = ((Text) n).getText();
            assertFalse(shown.endsWith("\u2026") || shown.endsWith("..."), "cut short: " + shown);
        }
        assertTrue(lookup("#generateHint").query().isVisible(), "the missing source is said next to Generate");
        assertEquals("Open a source image for inpaint.", lookup("#generateHint").queryAs(Label.class).getText());
    }

    @Test
    void aBatchShowsAGridAndAClickShowsOnePictureLargeWithItsParameters() {
        interact(() -> vm.parameters().batchSizeProperty().set(4));
        runJob();
        assertTrue(lookup("#galleryView").query().isVisible());
        assertEquals(4, lookup("#gallery").queryAs(javafx.scene.layout.TilePane.class).getChildren().size());
        clickOn("#galleryTile1");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(lookup("#galleryView").query().isVisible());
        assertTrue(lookup("#shownParameters").queryAs(TextArea.class).getText().contains("Seed: 1001"));
        ImageView preview = lookup("#preview").query();
        assertFalse(preview.isSmooth(), "an 8x8 picture enlarged is drawn with square pixels: fit " + preview.getFitWidth()
                + " image " + (preview.getImage() == null ? null : preview.getImage().getWidth()));
        clickOn("#backToGrid");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(lookup("#galleryView").query().isVisible());
    }

    @Test
    void deleteKeyMovesAHistoryPictureToTheTrashAndUndoBringsItBack() {
        runJob();
        ListView<?> history = lookup("#history").query();
        assertEquals(1, history.getItems().size());
        interact(() -> {
            history.requestFocus();
            history.getSelectionModel().select(0);
        });
        press(KeyCode.DELETE).release(KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, history.getItems().size());
        assertTrue(lookup("#undoDelete").query().isVisible());
        clickOn("#undoDelete");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, history.getItems().size());
    }

    @Test
    void aFieldReachedByKeyboardScrollsIntoView() {
        Node seed = lookup("#seed").query();
        javafx.scene.control.ScrollPane scroll = lookup("#parameters").query();
        interact(() -> scroll.setVvalue(0));
        interact(seed::requestFocus);
        WaitForAsyncUtils.waitForFxEvents();
        Bounds field = seed.localToScene(seed.getLayoutBounds());
        Bounds view = scroll.localToScene(scroll.getLayoutBounds());
        assertTrue(scroll.getVvalue() > 0, "the column scrolled");
        assertTrue(field.getMinY() >= view.getMinY() && field.getMaxY() <= view.getMaxY(), field + " in " + view);
    }

    @Test
    void anEmptyHistorySaysHowItFills() {
        Label placeholder = (Label) lookup("#history").queryAs(ListView.class).getPlaceholder();
        assertTrue(placeholder.getText().startsWith("No pictures yet. Every picture you generate is saved"));
        assertTrue(placeholder.isVisible());
    }
}
