package org.sandpaint.studio;

import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.ListView;
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
        history.entries().addListener((ListChangeListener<History.Entry>) c -> list.scrollTo(history.entries().size() - 1));
        BorderPane.setMargin(list, new Insets(10, 0, 0, 0));
        return list;
    }
}
