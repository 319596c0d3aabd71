package org.sandpaint.studio;

import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;

/** Every saved picture, newest at the right: click to view, right-click for more. */
final class HistoryStrip {

    private HistoryStrip() {
    }

    static ListView<History.Entry> build(HistoryViewModel history) {
        ListView<History.Entry> list = new ListView<>(history.entries());
        list.setId("history");
        list.setOrientation(Orientation.HORIZONTAL);
        list.setPrefHeight(96);
        list.setCellFactory(v -> new HistoryCell(history));
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, entry) -> {
            if (entry != null) {
                history.show(entry);
            }
        });
        list.setPlaceholder(new Label("No pictures yet. Every picture you generate is saved in the output folder "
                + "and appears here; click one to see it, right-click (or the menu key) for more."));
        // The keyboard reaches what the mouse does: Delete, and the context-menu key (or Shift+F10).
        list.setOnKeyPressed(e -> {
            History.Entry selected = list.getSelectionModel().getSelectedItem();
            if (selected != null && (e.getCode() == KeyCode.DELETE || e.getCode() == KeyCode.BACK_SPACE)) {
                e.consume();
                history.delete(selected);
            }
        });
        list.setOnContextMenuRequested(e -> {
            History.Entry selected = list.getSelectionModel().getSelectedItem();
            if (e.isKeyboardTrigger() && selected != null) {
                e.consume();
                javafx.geometry.Bounds b = list.localToScreen(list.getBoundsInLocal());
                HistoryCell.menu(history, selected).show(list, b.getMinX() + 20, b.getMinY() + 20);
            }
        });
        history.entries().addListener((ListChangeListener<History.Entry>) c -> list.scrollTo(history.entries().size() - 1));
        BorderPane.setMargin(list, new Insets(10, 0, 0, 0));
        return list;
    }
}
