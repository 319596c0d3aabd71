package org.sandpaint.studio;

import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.stage.FileChooser;

import java.io.File;

/** The styles row under the prompts: a menu of saved styles to tick, save, import and export. */
final class StylesPicker {

    private StylesPicker() {
    }

    static HBox build(StylesViewModel vm) {
        MenuButton menu = new MenuButton();
        menu.setId("styles");
        menu.textProperty().bind(Bindings.createStringBinding(() -> vm.chosen().isEmpty() ? "Styles"
                : "Styles (" + vm.chosen().size() + ")", vm.chosen()));
        menu.setTooltip(new Tooltip("Saved prompt styles (the WebUI's styles.csv), applied to the prompts of the next jobs"));
        Runnable fill = () -> {
            menu.getItems().clear();
            for (String name : vm.names()) {
                CheckMenuItem item = new CheckMenuItem(name);
                item.setSelected(vm.chosen().contains(name));
                item.selectedProperty().addListener((obs, was, on) -> vm.choose(name, on));
                menu.getItems().add(item);
            }
            if (vm.names().isEmpty()) {
                MenuItem none = new MenuItem("No saved styles yet");
                none.setDisable(true);
                menu.getItems().add(none);
            }
            MenuItem save = new MenuItem("Save the prompts as a style...");
            save.setId("saveStyle");
            save.setOnAction(e -> {
                TextInputDialog ask = new TextInputDialog();
                ask.setTitle("Save style");
                ask.setHeaderText("A name for the current prompt and negative prompt "
                        + "(write {prompt} in a style where the prompt typed later goes)");
                ask.initOwner(menu.getScene().getWindow());
                ask.showAndWait().ifPresent(vm::saveCurrent);
            });
            MenuItem importCsv = new MenuItem("Import styles.csv...");
            importCsv.setOnAction(e -> csvChooser("Import a WebUI styles.csv")
                    .map(c -> c.showOpenDialog(menu.getScene().getWindow())).map(File::toPath).ifPresent(vm::importFrom));
            MenuItem exportCsv = new MenuItem("Export styles.csv...");
            exportCsv.setOnAction(e -> csvChooser("Export the styles as styles.csv")
                    .map(c -> c.showSaveDialog(menu.getScene().getWindow())).map(File::toPath).ifPresent(vm::exportTo));
            menu.getItems().addAll(new SeparatorMenuItem(), save, importCsv, exportCsv);
        };
        fill.run();
        vm.names().addListener((ListChangeListener<String>) c -> fill.run());
        Label chosen = new Label();
        chosen.setId("chosenStyles");
        chosen.getStyleClass().add("token-counter");
        chosen.textProperty().bind(Bindings.createStringBinding(() -> String.join(", ", vm.chosen()), vm.chosen()));
        Labels.wrapping(chosen);
        HBox row = new HBox(8, menu, chosen);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private static java.util.Optional<FileChooser> csvChooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.setInitialFileName("styles.csv");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
        return java.util.Optional.of(chooser);
    }
}
