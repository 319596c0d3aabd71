package org.sandpaint.studio;

import javafx.scene.control.ComboBox;
import javafx.util.StringConverter;
import org.sandpaint.engine.Inpaint;

import java.util.function.Function;

/** Words a person reads in the drop-downs, never enum names (the WebUI's words where it has them). */
final class Labels {

    private Labels() {
    }

    static <T> void readable(ComboBox<T> box, Function<T, String> label) {
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? "" : label.apply(value);
            }

            @Override
            public T fromString(String text) {
                return box.getItems().stream().filter(v -> label.apply(v).equals(text)).findFirst().orElse(null);
            }
        });
    }

    /**
     * The field names of a two-column form (column 0) keep their full width: a long message in the second
     * column (a file name, "No mask: paint one...") used to squeeze them to "...".
     */
    static void keepFieldNames(javafx.scene.layout.GridPane grid) {
        javafx.scene.layout.ColumnConstraints names = new javafx.scene.layout.ColumnConstraints();
        names.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        javafx.scene.layout.ColumnConstraints fields = new javafx.scene.layout.ColumnConstraints();
        fields.setHgrow(javafx.scene.layout.Priority.ALWAYS);
        fields.setMinWidth(0);
        grid.getColumnConstraints().setAll(names, fields);
        for (javafx.scene.Node n : grid.getChildren()) {
            Integer column = javafx.scene.layout.GridPane.getColumnIndex(n);
            if (n instanceof javafx.scene.control.Label label && (column == null || column == 0)
                    && javafx.scene.layout.GridPane.getColumnSpan(n) == null) {
                label.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            }
        }
    }

    /** A message beside a button (a file name, what is missing) wraps instead of pushing its row wider. */
    static void wrapping(javafx.scene.control.Label message) {
        message.setWrapText(true);
        message.setMinWidth(0);
        javafx.scene.layout.HBox.setHgrow(message, javafx.scene.layout.Priority.ALWAYS);
    }

    /** "original", "latent noise": as the WebUI's "Masked content" choices read. */
    static String of(Inpaint.MaskedContent content) {
        return content.displayName();
    }

    /** "Whole picture", "Only masked": as the WebUI's "Inpaint area" choices read. */
    static String of(Inpaint.Area area) {
        return area.displayName();
    }
}
