package org.sandpaint.studio;

import org.sandpaint.engine.Parameters;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.sandpaint.engine.Inpaint;
import org.sandpaint.engine.ResizeMode;

import java.io.File;

/** The image-to-image and inpainting controls: source and mask pictures and their settings. */
final class SourcePanel {

    private SourcePanel() {
    }

    static VBox build(ParametersViewModel main) {
        SourceViewModel vm = main.source();
        ImageView source = thumbnail(vm.sourceImageProperty());
        Button openSource = new Button("Open source...");
        openSource.setId("openSource");
        Label sourceName = new Label();
        sourceName.textProperty().bind(vm.sourceNameProperty());
        openSource.setOnAction(e -> choose(openSource, "Choose the source picture").ifPresent(f -> vm.openSource(f.toPath())));

        Slider strength = new Slider(0, 1, vm.strengthProperty().get());
        strength.setId("strength");
        strength.setBlockIncrement(0.05);
        strength.valueProperty().bindBidirectional(vm.strengthProperty());
        Label strengthValue = new Label();
        strengthValue.textProperty().bind(vm.strengthProperty().asString("%.2f"));
        ComboBox<ResizeMode> resize = new ComboBox<>();
        resize.setId("resizeMode");
        resize.getItems().setAll(ResizeMode.values());
        Labels.readable(resize, ResizeMode::displayName);
        resize.valueProperty().bindBidirectional(vm.resizeModeProperty());

        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        int row = 0;
        grid.addRow(row++, new Label("Source"), new HBox(6, openSource, sourceName));
        grid.addRow(row++, new Label("Strength"), new HBox(6, strength, strengthValue));
        grid.addRow(row++, new Label("Resize"), resize);
        Labels.keepFieldNames(grid);
        Labels.wrapping(sourceName);

        VBox outpaint = outpaintControls(vm, main);
        outpaint.visibleProperty().bind(main.modeProperty().isEqualTo(Mode.IMAGE_TO_IMAGE));
        outpaint.managedProperty().bind(outpaint.visibleProperty());
        VBox inpaint = inpaintControls(vm);
        inpaint.visibleProperty().bind(main.modeProperty().isEqualTo(Mode.INPAINT));
        inpaint.managedProperty().bind(inpaint.visibleProperty());
        source.visibleProperty().bind(main.modeProperty().isEqualTo(Mode.IMAGE_TO_IMAGE));
        source.managedProperty().bind(source.visibleProperty());
        VBox box = new VBox(6, source, grid, outpaint, inpaint);
        box.setPadding(new Insets(6, 0, 0, 0));
        box.visibleProperty().bind(main.modeProperty().isNotEqualTo(Mode.TEXT_TO_IMAGE));
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    /** Outpainting: extend the source's canvas by some pixels on each side (steps of 8) and paint the new area. */
    private static VBox outpaintControls(SourceViewModel vm, ParametersViewModel main) {
        CheckBox on = new CheckBox("Outpaint: extend the canvas");
        on.setId("outpaint");
        on.selectedProperty().bindBidirectional(vm.outpaintProperty());
        GridPane sides = new GridPane();
        sides.setHgap(8);
        sides.setVgap(6);
        String[] names = {"Left", "Right", "Up", "Down"};
        javafx.beans.property.IntegerProperty[] values = {vm.outpaintLeftProperty(), vm.outpaintRightProperty(),
                vm.outpaintUpProperty(), vm.outpaintDownProperty()};
        for (int i = 0; i < 4; i++) {
            Spinner<Integer> side = NumberFields.spinner("outpaint" + names[i], 0, Parameters.WIDTH.max(), values[i]);
            ((javafx.scene.control.SpinnerValueFactory.IntegerSpinnerValueFactory) side.getValueFactory()).setAmountToStepBy(8);
            FieldDecorations.show(side, main.outpaintCheck());
            sides.add(new Label(names[i]), (i % 2) * 2, i / 2);
            sides.add(side, (i % 2) * 2 + 1, i / 2);
        }
        Spinner<Integer> blur = NumberFields.spinner("outpaintBlur", Parameters.MASK_BLUR.min(), Parameters.MASK_BLUR.max(),
                vm.maskBlurProperty());
        ComboBox<Inpaint.MaskedContent> fill = new ComboBox<>();
        fill.setId("outpaintFill");
        fill.getItems().setAll(Inpaint.MaskedContent.values());
        Labels.readable(fill, Labels::of);
        fill.valueProperty().bindBidirectional(vm.maskedContentProperty());
        sides.add(new Label("Seam blur"), 0, 2);
        sides.add(blur, 1, 2);
        sides.add(new Label("New area"), 0, 3);
        sides.add(fill, 1, 3, 3, 1);
        for (javafx.scene.Node n : sides.getChildren()) {
            if (n instanceof Label l) {
                l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            }
        }
        Tooltip.install(fill, new Tooltip("What the new area starts from: original = the picture's border carried "
                + "outwards and blurred"));
        sides.visibleProperty().bind(vm.outpaintProperty());
        sides.managedProperty().bind(sides.visibleProperty());
        return new VBox(6, on, sides);
    }

    private static VBox inpaintControls(SourceViewModel vm) {
        VBox canvas = paintCanvas(vm);
        Slider brush = new Slider(2, 256, vm.brushSizeProperty().get());
        brush.setId("brushSize");
        brush.valueProperty().addListener((obs, old, v) -> vm.brushSizeProperty().set(v.intValue()));
        javafx.scene.control.ToggleButton eraser = new javafx.scene.control.ToggleButton("Eraser");
        eraser.setId("eraser");
        eraser.selectedProperty().bindBidirectional(vm.eraserProperty());
        Button undo = new Button("Undo");
        undo.setId("undoMask");
        undo.setOnAction(e -> vm.undoMask());
        Button clear = new Button("Clear");
        clear.setOnAction(e -> vm.clearMask());
        Button invertPaint = new Button("Invert");
        invertPaint.setOnAction(e -> vm.invertPaintedMask());
        HBox brushRow = new HBox(6, new Label("Brush"), brush, eraser);
        HBox editRow = new HBox(6, undo, clear, invertPaint);
        Button openMask = new Button("Open mask...");
        openMask.setId("openMask");
        openMask.setOnAction(e -> choose(openMask, "Choose the mask (white = repaint)").ifPresent(f -> vm.openMask(f.toPath())));
        Label maskName = new Label();
        maskName.textProperty().bind(vm.maskNameProperty());
        Spinner<Integer> blur = NumberFields.spinner("maskBlur", Parameters.MASK_BLUR.min(), Parameters.MASK_BLUR.max(), vm.maskBlurProperty());
        CheckBox invert = new CheckBox("Inpaint not masked");
        invert.selectedProperty().bindBidirectional(vm.invertMaskProperty());
        ComboBox<Inpaint.MaskedContent> content = new ComboBox<>();
        content.setId("maskedContent");
        content.getItems().setAll(Inpaint.MaskedContent.values());
        Labels.readable(content, Labels::of);
        content.valueProperty().bindBidirectional(vm.maskedContentProperty());
        ComboBox<Inpaint.Area> area = new ComboBox<>();
        area.setId("inpaintArea");
        area.getItems().setAll(Inpaint.Area.values());
        Labels.readable(area, Labels::of);
        area.valueProperty().bindBidirectional(vm.inpaintAreaProperty());
        Spinner<Integer> padding = NumberFields.spinner("inpaintPadding", Parameters.INPAINT_PADDING.min(), Parameters.INPAINT_PADDING.max(),
                vm.inpaintPaddingProperty());

        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        int row = 0;
        grid.addRow(row++, new Label("Mask"), new HBox(6, openMask, maskName));
        // One setting a row: side by side in a 360-pixel column they cut each other's labels short.
        grid.addRow(row++, new Label("Mask blur"), blur);
        grid.add(invert, 1, row++);
        grid.addRow(row++, new Label("Content"), content);
        grid.addRow(row++, new Label("Area"), area);
        grid.addRow(row++, new Label("Padding"), padding);
        Labels.keepFieldNames(grid);
        Labels.wrapping(maskName);
        Tooltip.install(padding, new Tooltip("Only masked: pixels of the picture around the mask that the model sees"));
        return new VBox(6, canvas, brushRow, editRow, grid);
    }

    /**
     * The source with the mask over it in translucent red; drag to paint, with the eraser to erase. It fills
     * the column's width (which grows with the window), zooms up to 4x inside a scroll pane, and a circle
     * under the pointer shows the brush's size on the picture.
     */
    private static VBox paintCanvas(SourceViewModel vm) {
        ImageView picture = new ImageView();
        ImageView overlay = new ImageView();
        javafx.scene.shape.Circle brush = new javafx.scene.shape.Circle();
        brush.setId("brushCursor");
        brush.getStyleClass().add("brush-cursor");
        brush.setFill(null);
        brush.setMouseTransparent(true);
        brush.setVisible(false);
        brush.setManaged(false);
        javafx.scene.layout.Pane pane = new javafx.scene.layout.Pane(picture, overlay, brush);
        pane.setId("maskCanvas");
        ScrollPane scroller = new ScrollPane(pane);
        scroller.setId("maskScroll");
        scroller.setMinHeight(120);
        Slider zoom = new Slider(1, 4, 1);
        zoom.setId("maskZoom");
        zoom.setMajorTickUnit(1);
        zoom.setMinorTickCount(0);
        zoom.setSnapToTicks(true);
        Label zoomValue = new Label();
        zoomValue.textProperty().bind(zoom.valueProperty().asString("%.0fx"));
        javafx.beans.binding.DoubleBinding fit = scroller.widthProperty().subtract(4).multiply(zoom.valueProperty());
        for (ImageView v : new ImageView[] {picture, overlay}) {
            v.fitWidthProperty().bind(fit);
            v.setPreserveRatio(true);
        }
        // The viewport is as high as the picture at 1x; zoomed in, it scrolls.
        scroller.prefViewportHeightProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(() -> {
            java.awt.image.BufferedImage s = vm.sourceImageProperty().get();
            double width = Math.max(0, scroller.getWidth() - 4);
            return s == null ? 120 : width * s.getHeight() / s.getWidth();
        }, scroller.widthProperty(), vm.sourceImageProperty()));
        vm.sourceImageProperty().addListener((obs, old, image) ->
                picture.setImage(image == null ? null : SwingFXUtils.toFXImage(image, null)));
        vm.maskImageProperty().addListener((obs, old, mask) -> overlay.setImage(mask == null ? null : redOverlay(mask)));
        java.util.function.DoubleSupplier pictureScale = () -> {
            java.awt.image.BufferedImage source = vm.sourceImageProperty().get();
            double shown = picture.getBoundsInParent().getWidth();
            return source == null || shown <= 0 ? 0 : source.getWidth() / shown;
        };
        brush.radiusProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(() -> {
            double scale = pictureScale.getAsDouble();
            return scale == 0 ? 0 : vm.brushSizeProperty().get() / 2.0 / scale;
        }, vm.brushSizeProperty(), picture.boundsInParentProperty(), vm.sourceImageProperty()));
        javafx.event.EventHandler<javafx.scene.input.MouseEvent> follow = e -> {
            brush.setCenterX(e.getX());
            brush.setCenterY(e.getY());
            brush.setVisible(vm.sourceImageProperty().get() != null);
        };
        javafx.event.EventHandler<javafx.scene.input.MouseEvent> paint = e -> {
            follow.handle(e);
            double scale = pictureScale.getAsDouble();
            if (scale > 0) {
                vm.brushAt(e.getX() * scale, e.getY() * scale);
            }
        };
        pane.setOnMouseMoved(follow);
        pane.setOnMouseExited(e -> brush.setVisible(false));
        pane.setOnMousePressed(paint);
        pane.setOnMouseDragged(paint);
        pane.setOnMouseReleased(e -> vm.endBrushStroke());
        HBox zoomRow = new HBox(6, new Label("Zoom"), zoom, zoomValue);
        zoomRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return new VBox(4, scroller, zoomRow);
    }

    private static javafx.scene.image.Image redOverlay(java.awt.image.BufferedImage mask) {
        javafx.scene.image.WritableImage out = new javafx.scene.image.WritableImage(mask.getWidth(), mask.getHeight());
        javafx.scene.image.PixelWriter writer = out.getPixelWriter();
        java.awt.image.Raster raster = mask.getRaster();
        for (int y = 0; y < mask.getHeight(); y++) {
            for (int x = 0; x < mask.getWidth(); x++) {
                int v = raster.getSample(x, y, 0);
                writer.setArgb(x, y, v > 127 ? 0x88FF3030 : 0);
            }
        }
        return out;
    }

    private static ImageView thumbnail(javafx.beans.property.ObjectProperty<java.awt.image.BufferedImage> picture) {
        ImageView view = new ImageView();
        view.setFitWidth(96);
        view.setFitHeight(96);
        view.setPreserveRatio(true);
        picture.addListener((obs, old, image) -> view.setImage(image == null ? null : SwingFXUtils.toFXImage(image, null)));
        return view;
    }

    private static java.util.Optional<File> choose(Button owner, String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Pictures", "*.png", "*.jpg", "*.jpeg",
                "*.bmp", "*.gif", "*.webp"));
        return java.util.Optional.ofNullable(chooser.showOpenDialog(owner.getScene().getWindow()));
    }
}
