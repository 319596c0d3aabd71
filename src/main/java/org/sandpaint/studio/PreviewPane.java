package org.sandpaint.studio;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.image.ImageView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.beans.binding.Bindings;
import org.sandpaint.engine.GenerationRequest;

/** The centre: the picture being made, its filmstrip, the progress and status lines, the waiting jobs. */
final class PreviewPane {

    private PreviewPane() {
    }

    static VBox build(StudioViewModel vm) {
        JobsViewModel jobs = vm.jobs();
        ImageView image = new ImageView();
        image.setId("preview");
        image.setPreserveRatio(true);
        image.setSmooth(true);
        jobs.previewImageProperty().addListener((obs, old, picture) ->
                image.setImage(picture == null ? null : SwingFXUtils.toFXImage(picture, null)));
        StackPane frame = new StackPane(image);
        frame.getStyleClass().add("preview-frame");
        frame.setMinSize(256, 256);
        image.fitWidthProperty().bind(frame.widthProperty().subtract(8));
        image.fitHeightProperty().bind(frame.heightProperty().subtract(8));
        VBox.setVgrow(frame, Priority.ALWAYS);

        ProgressBar bar = new ProgressBar();
        bar.setId("progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(jobs.progressProperty());
        Label status = new Label();
        status.setId("status");
        status.textProperty().bind(vm.statusProperty());
        Label error = new Label();
        error.setId("error");
        error.getStyleClass().add("error");
        error.setWrapText(true);
        error.textProperty().bind(vm.errorProperty());
        error.visibleProperty().bind(vm.errorProperty().isEmpty().not());
        error.managedProperty().bind(error.visibleProperty());
        return new VBox(6, frame, Filmstrip.build(jobs), bar, status, error, queue(jobs));
    }

    /** Jobs waiting behind the running one; each can be removed. */
    private static ListView<GenerationRequest> queue(JobsViewModel jobs) {
        ListView<GenerationRequest> list = new ListView<>(jobs.queue());
        list.setId("queue");
        list.setPrefHeight(70);
        list.visibleProperty().bind(Bindings.isNotEmpty(jobs.queue()));
        list.managedProperty().bind(list.visibleProperty());
        list.setCellFactory(v -> new QueueCell(jobs::removeQueued));
        return list;
    }
}
