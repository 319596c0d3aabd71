package org.sandpaint.studio;

import javafx.beans.binding.Bindings;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import org.sandpaint.engine.Device;

import java.io.File;

/** The main window: the model and prompt rows on top, the parameters left, the preview, the history below. */
public final class MainView {

    private final StudioViewModel vm;
    private final Runnable showDownloads;
    private final BorderPane root = new BorderPane();

    /** @param showDownloads opens the downloads window, or null for a window without one (tests) */
    public MainView(StudioViewModel vm, Runnable showDownloads) {
        this.vm = vm;
        this.showDownloads = showDownloads;
        root.setId("studio");
        root.setTop(topBar());
        VBox parameters = ParametersPanel.build(vm);
        // The column (and the mask canvas in it) grows with the window: 372 pixels at 1024, a third at 4K.
        parameters.prefWidthProperty().bind(javafx.beans.binding.Bindings.max(372, root.widthProperty().multiply(0.3)));
        parameters.setMinWidth(372);
        root.setLeft(parameters);
        root.setCenter(PreviewPane.build(vm));
        root.setBottom(HistoryStrip.build(vm.history()));
        root.setPadding(new Insets(10));
        root.getStyleClass().add("studio");
        PngDropTarget.install(root, vm::restoreFrom);
    }

    public Parent root() {
        return root;
    }

    /** The window's scene: this view at 1280x800 with the studio's stylesheet, keys and field marks. */
    public static Scene scene(StudioViewModel vm) {
        return scene(vm, null);
    }

    /** The same, with a "Download models..." button that runs {@code showDownloads}. */
    public static Scene scene(StudioViewModel vm, Runnable showDownloads) {
        Scene scene = new Scene(new MainView(vm, showDownloads).root(), 1280, 800);
        scene.getStylesheets().add(MainView.class.getResource("studio.css").toExternalForm());
        Shortcuts.install(scene, vm);
        FieldDecorations.prepare(scene);
        return scene;
    }

    private VBox topBar() {
        ModelViewModel model = vm.model();
        Label name = new Label();
        name.setId("modelName");
        name.textProperty().bind(model.modelNameProperty());
        name.getStyleClass().add("model-name");
        Button open = new Button("Open model...");
        open.setId("openModel");
        open.setOnAction(e -> chooseFolder("Choose a model folder (ONNX or diffusers)", model::load));
        open.setTooltip(new Tooltip("An ONNX Stable Diffusion folder, or a diffusers folder with .safetensors parts"));
        Button openCheckpoint = new Button("Open checkpoint...");
        openCheckpoint.setId("openCheckpoint");
        openCheckpoint.setTooltip(new Tooltip("A single-file SD 1.x / 2.x checkpoint (.safetensors), as model sites "
                + "offer them; a .yaml of the same name beside it is read too"));
        openCheckpoint.setOnAction(e -> chooseCheckpoint(model::load));
        ComboBox<Device> device = new ComboBox<>();
        device.setId("device");
        device.getItems().setAll(Device.AUTO, Device.CPU, Device.parse("cuda"));
        device.valueProperty().bindBidirectional(model.deviceProperty());
        device.setTooltip(new Tooltip("auto: the GPU when CUDA works, else the CPU"));
        Button outputs = new Button("Output folder...");
        outputs.setId("outputFolder");
        Label outputPath = new Label();
        outputPath.textProperty().bind(vm.history().outputFolderProperty().asString());
        outputs.setOnAction(e -> chooseFolder("Where to save pictures", vm.history().outputFolderProperty()::set));
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox modelRow = new HBox(8, new Label("Model:"), name, open, openCheckpoint);
        if (showDownloads != null) {
            Button download = new Button("Download models...");
            download.setId("downloadModels");
            download.setOnAction(e -> showDownloads.run());
            modelRow.getChildren().add(download);
        }
        Button pngInfo = new Button("PNG Info...");
        pngInfo.setId("pngInfo");
        pngInfo.setTooltip(new Tooltip("Open any PNG (ours or the WebUI's): its picture and parameters"));
        pngInfo.setOnAction(e -> pngInfoWindow().show());
        Button xyz = new Button("X/Y/Z plot...");
        xyz.setId("xyzPlot");
        xyz.setTooltip(new Tooltip("Vary up to three settings in one job and get a labelled grid"));
        xyz.setOnAction(e -> {
            if (xyzWindow == null) {
                xyzWindow = new XyzWindow(root.getScene().getWindow(), vm.xyz());
            }
            xyzWindow.show();
        });
        // At 1024 pixels the buttons keep their words; the model's name and the folder's path give way
        // (the path loses its start: its end names the folder).
        outputPath.setMinWidth(0);
        outputPath.setTextOverrun(javafx.scene.control.OverrunStyle.LEADING_ELLIPSIS);
        outputPath.tooltipProperty().bind(Bindings.createObjectBinding(() -> new Tooltip(outputPath.getText()),
                outputPath.textProperty()));
        name.setMinWidth(140);
        modelRow.getChildren().addAll(new Label("Device:"), device, pngInfo, xyz, gap, outputs, outputPath);
        for (javafx.scene.Node n : modelRow.getChildren()) {
            if (n != name && n != outputPath && n instanceof Region r) {
                r.setMinWidth(Region.USE_PREF_SIZE);
            }
        }
        modelRow.setAlignment(Pos.CENTER_LEFT);

        ParametersViewModel p = vm.parameters();
        HBox prompt = promptArea("prompt", vm.promptHintProperty(), p.promptProperty(), 3,
                "promptTokens", p.promptTokensProperty());
        HBox negative = promptArea("negativePrompt", new javafx.beans.property.SimpleStringProperty("Negative prompt"),
                p.negativePromptProperty(), 2, "negativeTokens", p.negativeTokensProperty());

        Button generate = new Button("Generate");
        generate.setId("generate");
        generate.getStyleClass().add("generate");
        generate.disableProperty().bind(vm.canGenerateProperty().not());
        generate.setOnAction(e -> vm.generate());
        generate.setMaxWidth(Double.MAX_VALUE);
        generate.setPrefHeight(56);
        JobsViewModel jobs = vm.jobs();
        Button interrupt = new Button("Stop (Esc)");
        interrupt.setId("interrupt");
        interrupt.setTooltip(new Tooltip("Stops the running job after this step and keeps its picture; waiting jobs still run"));
        interrupt.disableProperty().bind(jobs.runningProperty().not());
        interrupt.setOnAction(e -> jobs.interrupt());
        Button skip = new Button("Skip");
        skip.setId("skip");
        skip.setTooltip(new Tooltip("Abandons the current batch and goes on with the next one"));
        skip.disableProperty().bind(jobs.runningProperty().not());
        skip.setOnAction(e -> jobs.skip());
        Button clearQueue = new Button("Clear queue");
        clearQueue.setId("clearQueue");
        clearQueue.setTooltip(new Tooltip("Removes the waiting jobs; the running one goes on"));
        clearQueue.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(jobs.queue()));
        clearQueue.setOnAction(e -> jobs.clearQueue());
        // Why Generate is greyed out, next to it: the parameters column may be scrolled elsewhere.
        Label hint = new Label();
        hint.setId("generateHint");
        hint.getStyleClass().add("error");
        hint.setWrapText(true);
        hint.textProperty().bind(vm.generateHintProperty());
        hint.visibleProperty().bind(vm.generateHintProperty().isEmpty().not());
        hint.managedProperty().bind(hint.visibleProperty());
        // The styles sit under the buttons: the prompts keep the full height of the top rows.
        VBox buttons = new VBox(6, generate, new HBox(6, interrupt, skip, clearQueue), StylesPicker.build(vm.styles()), hint);
        buttons.setPrefWidth(250);
        buttons.setMinWidth(250);

