package org.sandpaint.studio;

import javafx.scene.control.Control;
import org.controlsfx.validation.ValidationMessage;
import org.controlsfx.validation.decoration.GraphicValidationDecoration;

/**
 * Draws a field's {@link FieldCheck} on the field: ControlsFX's error mark at its corner, with the message
 * as the mark's tooltip, as JabRef shows its validators. The view model decides; this only draws.
 */
final class FieldDecorations {

    private FieldDecorations() {
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
