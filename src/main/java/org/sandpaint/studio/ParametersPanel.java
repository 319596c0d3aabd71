package org.sandpaint.studio;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.sandpaint.engine.PreviewMethod;
import org.sandpaint.engine.Sampler;

import static org.sandpaint.engine.Parameters.BATCH_COUNT;
import static org.sandpaint.engine.Parameters.BATCH_SIZE;
import static org.sandpaint.engine.Parameters.CFG_SCALE;
import static org.sandpaint.engine.Parameters.CLIP_SKIP;
import static org.sandpaint.engine.Parameters.PREVIEW_EVERY;
import static org.sandpaint.engine.Parameters.STEPS;

/** The left column: the mode, the source panel of img2img and inpainting, and the number fields. */
final class ParametersPanel {

    private ParametersPanel() {
    }

    static VBox build(StudioViewModel vm) {
        ParametersViewModel p = vm.parameters();
        ComboBox<Mode> mode = new ComboBox<>();
        mode.setId("mode");
        mode.getItems().setAll(Mode.values());
        mode.valueProperty().bindBidirectional(p.modeProperty());
        mode.setMaxWidth(Double.MAX_VALUE);
        // The source (and the mask canvas) come first, so the painting area is in view in those modes.
        VBox column = new VBox(8, mode, SourcePanel.build(p), settings(vm));
        column.setPrefWidth(360);
        column.setPadding(new Insets(0, 12, 0, 0));
        ScrollPane scroll = new ScrollPane(column);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("edge-to-edge");
        scroll.setId("parameters");
        return new VBox(scroll);
    }

    private static GridPane settings(StudioViewModel vm) {
        ParametersViewModel p = vm.parameters();
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        int row = 0;

        ComboBox<Sampler> sampler = new ComboBox<>();
        sampler.setId("sampler");
        sampler.getItems().setAll(Sampler.values());
        sampler.valueProperty().bindBidirectional(p.samplerProperty());
        Labels.readable(sampler, Sampler::displayName);
        grid.addRow(row++, new Label("Sampler"), sampler);

        grid.addRow(row++, new Label("Steps"),
                NumberFields.sliderWithSpinner("steps", STEPS.min(), STEPS.max(), p.stepsProperty(), p.stepsCheck()));

        Slider cfg = new Slider(CFG_SCALE.min(), CFG_SCALE.max(), CFG_SCALE.defaultValue());
        cfg.setId("cfgScale");
        cfg.setMajorTickUnit(0.5);
        cfg.setSnapToTicks(true);
        cfg.setBlockIncrement(0.5);
        cfg.valueProperty().bindBidirectional(p.cfgScaleProperty());
        FieldDecorations.show(cfg, p.cfgCheck());
        Label cfgValue = new Label();
        cfgValue.textProperty().bind(Bindings.format("%.1f", p.cfgScaleProperty()));
        grid.addRow(row++, new Label("CFG scale"), new HBox(6, cfg, cfgValue));

        HBox clip = NumberFields.sliderWithSpinner("clipSkip", CLIP_SKIP.min(), CLIP_SKIP.max(), p.clipSkipProperty(),
                p.clipSkipCheck());
        Tooltip.install(clip, new Tooltip("CLIP skip: use an earlier layer of the text encoder. 1 = last layer "
                + "(the default); 2 = penultimate, which many anime and artistic models are made for."));
        grid.addRow(row++, new Label("CLIP skip"), clip);

        Spinner<Integer> width = NumberFields.sizeSpinner("width", p.widthProperty());
        Spinner<Integer> height = NumberFields.sizeSpinner("height", p.heightProperty());
        FieldDecorations.show(width, p.widthCheck());
        FieldDecorations.show(height, p.heightCheck());
        Button swap = new Button("\u21c4");
        swap.setId("swapSize");
        swap.setTooltip(new Tooltip("Swap width and height"));
        swap.setOnAction(e -> p.swapSize());
        grid.addRow(row++, new Label("Width"), new HBox(6, width, swap));
        grid.addRow(row++, new Label("Height"), height);
        HBox presets = new HBox(4);
        for (int size : new int[] {512, 768, 1024}) {
            Button preset = new Button(size + "\u00b2");
            preset.setOnAction(e -> p.setSize(size));
            presets.getChildren().add(preset);
        }
        grid.addRow(row++, new Label("Presets"), presets);

        Spinner<Integer> batchCount = NumberFields.spinner("batchCount", BATCH_COUNT.min(), BATCH_COUNT.max(), p.batchCountProperty());
        Spinner<Integer> batchSize = NumberFields.spinner("batchSize", BATCH_SIZE.min(), BATCH_SIZE.max(), p.batchSizeProperty());
        FieldDecorations.show(batchCount, p.batchCheck());
        grid.addRow(row++, new Label("Batch count"), batchCount);
        grid.addRow(row++, new Label("Batch size"), batchSize);

        TextField seed = new TextField();
        seed.setId("seed");
        seed.setPrefColumnCount(11);
        seed.textProperty().bindBidirectional(p.seedTextProperty());
        FieldDecorations.show(seed, p.seedCheck());
        Button dice = new Button("\u2684");
        dice.setId("randomSeed");
        dice.setTooltip(new Tooltip("Random seed (-1)"));
        dice.setOnAction(e -> p.randomSeed());
        Button recycle = new Button("\u267b");
        recycle.setId("reuseSeed");
        recycle.setTooltip(new Tooltip("Reuse the last seed"));
        recycle.setOnAction(e -> vm.reuseLastSeed());
        grid.addRow(row++, new Label("Seed"), new HBox(6, seed, dice, recycle));

        ComboBox<PreviewMethod> method = new ComboBox<>();
        method.setId("previewMethod");
        method.getItems().setAll(PreviewMethod.values());
        method.valueProperty().bindBidirectional(p.previewMethodProperty());
        Labels.readable(method, PreviewMethod::displayName);
        Spinner<Integer> every = NumberFields.spinner("previewEvery", PREVIEW_EVERY.min(), PREVIEW_EVERY.max(), p.previewEveryProperty());
        Tooltip.install(every, new Tooltip("A preview every N steps (0 = none). Full decodes with the VAE at "
                + "each checkpoint and shows a cheap approximation in between."));
        grid.addRow(row++, new Label("Preview"), new HBox(6, every, method));

        Label invalid = new Label();
        invalid.setId("validation");
        invalid.getStyleClass().add("error");
        invalid.setWrapText(true);
        invalid.textProperty().bind(p.validationProperty());
        grid.add(invalid, 0, row, 2, 1);
        return grid;
    }
}
