package org.sandpaint.studio;

import org.sandpaint.engine.Parameters;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
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

        VBox inpaint = inpaintControls(vm);
        inpaint.visibleProperty().bind(main.modeProperty().isEqualTo(Mode.INPAINT));
        inpaint.managedProperty().bind(inpaint.visibleProperty());
        source.visibleProperty().bind(main.modeProperty().isEqualTo(Mode.IMAGE_TO_IMAGE));
        source.managedProperty().bind(source.visibleProperty());
        VBox box = new VBox(6, source, grid, inpaint);
        box.setPadding(new Insets(6, 0, 0, 0));
        box.visibleProperty().bind(main.modeProperty().isNotEqualTo(Mode.TEXT_TO_IMAGE));
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private static VBox inpaintControls(SourceViewModel vm) {
        javafx.scene.layout.StackPane canvas = paintCanvas(vm);
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
        Tooltip.install(padding, new Tooltip("Only masked: pixels of the picture around the mask that the model sees"));
        return new VBox(6, canvas, brushRow, editRow, grid);
    }

    /** The source with the mask over it in translucent red; drag to paint, with the eraser to erase. */
    private static javafx.scene.layout.StackPane paintCanvas(SourceViewModel vm) {
        ImageView picture = new ImageView();
        ImageView overlay = new ImageView();
        for (ImageView v : new ImageView[] {picture, overlay}) {
            v.setFitWidth(320);
            v.setFitHeight(320);
            v.setPreserveRatio(true);
        }
        vm.sourceImageProperty().addListener((obs, old, image) ->
                picture.setImage(image == null ? null : SwingFXUtils.toFXImage(image, null)));
        vm.maskImageProperty().addListener((obs, old, mask) -> overlay.setImage(mask == null ? null : redOverlay(mask)));
        javafx.scene.layout.StackPane pane = new javafx.scene.layout.StackPane(picture, overlay);
        pane.setId("maskCanvas");
        pane.setAlignment(javafx.geometry.Pos.TOP_LEFT);
        pane.setMinHeight(120);
        javafx.event.EventHandler<javafx.scene.input.MouseEvent> paint = e -> {
            java.awt.image.BufferedImage source = vm.sourceImageProperty().get();
            if (source == null || picture.getBoundsInParent().getWidth() <= 0) {
                return;
            }
            double scale = source.getWidth() / picture.getBoundsInParent().getWidth();
            vm.brushAt(e.getX() * scale, e.getY() * scale);
        };
        pane.setOnMousePressed(paint);
        pane.setOnMouseDragged(paint);
        pane.setOnMouseReleased(e -> vm.endBrushStroke());
        return pane;
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