        VBox prompts = new VBox(4, prompt, negative);
        HBox.setHgrow(prompts, Priority.ALWAYS);
        VBox top = new VBox(8, modelRow, new HBox(10, prompts, buttons));
        top.setPadding(new Insets(0, 0, 10, 0));
        return top;
    }

    /**
     * A prompt box with its token counter ("12/75") beside its lower right corner, outside the text so that
     * it never covers a word (and costs no height). Tab moves to the next field (as in every other field)
     * rather than typing a tab.
     */
    private static HBox promptArea(String id, javafx.beans.value.ObservableStringValue hint, StringProperty text,
                                   int rows, String counterId, javafx.beans.value.ObservableStringValue count) {
        TextArea area = new TextArea();
        area.setId(id);
        area.promptTextProperty().bind(hint);
        area.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.TAB && !e.isControlDown()) {
                e.consume();
                // A text area moves the focus on Ctrl+Tab (its own binding); plain Tab is sent as that.
                area.fireEvent(new javafx.scene.input.KeyEvent(javafx.scene.input.KeyEvent.KEY_PRESSED, "", "",
                        javafx.scene.input.KeyCode.TAB, e.isShiftDown(), true, false, false));
            }
        });
        area.setWrapText(true);
        area.setPrefRowCount(rows);
        area.textProperty().bindBidirectional(text);
        Label counter = new Label();
        counter.setId(counterId);
        counter.getStyleClass().add("token-counter");
        counter.textProperty().bind(count);
        counter.setMinWidth(Region.USE_PREF_SIZE);
        HBox box = new HBox(4, area, counter);
        box.setAlignment(Pos.BOTTOM_LEFT);
        HBox.setHgrow(area, Priority.ALWAYS);
        return box;
    }

    private PngInfoWindow pngInfoWindow;
    private XyzWindow xyzWindow;

    /** Made on first use, then kept: it remembers the last PNG opened. */
    private PngInfoWindow pngInfoWindow() {
        if (pngInfoWindow == null) {
            pngInfoWindow = new PngInfoWindow(root.getScene().getWindow(), vm.pngInfo());
        }
        return pngInfoWindow;
    }

    private void chooseCheckpoint(java.util.function.Consumer<java.nio.file.Path> chosen) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Choose a checkpoint");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Checkpoints (*.safetensors)", "*.safetensors"));
        File file = chooser.showOpenDialog(root.getScene().getWindow());
        if (file != null) {
            chosen.accept(file.toPath());
        }
    }

    private void chooseFolder(String title, java.util.function.Consumer<java.nio.file.Path> chosen) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        File dir = chooser.showDialog(root.getScene().getWindow());
        if (dir != null) {
            chosen.accept(dir.toPath());
        }
    }
}
