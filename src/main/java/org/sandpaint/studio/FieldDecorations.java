package org.sandpaint.studio;

import javafx.scene.Scene;
import javafx.scene.control.Control;
import javafx.scene.layout.Region;
import org.controlsfx.control.decoration.Decoration;
import org.controlsfx.control.decoration.Decorator;
import org.controlsfx.control.decoration.GraphicDecoration;
import org.controlsfx.validation.ValidationMessage;
import org.controlsfx.validation.decoration.GraphicValidationDecoration;

/**
 * Draws a field's {@link FieldCheck} on the field: ControlsFX's error mark at its corner, with the message
 * as the mark's tooltip, as JabRef shows its validators. The view model decides; this only draws.
 */
final class FieldDecorations {

    private FieldDecorations() {
    }

    /**
     * Puts ControlsFX's decoration pane above the window's root before the window is shown. ControlsFX
     * otherwise does it at the first mark, and moving the root then lays the window out anew, a pixel or
     * two off the first layout.
     */
    static void prepare(Scene scene) {
        Decoration none = new GraphicDecoration(new Region());
        Decorator.addDecoration(scene.getRoot(), none);
        Decorator.removeDecoration(scene.getRoot(), none);
    }

    static void show(Control field, FieldCheck check) {
        GraphicValidationDecoration decoration = new GraphicValidationDecoration();
        check.messageProperty().addListener((obs, old, message) -> draw(decoration, field, message));
        draw(decoration, field, check.messageProperty().get());
    }

    private static void draw(GraphicValidationDecoration decoration, Control field, String message) {
        decoration.removeDecorations(field);
        if (!message.isEmpty()) {
            decoration.applyValidationDecoration(ValidationMessage.error(field, message));
        }
    }
}
