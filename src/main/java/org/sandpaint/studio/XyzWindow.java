package org.sandpaint.studio;

import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.sandpaint.plot.AxisType;

/** The X/Y/Z plot panel: per axis a type and its values, the service's message under each, and Run. */
final class XyzWindow {

    private final Stage stage = new Stage();

    XyzWindow(Window owner, XyzViewModel vm) {
        stage.initOwner(owner);
        stage.setTitle("X/Y/Z plot - Sandpaint Studio");
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(4);
        ColumnConstraints names = new ColumnConstraints();
        names.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints types = new ColumnConstraints();
        types.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().setAll(names, types, values);
        int row = 0;
        for (XyzViewModel.AxisInput axis : vm.axes()) {
            ComboBox<AxisType> type = new ComboBox<>();
            type.setId("xyzType" + axis.letter());
            type.getItems().add(null);
            type.getItems().addAll(vm.types());
            type.setConverter(new javafx.util.StringConverter<>() {
                @Override
                public String toString(AxisType t) {
                    return t == null ? "Nothing" : t.label();
                }

                @Override
                public AxisType fromString(String text) {
                    return vm.types().stream().filter(t -> t.label().equals(text)).findFirst().orElse(null);
                }
            });
            type.setButtonCell(new javafx.scene.control.ListCell<>() {
                @Override
                protected void updateItem(AxisType t, boolean empty) {
                    super.updateItem(t, empty);
                    setText(empty ? "" : t == null ? "Nothing" : t.label());
                }
            });
            type.valueProperty().bindBidirectional(axis.typeProperty());
            TextField text = new TextField();
            text.setId("xyzValues" + axis.letter());
            text.setPromptText("e.g. 10, 20, 30 or 1-5 or 1-10 (+2) or 10-20 [5]");
            text.textProperty().bindBidirectional(axis.valuesProperty());
            text.disableProperty().bind(axis.typeProperty().isNull());
            Label message = new Label();
            message.setId("xyzMessage" + axis.letter());
            message.getStyleClass().add("error");
            message.setWrapText(true);
            message.setMinHeight(Region.USE_PREF_SIZE);
            message.textProperty().bind(axis.messageProperty());
            message.visibleProperty().bind(axis.messageProperty().isEmpty().not());
            message.managedProperty().bind(message.visibleProperty());
            Label name = new Label(axis.letter() + " axis");
            grid.addRow(row++, name, type, text);
            grid.add(message, 2, row++);
        }
        Label summary = new Label();
        summary.setId("xyzSummary");
        summary.textProperty().bind(vm.summaryProperty());
        Label problem = new Label();
        problem.setId("xyzProblem");
        problem.getStyleClass().add("error");
        problem.setWrapText(true);
        problem.setMinHeight(Region.USE_PREF_SIZE);
        problem.textProperty().bind(vm.problemProperty());
        // An axis's own message already stands under its field; this line says the rest (no model, a size).
        problem.visibleProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(() -> vm.axes().stream()
                .noneMatch(a -> a.messageProperty().get().equals(vm.problemProperty().get())), vm.problemProperty()));
        problem.managedProperty().bind(problem.visibleProperty());
        Button run = new Button("Run plot");
        run.setId("xyzRun");
        run.getStyleClass().add("generate");
        run.setTooltip(new Tooltip("One job with the main window's settings; each cell and the grid are saved to the history"));
        run.disableProperty().bind(vm.problemProperty().isEmpty().not());
        run.setOnAction(e -> vm.run());
        Label help = new Label("Each axis varies one setting of the main window; the other settings stay as they are. "
                + "Values as in the WebUI: lists (10, 20), ranges (1-5), steps (1-10 (+2)) and counts (10-20 [5]); "
                + "Prompt S/R replaces its first value in the prompt by each value.");
        help.setWrapText(true);
        help.setMinHeight(Region.USE_PREF_SIZE);
        VBox root = new VBox(10, help, grid, summary, problem, run);
        root.setId("xyz");
        root.setPadding(new Insets(10));
        root.getStyleClass().add("studio");
        ScrollPane scroll = new ScrollPane(root);
        scroll.setFitToWidth(true);
        Scene scene = new Scene(scroll, 640, 420);
        scene.getStylesheets().add(MainView.class.getResource("studio.css").toExternalForm());
        stage.setScene(scene);
    }

    void show() {
        stage.show();
        stage.toFront();
    }
}
