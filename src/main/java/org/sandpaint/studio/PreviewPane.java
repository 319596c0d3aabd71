package org.sandpaint.studio;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.collections.ListChangeListener;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;
import org.sandpaint.engine.GeneratedImage;
import org.sandpaint.engine.GenerationRequest;

/**
 * The centre: the picture being made (or, after a batch, all of the job's pictures as a grid), the
 * parameters of the picture shown, its filmstrip, the progress and status lines, the waiting jobs.
 */
final class PreviewPane {

    /** Enlarged this much or more, a picture is drawn with square pixels: a 64x64 picture is not smeared. */
    static final double SHARP_FROM = 2.0;

    private PreviewPane() {
    }

    static VBox build(StudioViewModel vm) {
        JobsViewModel jobs = vm.jobs();
        ImageView image = new ImageView();
        image.setId("preview");
        image.setPreserveRatio(true);
        jobs.previewImageProperty().addListener((obs, old, picture) ->
                image.setImage(picture == null ? null : SwingFXUtils.toFXImage(picture, null)));
        StackPane frame = new StackPane(image);
        frame.getStyleClass().add("preview-frame");
        frame.setMinSize(160, 160);
        ToggleButton pixels = new ToggleButton("Whole pixels");
        pixels.setId("pixelZoom");
        pixels.setTooltip(new Tooltip("Enlarge by a whole number (2x, 3x...) with square pixels, for small pictures"));
        Runnable fit = () -> fit(image, frame, pixels.isSelected());
        frame.widthProperty().addListener((obs, o, n) -> fit.run());
        frame.heightProperty().addListener((obs, o, n) -> fit.run());
        image.imageProperty().addListener((obs, o, n) -> fit.run());
        pixels.selectedProperty().addListener((obs, o, n) -> fit.run());

        ScrollPane gallery = gallery(jobs);
        BooleanBinding showGrid = Bindings.size(jobs.results()).greaterThan(1)
                .and(jobs.shownResultProperty().lessThan(0)).and(jobs.runningProperty().not());
        gallery.visibleProperty().bind(showGrid);
        frame.visibleProperty().bind(showGrid.not());
        StackPane centre = new StackPane(frame, gallery);
        VBox.setVgrow(centre, Priority.ALWAYS);

        Button grid = new Button("All pictures");
        grid.setId("backToGrid");
        grid.setTooltip(new Tooltip("Back to the grid of this job's pictures"));
        grid.visibleProperty().bind(Bindings.size(jobs.results()).greaterThan(1).and(showGrid.not())
                .and(jobs.runningProperty().not()));
        grid.managedProperty().bind(grid.visibleProperty());
        grid.setOnAction(e -> jobs.showResult(-1));
        grid.setMinWidth(Region.USE_PREF_SIZE);
        TextArea parameters = new TextArea();
        parameters.setId("shownParameters");
        parameters.setEditable(false);
        parameters.setWrapText(true);
        parameters.setPrefRowCount(2);
        parameters.textProperty().bind(jobs.shownParametersProperty());
        HBox.setHgrow(parameters, Priority.ALWAYS);
        HBox below = new HBox(6, parameters, grid);
        below.visibleProperty().bind(jobs.shownParametersProperty().isEmpty().not().and(showGrid.not()));
        below.managedProperty().bind(below.visibleProperty());

        ProgressBar bar = new ProgressBar();
        bar.setId("progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(jobs.progressProperty());
        Label status = new Label();
        status.setId("status");
        status.setWrapText(true);
        status.setMinWidth(0);
        status.textProperty().bind(vm.statusProperty());
        Button undo = new Button("Undo");
        undo.setId("undoDelete");
        undo.setTooltip(new Tooltip("Brings the deleted picture back into the history and its folder"));
        undo.visibleProperty().bind(vm.history().canUndoProperty());
        undo.managedProperty().bind(undo.visibleProperty());
        undo.setOnAction(e -> vm.history().undoDelete());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        pixels.setMinWidth(Region.USE_PREF_SIZE);
        HBox statusRow = new HBox(8, status, undo, gap, pixels);
        statusRow.setAlignment(Pos.CENTER_LEFT);
        Label error = new Label();
        error.setId("error");
        error.getStyleClass().add("error");
        error.setWrapText(true);
        error.setMinHeight(Region.USE_PREF_SIZE);
        error.textProperty().bind(vm.errorProperty());
        error.visibleProperty().bind(vm.errorProperty().isEmpty().not());
        error.managedProperty().bind(error.visibleProperty());
        return new VBox(6, centre, below, Filmstrip.build(jobs), bar, statusRow, error, queue(jobs));
    }

    /**
     * Fits the picture in the frame. Enlarged {@link #SHARP_FROM} times or more it is drawn nearest-neighbour;
     * with whole pixels it is enlarged by the largest whole factor that fits.
     */
    static void fit(ImageView view, Region frame, boolean wholePixels) {
        Image picture = view.getImage();
        double w = Math.max(1, frame.getWidth() - 8);
        double h = Math.max(1, frame.getHeight() - 8);
        if (picture == null || picture.getWidth() <= 0) {
            view.setFitWidth(w);
            view.setFitHeight(h);
            return;
        }
        double scale = Math.min(w / picture.getWidth(), h / picture.getHeight());
        if (wholePixels && scale >= 1) {
            scale = Math.floor(scale);
        }
        view.setFitWidth(picture.getWidth() * scale);
        view.setFitHeight(picture.getHeight() * scale);
        view.setSmooth(scale < SHARP_FROM);
    }

    /** Every picture of the last job as thumbnails; a click shows one large with its parameters. */
    private static ScrollPane gallery(JobsViewModel jobs) {
        TilePane tiles = new TilePane(6, 6);
        tiles.setId("gallery");
        tiles.setPrefTileWidth(160);
        tiles.setPrefTileHeight(160);
        jobs.results().addListener((ListChangeListener<GeneratedImage>) c -> {
            tiles.getChildren().clear();
            for (int i = 0; i < jobs.results().size(); i++) {
                GeneratedImage result = jobs.results().get(i);
                ImageView thumb = new ImageView(SwingFXUtils.toFXImage(result.image(), null));
                thumb.setPreserveRatio(true);
                thumb.setFitWidth(152);
                thumb.setFitHeight(152);
                thumb.setSmooth(result.image().getWidth() * SHARP_FROM > 152);
                Button tile = new Button(null, thumb);
                tile.getStyleClass().add("gallery-tile");
                tile.setId("galleryTile" + i);
                tile.setTooltip(new Tooltip("Seed " + result.seed()));
                int index = i;
                tile.setOnAction(e -> jobs.showResult(index));
                tiles.getChildren().add(tile);
            }
        });
        ScrollPane scroll = new ScrollPane(tiles);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("preview-frame");
        scroll.setId("galleryView");
        return scroll;
    }

    /** Jobs waiting behind the running one; each can be removed. */
    private static ListView<GenerationRequest> queue(JobsViewModel jobs) {
        ListView<GenerationRequest> list = new ListView<>(jobs.queue());
        list.setId("queue");
        list.setPrefHeight(70);
        list.visibleProperty().bind(Bindings.isNotEmpty(jobs.queue()));
        list.managedProperty().bind(list.visibleProperty());
        list.setCellFactory(v -> new QueueCell(jobs::removeQueued, jobs::describe));
        return list;
    }
}
