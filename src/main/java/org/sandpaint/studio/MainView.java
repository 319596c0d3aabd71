package org.sandpaint.studio;

import org.sandpaint.engine.Parameters;
import javafx.beans.binding.Bindings;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;
import org.sandpaint.engine.PreviewMethod;
import org.sandpaint.engine.Sampler;

import java.io.File;

/** The main window's controls, bound to a {@link GenerationViewModel}; no logic of its own. */
public final class MainView {

    private final GenerationViewModel vm;
    private final BorderPane root = new BorderPane();

    public MainView(GenerationViewModel vm) {
        this.vm = vm;
        root.setTop(topBar());
        root.setLeft(parameters());
        root.setCenter(previewPane());
        root.setBottom(historyStrip());
        root.setPadding(new Insets(10));
        root.getStyleClass().add("studio");
        // Dropping a PNG (ours or the WebUI's) restores the parameters it was made with.
        root.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(javafx.scene.input.TransferMode.COPY);
            }
            e.consume();
        });
        root.setOnDragDropped(e -> {
            boolean done = e.getDragboard().hasFiles();
            if (done) {
                vm.restoreFrom(e.getDragboard().getFiles().get(0).toPath());
            }
            e.setDropCompleted(done);
            e.consume();
        });
    }

    /** Every saved picture, newest at the right: click to view, right-click for more. */
    private javafx.scene.control.ListView<History.Entry> historyStrip() {
        javafx.scene.control.ListView<History.Entry> list = new javafx.scene.control.ListView<>(vm.historyEntries());
        list.setId("history");
        list.setOrientation(javafx.geometry.Orientation.HORIZONTAL);
        list.setPrefHeight(96);
        list.setCellFactory(v -> new HistoryCell(vm));
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, entry) -> {
            if (entry != null) {
                vm.show(entry);
            }
        });
        vm.historyEntries().addListener((javafx.collections.ListChangeListener<History.Entry>) c ->
                list.scrollTo(vm.historyEntries().size() - 1));
        BorderPane.setMargin(list, new Insets(10, 0, 0, 0));
        return list;
    }

    public Parent root() {
        return root;
    }

    private VBox topBar() {
        Label model = new Label();
        model.setId("modelName");
        model.textProperty().bind(vm.modelNameProperty());
        model.getStyleClass().add("model-name");
        Button open = new Button("Open model...");
        open.setId("openModel");
        open.setOnAction(e -> chooseModel(root.getScene().getWindow()));
        ComboBox<org.sandpaint.engine.Device> device = new ComboBox<>();
        device.setId("device");
        device.getItems().setAll(org.sandpaint.engine.Device.AUTO, org.sandpaint.engine.Device.CPU,
                org.sandpaint.engine.Device.parse("cuda"));
        device.valueProperty().bindBidirectional(vm.deviceProperty());
        device.setTooltip(new Tooltip("auto: the GPU when CUDA works, else the CPU"));
        Button outputs = new Button("Output folder...");
        outputs.setId("outputFolder");
        Label outputPath = new Label();
        outputPath.textProperty().bind(vm.outputFolderProperty().asString());
        outputs.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Where to save pictures");
            File dir = chooser.showDialog(root.getScene().getWindow());
            if (dir != null) {
                vm.outputFolderProperty().set(dir.toPath());
            }
        });
        javafx.scene.layout.Region gap = new javafx.scene.layout.Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox modelRow = new HBox(8, new Label("Model:"), model, open, new Label("Device:"), device, gap, outputs, outputPath);
        modelRow.setAlignment(Pos.CENTER_LEFT);

        TextArea prompt = promptArea("prompt", "Prompt (Ctrl+Enter to generate)", vm.promptProperty());
        TextArea negative = promptArea("negativePrompt", "Negative prompt", vm.negativePromptProperty());
        prompt.setPrefRowCount(3);
        negative.setPrefRowCount(2);
        Label promptTokens = counter("promptTokens");
        promptTokens.textProperty().bind(vm.promptTokensProperty());
        Label negativeTokens = counter("negativeTokens");
        negativeTokens.textProperty().bind(vm.negativeTokensProperty());

        Button generate = new Button("Generate");
        generate.setId("generate");
        generate.setDefaultButton(false);
        generate.getStyleClass().add("generate");
        generate.disableProperty().bind(vm.canGenerateProperty().not());
        generate.setOnAction(e -> vm.generate());
        generate.setMaxWidth(Double.MAX_VALUE);
        Button interrupt = new Button("Interrupt (Esc)");
        interrupt.setId("interrupt");
        interrupt.disableProperty().bind(vm.runningProperty().not());
        interrupt.setOnAction(e -> vm.interrupt());
        Button skip = new Button("Skip");
        skip.setId("skip");
        skip.disableProperty().bind(vm.runningProperty().not());
        skip.setOnAction(e -> vm.skip());
        HBox small = new HBox(6, interrupt, skip);
        VBox buttons = new VBox(6, generate, small);
        buttons.setPrefWidth(220);
        generate.setPrefHeight(56);

        VBox prompts = new VBox(4, new StackPane(prompt, promptTokens), new StackPane(negative, negativeTokens));
        HBox.setHgrow(prompts, Priority.ALWAYS);
        HBox promptRow = new HBox(10, prompts, buttons);
        VBox top = new VBox(8, modelRow, promptRow);
        top.setPadding(new Insets(0, 0, 10, 0));
        return top;
    }

    private static TextArea promptArea(String id, String hint, javafx.beans.property.StringProperty text) {
        TextArea area = new TextArea();
        area.setId(id);
        area.setPromptText(hint);
        area.setWrapText(true);
        area.textProperty().bindBidirectional(text);
        return area;
    }

    private static Label counter(String id) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().add("token-counter");
        StackPane.setAlignment(label, Pos.TOP_RIGHT);
        StackPane.setMargin(label, new Insets(4, 18, 0, 0));
        label.setMouseTransparent(true);
        return label;
    }

    private VBox parameters() {
        ComboBox<Mode> mode = new ComboBox<>();
        mode.setId("mode");
        mode.getItems().setAll(Mode.values());
        mode.valueProperty().bindBidirectional(vm.modeProperty());
        mode.setMaxWidth(Double.MAX_VALUE);
        // The source (and the mask canvas) come first, so the painting area is in view in those modes.
        VBox column = new VBox(8, mode, SourcePanel.build(vm), settings());
        column.setPrefWidth(360);
        column.setPadding(new Insets(0, 12, 0, 0));
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(column);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("edge-to-edge");
        scroll.setId("parameters");
        return new VBox(scroll);
    }

    private GridPane settings() {
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        int row = 0;

        ComboBox<Sampler> sampler = new ComboBox<>();
        sampler.setId("sampler");
        sampler.getItems().setAll(Sampler.values());
        sampler.valueProperty().bindBidirectional(vm.samplerProperty());
        grid.addRow(row++, new Label("Sampler"), sampler);

        grid.addRow(row++, new Label("Steps"), sliderWithSpinner("steps", Parameters.STEPS.min(), Parameters.STEPS.max(), vm.stepsProperty()));

        Slider cfg = new Slider(Parameters.CFG_SCALE.min(), Parameters.CFG_SCALE.max(), Parameters.CFG_SCALE.defaultValue());
        cfg.setId("cfgScale");
        cfg.setMajorTickUnit(Parameters.CFG_SCALE.step());
        cfg.setSnapToTicks(true);
        cfg.setBlockIncrement(Parameters.CFG_SCALE.step());
        cfg.valueProperty().bindBidirectional(vm.cfgScaleProperty());
        Label cfgValue = new Label();
        cfgValue.textProperty().bind(Bindings.format("%.1f", vm.cfgScaleProperty()));
        grid.addRow(row++, new Label("CFG scale"), new HBox(6, cfg, cfgValue));

        HBox clip = sliderWithSpinner("clipSkip", Parameters.CLIP_SKIP.min(), Parameters.CLIP_SKIP.max(), vm.clipSkipProperty());
        Tooltip.install(clip, new Tooltip("CLIP skip: use an earlier layer of the text encoder. 1 = last layer "
                + "(the default); 2 = penultimate, which many anime and artistic models are made for."));
        grid.addRow(row++, new Label("CLIP skip"), clip);

        Spinner<Integer> width = sizeSpinner("width", vm.widthProperty());
        Spinner<Integer> height = sizeSpinner("height", vm.heightProperty());
        Button swap = new Button("\u21c4");
        swap.setId("swapSize");
        swap.setTooltip(new Tooltip("Swap width and height"));
        swap.setOnAction(e -> vm.swapSize());
        grid.addRow(row++, new Label("Width"), new HBox(6, width, swap));
        grid.addRow(row++, new Label("Height"), height);
        HBox presets = new HBox(4);
        for (int size : new int[] {512, 768, 1024}) {
            Button preset = new Button(size + "\u00b2");
            preset.setOnAction(e -> {
                vm.widthProperty().set(size);
                vm.heightProperty().set(size);
            });
            presets.getChildren().add(preset);
        }
        grid.addRow(row++, new Label("Presets"), presets);

        grid.addRow(row++, new Label("Batch count"), intSpinner("batchCount", Parameters.BATCH_COUNT.min(), Parameters.BATCH_COUNT.max(), vm.batchCountProperty()));
        grid.addRow(row++, new Label("Batch size"), intSpinner("batchSize", Parameters.BATCH_SIZE.min(), Parameters.BATCH_SIZE.max(), vm.batchSizeProperty()));

        TextField seed = new TextField();
        seed.setId("seed");
        seed.setPrefColumnCount(11);
        seed.textProperty().bindBidirectional(vm.seedTextProperty());
        Button dice = new Button("\u2684");
        dice.setId("randomSeed");
        dice.setTooltip(new Tooltip("Random seed (-1)"));
        dice.setOnAction(e -> vm.randomSeed());
        Button recycle = new Button("\u267b");
        recycle.setId("reuseSeed");
        recycle.setTooltip(new Tooltip("Reuse the last seed"));
        recycle.setOnAction(e -> vm.reuseLastSeed());
        grid.addRow(row++, new Label("Seed"), new HBox(6, seed, dice, recycle));

        ComboBox<PreviewMethod> method = new ComboBox<>();
        method.setId("previewMethod");
        method.getItems().setAll(PreviewMethod.values());
        method.valueProperty().bindBidirectional(vm.previewMethodProperty());
        Spinner<Integer> every = intSpinner("previewEvery", Parameters.PREVIEW_EVERY.min(), Parameters.PREVIEW_EVERY.max(), vm.previewEveryProperty());
        Tooltip.install(every, new Tooltip("A preview every N steps (0 = none). Full decodes with the VAE at "
                + "each checkpoint and shows a cheap approximation in between."));
        grid.addRow(row++, new Label("Preview"), new HBox(6, every, method));

        Label invalid = new Label();
        invalid.setId("validation");
        invalid.getStyleClass().add("error");
        invalid.setWrapText(true);
        invalid.textProperty().bind(vm.validationProperty());
        grid.add(invalid, 0, row, 2, 1);
        return grid;
    }

    private static HBox sliderWithSpinner(String id, int min, int max, javafx.beans.property.IntegerProperty value) {
        Slider slider = new Slider(min, max, value.get());
        slider.setId(id + "Slider");
        slider.setMajorTickUnit(1);
        slider.setSnapToTicks(true);
        slider.setBlockIncrement(1);
        slider.valueProperty().addListener((obs, old, v) -> value.set((int) Math.round(v.doubleValue())));
        value.addListener((obs, old, v) -> slider.setValue(v.intValue()));
        Spinner<Integer> spinner = intSpinner(id, min, max, value);
        HBox.setHgrow(slider, Priority.ALWAYS);
        return new HBox(6, slider, spinner);
    }

    private static Spinner<Integer> intSpinner(String id, int min, int max, javafx.beans.property.IntegerProperty value) {
        Spinner<Integer> spinner = new Spinner<>(min, max, value.get());
        spinner.setId(id);
        spinner.setEditable(true);
        spinner.setPrefWidth(80);
        spinner.getValueFactory().valueProperty().addListener((obs, old, v) -> value.set(v));
        value.addListener((obs, old, v) -> spinner.getValueFactory().setValue(v.intValue()));
        return spinner;
    }

    private static Spinner<Integer> sizeSpinner(String id, javafx.beans.property.IntegerProperty value) {
        Spinner<Integer> spinner = intSpinner(id, Parameters.WIDTH.min(), Parameters.WIDTH.max(), value);
        spinner.setPrefWidth(100);
        ((javafx.scene.control.SpinnerValueFactory.IntegerSpinnerValueFactory) spinner.getValueFactory()).setAmountToStepBy(Parameters.WIDTH.step());
        return spinner;
    }

    private VBox previewPane() {
        ImageView image = new ImageView();
        image.setId("preview");
        image.setPreserveRatio(true);
        image.setSmooth(true);
        vm.previewImageProperty().addListener((obs, old, picture) ->
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
        bar.progressProperty().bind(vm.progressProperty());
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
        return new VBox(6, frame, filmstrip(), bar, status, error, queueList());
    }

    /** Scrub through the last job's checkpoint previews to watch the picture condense out of the noise. */
    private HBox filmstrip() {
        Slider scrub = new Slider(0, 0, 0);
        scrub.setId("filmstrip");
        scrub.setMajorTickUnit(1);
        scrub.setMinorTickCount(0);
        scrub.setSnapToTicks(true);
        scrub.setBlockIncrement(1);
        HBox.setHgrow(scrub, Priority.ALWAYS);
        Label step = new Label();
        vm.checkpoints().addListener((javafx.collections.ListChangeListener<GenerationViewModel.Checkpoint>) c -> {
            scrub.setMax(Math.max(0, vm.checkpoints().size() - 1));
            scrub.setValue(scrub.getMax());
        });
        scrub.valueProperty().addListener((obs, old, v) -> {
            int i = (int) Math.round(v.doubleValue());
            if (i < vm.checkpoints().size()) {
                step.setText("step " + vm.checkpoints().get(i).step());
                if (!vm.runningProperty().get()) {
                    vm.showCheckpoint(i);
                }
            }
        });
        HBox strip = new HBox(8, new Label("Checkpoints"), scrub, step);
        strip.setAlignment(Pos.CENTER_LEFT);
        strip.visibleProperty().bind(Bindings.size(vm.checkpoints()).greaterThan(1).and(vm.runningProperty().not()));
        strip.managedProperty().bind(strip.visibleProperty());
        return strip;
    }

    /** Jobs waiting behind the running one; each can be removed. */
    private javafx.scene.control.ListView<org.sandpaint.engine.GenerationRequest> queueList() {
        javafx.scene.control.ListView<org.sandpaint.engine.GenerationRequest> list =
                new javafx.scene.control.ListView<>(vm.queue());
        list.setId("queue");
        list.setPrefHeight(70);
        list.visibleProperty().bind(Bindings.isNotEmpty(vm.queue()));
        list.managedProperty().bind(list.visibleProperty());
        list.setCellFactory(v -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(org.sandpaint.engine.GenerationRequest r, boolean empty) {
                super.updateItem(r, empty);
                if (empty || r == null) {
                    setGraphic(null);
                    setText(null);
                    return;
                }
                Button remove = new Button("\u2715");
                remove.setOnAction(e -> vm.removeQueued(r));
                setText("Queued: " + r.prompt() + "  (" + r.steps() + " steps, " + r.width() + "x" + r.height() + ")");
                setGraphic(remove);
            }
        });
        return list;
    }

    private void chooseModel(Window owner) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Choose an ONNX Stable Diffusion model folder");
        File dir = chooser.showDialog(owner);
        if (dir != null) {
            vm.loadModel(dir.toPath());
        }
    }
}
