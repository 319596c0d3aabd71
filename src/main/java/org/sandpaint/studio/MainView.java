package org.sandpaint.studio;

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
        root.setLeft(ParametersPanel.build(vm));
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
        open.setOnAction(e -> chooseFolder("Choose an ONNX Stable Diffusion model folder", model::load));
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
        HBox modelRow = new HBox(8, new Label("Model:"), name, open);
        if (showDownloads != null) {
            Button download = new Button("Download models...");
            download.setId("downloadModels");
            download.setOnAction(e -> showDownloads.run());
            modelRow.getChildren().add(download);
        }
        modelRow.getChildren().addAll(new Label("Device:"), device, gap, outputs, outputPath);
        modelRow.setAlignment(Pos.CENTER_LEFT);

        ParametersViewModel p = vm.parameters();
        StackPane prompt = promptArea("prompt", "Prompt (Ctrl+Enter to generate)", p.promptProperty(), 3,
                "promptTokens", p.promptTokensProperty());
        StackPane negative = promptArea("negativePrompt", "Negative prompt", p.negativePromptProperty(), 2,
                "negativeTokens", p.negativeTokensProperty());

        Button generate = new Button("Generate");
        generate.setId("generate");
        generate.getStyleClass().add("generate");
        generate.disableProperty().bind(vm.canGenerateProperty().not());
        generate.setOnAction(e -> vm.generate());
        generate.setMaxWidth(Double.MAX_VALUE);
        generate.setPrefHeight(56);
        JobsViewModel jobs = vm.jobs();
        Button interrupt = new Button("Interrupt (Esc)");
        interrupt.setId("interrupt");
        interrupt.disableProperty().bind(jobs.runningProperty().not());
        interrupt.setOnAction(e -> jobs.interrupt());
        Button skip = new Button("Skip");
        skip.setId("skip");
        skip.disableProperty().bind(jobs.runningProperty().not());
        skip.setOnAction(e -> jobs.skip());
        VBox buttons = new VBox(6, generate, new HBox(6, interrupt, skip));
        buttons.setPrefWidth(220);

        VBox prompts = new VBox(4, prompt, negative);
        HBox.setHgrow(prompts, Priority.ALWAYS);
        VBox top = new VBox(8, modelRow, new HBox(10, prompts, buttons));
        top.setPadding(new Insets(0, 0, 10, 0));
        return top;
    }

    /** A prompt box with its token counter ("12/75") in the top right corner. */
    private static StackPane promptArea(String id, String hint, StringProperty text, int rows, String counterId,
                                        javafx.beans.value.ObservableStringValue count) {
        TextArea area = new TextArea();
        area.setId(id);
        area.setPromptText(hint);
        area.setWrapText(true);
        area.setPrefRowCount(rows);
        area.textProperty().bindBidirectional(text);
        Label counter = new Label();
        counter.setId(counterId);
        counter.getStyleClass().add("token-counter");
        counter.textProperty().bind(count);
        counter.setMouseTransparent(true);
        StackPane.setAlignment(counter, Pos.TOP_RIGHT);
        StackPane.setMargin(counter, new Insets(4, 18, 0, 0));
        return new StackPane(area, counter);
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
