package org.sandpaint.studio;

import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.io.File;

/** PNG Info: open (or drop) a PNG, see the picture and its parameters, send them to a mode. */
final class PngInfoWindow {

    private final Stage stage = new Stage();

    PngInfoWindow(Window owner, PngInfoViewModel vm) {
        stage.initOwner(owner);
        stage.setTitle("PNG Info - Sandpaint Studio");
        Button open = new Button("Open PNG...");
        open.setId("pngInfoOpen");
        open.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Choose a PNG (from this studio or the WebUI)");
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG pictures", "*.png"));
            File file = chooser.showOpenDialog(stage);
            if (file != null) {
                vm.open(file.toPath());
            }
        });
        Label name = new Label();
        name.setId("pngInfoFile");
        name.textProperty().bind(vm.fileNameProperty());
        Labels.wrapping(name);
        HBox top = new HBox(8, open, name);
        top.setAlignment(Pos.CENTER_LEFT);

        ImageView picture = new ImageView();
        picture.setId("pngInfoPicture");
        picture.setPreserveRatio(true);
        StackPane frame = new StackPane(picture);
        frame.getStyleClass().add("preview-frame");
        frame.setMinSize(120, 120);
        vm.pictureProperty().addListener((obs, old, image) ->
                picture.setImage(image == null ? null : SwingFXUtils.toFXImage(image, null)));
        Runnable fit = () -> PreviewPane.fit(picture, frame, false);
        frame.widthProperty().addListener((obs, o, n) -> fit.run());
        frame.heightProperty().addListener((obs, o, n) -> fit.run());
        picture.imageProperty().addListener((obs, o, n) -> fit.run());

        TextArea text = new TextArea();
        text.setId("pngInfoText");
        text.setEditable(false);
        text.setWrapText(true);
        text.textProperty().bind(vm.textProperty());
        VBox.setVgrow(text, Priority.ALWAYS);
        Label notes = new Label();
        notes.setId("pngInfoNotes");
        notes.getStyleClass().add("error");
        notes.setWrapText(true);
        notes.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        vm.notes().addListener((ListChangeListener<String>) c -> notes.setText(String.join("\n", vm.notes())));
        notes.visibleProperty().bind(Bindings.isNotEmpty(vm.notes()));
        notes.managedProperty().bind(notes.visibleProperty());
        HBox send = new HBox(6);
        for (Mode mode : Mode.values()) {
            Button to = new Button("Send to " + mode.toString().toLowerCase(java.util.Locale.ROOT));
            to.setId("pngInfoSend" + mode.name());
            to.disableProperty().bind(vm.textProperty().isEmpty());
            to.setOnAction(e -> vm.sendTo(mode));
            send.getChildren().add(to);
        }
        ScrollPane sendScroll = new ScrollPane(send);
        sendScroll.setFitToHeight(true);
        sendScroll.setMinHeight(44);
        sendScroll.setVbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        sendScroll.getStyleClass().add("edge-to-edge");
        VBox right = new VBox(6, new Label("Parameters"), text, notes, sendScroll);
        SplitPane split = new SplitPane(frame, right);
        split.setDividerPositions(0.45);
        VBox.setVgrow(split, Priority.ALWAYS);
        VBox root = new VBox(8, top, split);
        root.setId("pngInfo");
        root.setPadding(new Insets(10));
        root.getStyleClass().add("studio");
        PngDropTarget.install(root, vm::open);
        Scene scene = new Scene(root, 900, 560);
        scene.getStylesheets().add(MainView.class.getResource("studio.css").toExternalForm());
        stage.setScene(scene);
    }

    void show() {
        stage.show();
        stage.toFront();
    }
}
